import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createUserWithMembership, generatePassword, seedDemo, setUserRole } from '@tessera/api';
import { migrateToLatest, type OpenedDatabase, openDatabase } from '@tessera/db';
import { emailField, isDomainError, roleSchema, slugField } from '@tessera/domain';
import { Command, CommanderError } from 'commander';
import { loadEnv } from './env';

/** Reads all of standard input when it is a pipe or a file; null when it is a terminal. */
async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function withDatabase<T>(fn: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const env = loadEnv();
  if (env.DATABASE_URL !== ':memory:') mkdirSync(path.dirname(path.resolve(env.DATABASE_URL)), { recursive: true });
  const opened = openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(opened.db);
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

function parseOrFail<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  flag: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CommanderError(2, 'tessera.invalid', `Invalid ${flag}: ${String(value)}`);
  return result.data;
}

export function buildCli(): Command {
  const program = new Command('tessera')
    .description('Tessera admin CLI. Uses DATABASE_URL (default ./data/tessera.db).')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('help')
    .description('show this help')
    .action(() => program.outputHelp());

  program
    .command('migrate')
    .description('create the database if needed and apply pending migrations')
    .action(async () => {
      const env = loadEnv();
      const opened = openDatabase(env.DATABASE_URL);
      try {
        const results = await migrateToLatest(opened.db);
        console.log(
          results.length === 0
            ? 'Database is up to date.'
            : results.map((r) => `applied ${r.migrationName}`).join('\n'),
        );
      } finally {
        await opened.close();
      }
    });

  program
    .command('seed-demo')
    .description('load the demo organisations, users and funders (safe to run again)')
    .action(async () => {
      const { created } = await withDatabase(({ db }) => seedDemo(db));
      console.log(
        created === 0 ? 'Demo data already present; nothing changed.' : `Demo data loaded (${created} records).`,
      );
    });

  program
    .command('user:create')
    .description('add a user to an organisation; the password is read from stdin, or generated and printed once')
    .requiredOption('--email <email>', 'the user’s email')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--role <role>', 'admin | coordinator | finance | viewer')
    .option('--name <name>', 'display name (defaults to the part of the email before @)')
    .action(async (opts: { email: string; org: string; role: string; name?: string }) => {
      const email = parseOrFail(emailField, opts.email, '--email');
      const org = parseOrFail(slugField, opts.org, '--org');
      const role = parseOrFail(roleSchema, opts.role, '--role');
      const piped = (await readStdin())?.replace(/\r?\n$/, '') ?? '';
      const generated = piped === '' ? generatePassword() : null;
      const result = await withDatabase(({ db }) =>
        createUserWithMembership(db, {
          email,
          orgSlug: org,
          role,
          password: generated ?? piped,
          displayName: opts.name,
        }),
      );
      console.log(`${result.created ? 'Created' : 'Added existing user'} ${email} as ${role} in ${org}.`);
      if (!result.created) {
        // An existing account keeps its own password: never print one that was not set.
        if (piped) console.log('The account already existed: its password was not changed.');
      } else if (generated) {
        console.log(`Password (shown once, hand it over safely): ${generated}`);
      }
    });

  program
    .command('user:set-role')
    .description('change a member’s role in an organisation')
    .requiredOption('--email <email>', 'the user’s email')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--role <role>', 'admin | coordinator | finance | viewer')
    .action(async (opts: { email: string; org: string; role: string }) => {
      const email = parseOrFail(emailField, opts.email, '--email');
      const org = parseOrFail(slugField, opts.org, '--org');
      const role = parseOrFail(roleSchema, opts.role, '--role');
      await withDatabase(({ db }) => setUserRole(db, { email, orgSlug: org, role }));
      console.log(`${email} is now ${role} in ${org}.`);
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code.startsWith('tessera.')) console.error(error.message);
      return error.exitCode || 1;
    }
    if (isDomainError(error)) {
      console.error(error.message);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
