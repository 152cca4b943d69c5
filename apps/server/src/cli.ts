import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  activitiesForCli,
  createUserWithMembership,
  generatePassword,
  grantsForCli,
  importForCli,
  importRatesForCli,
  importTemplateCsv,
  importTemplateForCli,
  parseImportFile,
  rateCsvColumns,
  reportForCli,
  sealOutcomeDescriptions,
  seedDemo,
  setUserRole,
} from '@tessera/api';
import { countParticipants, findOrganizationBySlug, migrateToLatest, type OpenedDatabase } from '@tessera/db';
import {
  emailField,
  formatMinorPlain,
  type ImportKind,
  type ImportProblem,
  importKinds,
  isDomainError,
  isoDateSchema,
  locales,
  parseMessageKey,
  reportFileExtensions,
  reportFormats,
  type Locale,
  type ReportFormat,
  roleSchema,
  slugField,
} from '@tessera/domain';
import { Command, CommanderError } from 'commander';
import { describeCliFault, openCliDatabase } from './cli-database';
import { loadEnv } from './env';
import { loadSecretKey } from './secret-key';

/** Reads all of standard input when it is a pipe or a file; null when it is a terminal. */
async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * After migrating, outcome descriptions still in clear (written before they were sealed) are
 * sealed as the server does at start, when the server's key is here; the CLI never makes a key
 * for this. Returns how many were sealed, or null when no key was found.
 */
async function sealLeftovers(opened: OpenedDatabase): Promise<number | null> {
  const env = loadEnv();
  if (!env.SECRET_KEY && !existsSync(path.resolve(env.SECRET_KEY_FILE))) return null;
  const secret = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE });
  return (await sealOutcomeDescriptions(opened.db, secret.key)).sealed;
}

async function withDatabase<T>(fn: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const env = loadEnv();
  if (env.DATABASE_URL !== ':memory:') mkdirSync(path.dirname(path.resolve(env.DATABASE_URL)), { recursive: true });
  const opened = openCliDatabase(env);
  try {
    await migrateToLatest(opened.db);
    await sealLeftovers(opened);
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
      const opened = openCliDatabase(env);
      try {
        const results = await migrateToLatest(opened.db);
        console.log(
          results.length === 0
            ? 'Database is up to date.'
            : results.map((r) => `applied ${r.migrationName}`).join('\n'),
        );
        const sealed = await sealLeftovers(opened);
        if (sealed) console.log(`sealed ${sealed} outcome descriptions written in clear`);
        if (sealed === null) {
          console.log('No secret key found: outcome descriptions written in clear are sealed when the server starts.');
        }
      } finally {
        await opened.close();
      }
    });

  program
    .command('seed-demo')
    .description('load the demo organisations, users and funders (safe to run again)')
    .action(async () => {
      // The server's key, so the demo's sealed contact details open in the app.
      const env = loadEnv();
      const secret = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE });
      const { created } = await withDatabase(({ db }) => seedDemo(db, new Date(), secret.key));
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

  program
    .command('grants')
    .description('list grants with reference, funder, status, currency, amount, spent, remaining and % spent')
    .requiredOption('--org <slug>', 'organisation slug')
    .option('--json', 'print JSON (amounts as exact decimal strings)')
    .action(async (opts: { org: string; json?: boolean }) => {
      const org = parseOrFail(slugField, opts.org, '--org');
      const grants = await withDatabase(({ db }) => grantsForCli(db, org, new Date()));
      const rows = grants.map((g) => ({
        reference: g.reference ?? '',
        title: g.title,
        funder: g.funderName,
        status: g.status,
        currency: g.currency,
        amount: formatMinorPlain(g.amountMinor, g.currency),
        spent: formatMinorPlain(g.spentMinor, g.currency),
        remaining: formatMinorPlain(g.remainingMinor, g.currency),
        percentSpent: g.spentShare === null ? null : Math.round(g.spentShare * 1000) / 10,
      }));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        console.log('No grants.');
        return;
      }
      printTable(
        ['Reference', 'Funder', 'Status', 'Cur', 'Amount', 'Spent', 'Remaining', '% spent'],
        rows.map((r) => [
          r.reference,
          r.funder,
          r.status,
          r.currency,
          r.amount,
          r.spent,
          r.remaining,
          r.percentSpent === null ? '' : `${r.percentSpent.toFixed(1)}%`,
        ]),
        [false, false, false, false, true, true, true, true],
      );
    });

  const rates = program.command('rates').description('exchange rates');
  rates
    .command('import')
    .description(
      `load exchange rates from a CSV file with the columns ${rateCsvColumns.join(', ')} (rate = units of "to" per one "from")`,
    )
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--file <path>', 'the CSV file')
    .action(async (opts: { org: string; file: string }) => {
      const org = parseOrFail(slugField, opts.org, '--org');
      let csv: string;
      try {
        csv = readFileSync(opts.file, 'utf8');
      } catch {
        throw new CommanderError(2, 'tessera.file', `Cannot read ${opts.file}.`);
      }
      const result = await withDatabase(({ db }) => importRatesForCli(db, org, csv));
      console.log(
        `Rates imported: ${result.created} new, ${result.updated} changed, ${result.unchanged} already there.`,
      );
    });

  const imports = program.command('import').description('import participants or attendance from a CSV or XLSX file');
  for (const kind of importKinds) {
    imports
      .command(kind)
      .description(
        kind === 'participants'
          ? 'create or update participants by code (columns: see --template)'
          : 'record attendance by activity, session date and participant code, enrolling newcomers (columns: see --template)',
      )
      .option('--org <slug>', 'organisation slug')
      .option('--file <path>', 'the CSV (UTF-8) or XLSX file')
      .option('--dry-run', 'check the file and say what would change, writing nothing')
      .option(
        '--template',
        'print the expected columns and an example row as CSV (with --org: its attribute columns too)',
      )
      .action(async (opts: { org?: string; file?: string; dryRun?: boolean; template?: boolean }) => {
        if (opts.template) {
          const org = opts.org ? parseOrFail(slugField, opts.org, '--org') : null;
          process.stdout.write(
            org ? await withDatabase(({ db }) => importTemplateForCli(db, org, kind)) : importTemplateCsv(kind),
          );
          return;
        }
        if (!opts.org || !opts.file) {
          throw new CommanderError(2, 'tessera.invalid', 'Give --org and --file (or --template).');
        }
        await runImport(kind, parseOrFail(slugField, opts.org, '--org'), opts.file, opts.dryRun ?? false);
      });
  }

  program
    .command('report')
    .description("export a grant's report pack for a period (suppressed below the organisation's threshold)")
    .requiredOption('--grant <reference>', "the grant's reference, e.g. S-MK100-26-GR-014")
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the period')
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the period')
    .requiredOption('--format <format>', `one of ${reportFormats.join(', ')}`)
    .requiredOption('--out <file>', 'where to write the file')
    .option('--org <slug>', 'organisation slug (needed only when several have this grant reference)')
    .option('--locale <locale>', `language of the report: ${locales.join(', ')} (default: the organisation's)`)
    .action(
      async (opts: {
        grant: string;
        from: string;
        to: string;
        format: string;
        out: string;
        org?: string;
        locale?: string;
      }) => {
        const from = parseOrFail(isoDateSchema, opts.from, '--from');
        const to = parseOrFail(isoDateSchema, opts.to, '--to');
        if (to < from)
          throw new CommanderError(2, 'tessera.invalid', '--to is before --from: the period ends before it starts.');
        if (!(reportFormats as readonly string[]).includes(opts.format)) {
          throw new CommanderError(
            2,
            'tessera.invalid',
            `Invalid --format: ${opts.format} (one of ${reportFormats.join(', ')})`,
          );
        }
        if (opts.locale !== undefined && !(locales as readonly string[]).includes(opts.locale)) {
          throw new CommanderError(
            2,
            'tessera.invalid',
            `Invalid --locale: ${opts.locale} (one of ${locales.join(', ')})`,
          );
        }
        const org = opts.org ? parseOrFail(slugField, opts.org, '--org') : undefined;
        refuseOutOfAnotherFormat(opts.out, opts.format as ReportFormat);
        const out = path.resolve(opts.out);
        if (existsSync(out) && statSync(out).isDirectory()) {
          throw new CommanderError(2, 'tessera.invalid', `--out is a folder: ${out}. Give a file name.`);
        }
        // The server's key: a submitted pack is kept sealed, and is drawn as it was sent.
        const env = loadEnv();
        const secret = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE });
        const file = await withDatabase(({ db }) =>
          reportForCli(
            db,
            { secretKey: secret.key },
            {
              orgSlug: org,
              reference: opts.grant,
              from,
              to,
              format: opts.format as ReportFormat,
              locale: opts.locale as Locale | undefined,
            },
            new Date(),
            (done, total) => console.error(`rendering ${done}/${total}`),
          ),
        );
        mkdirSync(path.dirname(out), { recursive: true });
        // Written whole or not at all: a half-written report is never left behind.
        const partial = `${out}.partial`;
        try {
          writeFileSync(partial, file.bytes);
          renameSync(partial, out);
        } catch (error) {
          rmSync(partial, { force: true });
          throw error;
        }
        console.log(`Wrote ${out} (${file.bytes.byteLength} bytes, ${file.fileName}).`);
      },
    );

  program
    .command('activities')
    .description('list activities with sessions held, unique participants, participant hours and completions')
    .requiredOption('--org <slug>', 'organisation slug')
    .option('--json', 'print JSON')
    .action(async (opts: { org: string; json?: boolean }) => {
      const org = parseOrFail(slugField, opts.org, '--org');
      const activities = await withDatabase(({ db }) => activitiesForCli(db, org));
      const rows = activities.map((a) => ({
        reference: a.reference,
        kind: a.kind,
        title: a.title,
        city: a.city,
        startDate: a.startDate,
        endDate: a.endDate,
        attendanceMode: a.attendanceMode,
        sessionsHeld: a.totals.sessionsHeld,
        sessionsPlanned: a.totals.sessionsPlanned,
        uniqueParticipants: a.totals.uniqueParticipants,
        participantMinutes: a.totals.participantMinutes,
        participantHours: Math.round(a.totals.participantMinutes / 6) / 10,
        completions: a.totals.completions,
        headCount: a.totals.headCount,
      }));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        console.log('No activities.');
        return;
      }
      printTable(
        ['Reference', 'Kind', 'Title', 'City', 'Sessions', 'Participants', 'Hours', 'Completions', 'Head count'],
        rows.map((r) => [
          r.reference ?? '',
          r.kind,
          r.title,
          r.city ?? '',
          `${r.sessionsHeld}/${r.sessionsPlanned}`,
          String(r.uniqueParticipants),
          r.participantHours.toFixed(1),
          String(r.completions),
          String(r.headCount),
        ]),
        [false, false, false, false, true, true, true, true, true],
      );
    });

  return program;
}

/**
 * `--out` must name the kind of file `--format` writes: a PDF written into report.xlsx (or a
 * workbook into report.pdf) would not open in what the name promises, and would reach a funder.
 */
function refuseOutOfAnotherFormat(out: string, format: ReportFormat): void {
  const expected = `.${reportFileExtensions[format]}`;
  const given = path.extname(out).toLowerCase();
  if (given === expected) return;
  const what = format === 'csv' ? 'a zip of CSV files' : `a .${reportFileExtensions[format]} file`;
  throw new CommanderError(
    2,
    'tessera.invalid',
    `--out ${path.basename(out)} does not match --format ${format}: that format is written as ${what}. Give --out ending in ${expected}.`,
  );
}

/**
 * One import: reads the file, checks it, and (unless a dry run) writes it in one transaction.
 * Progress goes to stderr; problems are printed by row and column, never with a cell's value.
 */
async function runImport(kind: ImportKind, org: string, fileName: string, dryRun: boolean): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(fileName));
  } catch {
    throw new CommanderError(2, 'tessera.file', `Cannot read ${fileName}.`);
  }
  const file = await parseImportFile(bytes, path.basename(fileName));
  const env = loadEnv();
  const outcome = await withDatabase(async ({ db }) => {
    // The key must be the server's, or sealed contact details could never be read again: with no
    // key found and participants already stored, refuse rather than make a new one.
    const keyFile = path.resolve(env.SECRET_KEY_FILE);
    if (!env.SECRET_KEY && !existsSync(keyFile)) {
      const organization = await findOrganizationBySlug(db, org);
      if (organization && (await countParticipants(db, organization.id)) > 0) {
        throw new CommanderError(
          1,
          'tessera.key',
          `No secret key at ${keyFile}: set SECRET_KEY_FILE (or SECRET_KEY) to the server's key; the participants already stored were sealed with it.`,
        );
      }
    }
    const secret = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE });
    if (secret.created) console.error(`Created a new secret key at ${keyFile}: keep it safe, and out of backups.`);
    return importForCli(db, org, { secretKey: secret.key }, kind, file, {
      dryRun,
      onProgress: (p) => {
        if (p.phase !== 'reading') console.error(`${p.phase} ${p.done}/${p.total}`);
      },
    });
  });
  const { summary } = outcome;
  if (!outcome.ok) {
    for (const problem of outcome.problems) console.error(describeProblem(problem));
    const count = outcome.problems.length;
    throw new CommanderError(
      1,
      'tessera.import',
      `${count} problem${count === 1 ? '' : 's'} in the file; nothing was imported.`,
    );
  }
  const enrolled = kind === 'attendance' ? `, ${summary.enrolled} enrolled` : '';
  console.log(
    dryRun
      ? `Dry run, nothing written: ${summary.rows} rows would give ${summary.created} new, ${summary.updated} changed, ${summary.unchanged} already there${enrolled}.`
      : `${kind === 'participants' ? 'Participants' : 'Attendance'} imported: ${summary.created} new, ${summary.updated} changed, ${summary.unchanged} already there${enrolled}.`,
  );
}

/** English for the messages an import can give (the CLI has no translations). */
const importMessages: Record<string, string> = {
  'validation.required': 'required',
  'validation.invalid': 'cannot be read',
  'validation.invalidCode': 'not a code (letters, digits and dashes, up to 32)',
  'validation.invalidChoice': 'not one of the accepted values',
  'validation.invalidDate': 'not a date (YYYY-MM-DD)',
  'validation.invalidNumber': 'not a whole number',
  'validation.negative': 'cannot be negative',
  'validation.tooLong': 'longer than {max} characters',
  'validation.duplicate': 'already given in an earlier row',
  'validation.minutesOverSession': 'more than the session’s {minutes} minutes',
  'validation.unknownParticipant': 'no participant has this code',
  'validation.unknownActivity': 'no activity has this id, reference or title',
  'validation.ambiguousActivity': 'several activities have this title: use the reference',
  'validation.noSession': 'the activity has no single session on this date',
  'validation.wrongAttendanceMode': 'this activity keeps head counts, not a register',
  'validation.unknownAttribute': 'the organisation does not ask this attribute',
  'validation.erased': 'this participant was erased',
  'validation.unknownColumns': 'unknown columns: {columns}',
  'validation.missingColumns': 'missing required columns: {columns}',
};

function describeProblem(problem: ImportProblem): string {
  const { key, params } = parseMessageKey(problem.message);
  const template = importMessages[key];
  const text = template
    ? template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')
    : describeMessageKey(problem.message);
  return `row ${problem.row}${problem.column ? `, ${problem.column}` : ''}: ${text}`;
}

/** "validation.outsideGrantPeriod?start=…" → "outside grant period (start …)": plain enough for a terminal. */
function describeMessageKey(message: string): string {
  const { key, params } = parseMessageKey(message);
  const words = key
    .replace(/^validation\./, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
  const details = Object.entries(params).map(([k, v]) => `${k} ${v}`);
  return details.length > 0 ? `${words} (${details.join(', ')})` : words;
}

/** Prints aligned columns; numbers right-aligned. */
function printTable(header: string[], rows: string[][], rightAligned: boolean[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
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
      for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
        console.error(`  ${field}: ${messages.map(describeMessageKey).join('; ')}`);
      }
      return 1;
    }
    console.error(describeCliFault(error) ?? (error instanceof Error ? error.message : String(error)));
    return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
