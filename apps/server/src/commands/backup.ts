import path from 'node:path';
import { secretKeyCheckValue } from '@tessera/api';
import { backupDatabase, DatabaseFileRefused, getInstanceSetting, openDatabase, restoreDatabase } from '@tessera/db';
import { type Command, CommanderError } from 'commander';
import { type Env, loadEnv } from '../env';
import { loadSecretKey } from '../secret-key';

function databaseFile(env: Env): string {
  if (env.DATABASE_URL === ':memory:' || /^postgres/i.test(env.DATABASE_URL)) {
    throw new CommanderError(2, 'tessera.invalid', 'Backups are for a SQLite file: DATABASE_URL names none.');
  }
  return path.resolve(env.DATABASE_URL.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:/i, ''));
}

function keyLocation(env: Env): string {
  return env.SECRET_KEY
    ? 'the SECRET_KEY setting (not in the backup)'
    : `${path.resolve(env.SECRET_KEY_FILE)} (SECRET_KEY_FILE; not in the backup)`;
}

function refused(error: unknown): never {
  if (error instanceof DatabaseFileRefused) throw new CommanderError(1, 'tessera.backup', error.message);
  throw error;
}

/** backup, restore (docs/operations.md). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a consistent, checked copy of the database (safe while the server runs)')
    .requiredOption('--out <file>', 'the new backup file (must not exist)')
    .action((opts: { out: string }) => {
      const env = loadEnv();
      let result: ReturnType<typeof backupDatabase>;
      try {
        result = backupDatabase(databaseFile(env), opts.out);
      } catch (error) {
        refused(error);
      }
      const rows = Object.values(result.tables).reduce((sum, n) => sum + n, 0);
      console.log(
        `Backup written: ${result.file} (${result.bytes} bytes, ${result.milliseconds} ms: copy ${result.copyMilliseconds} ms, checks ${result.checkMilliseconds} ms; integrity ok; ${Object.keys(result.tables).length} tables, ${rows} rows, ${result.organizations} organisations). Readable by its owner only.`,
      );
      console.log(`The secret key is NOT in the backup. It is in ${keyLocation(env)}.`);
      console.log(
        'Keep a copy of that key somewhere safe and apart from the backups: without it the sealed participant data in any backup cannot be read, and with both together anyone can read it.',
      );
    });

  program
    .command('restore')
    .description(
      'replace the database with a backup (stop the server first); a damaged, empty or foreign file is refused',
    )
    .requiredOption('--from <file>', 'the backup to restore')
    .action(async (opts: { from: string }) => {
      const env = loadEnv();
      const target = databaseFile(env);
      let result: ReturnType<typeof restoreDatabase>;
      try {
        result = restoreDatabase(opts.from, target);
      } catch (error) {
        refused(error);
      }
      console.log(
        `Restored ${path.resolve(opts.from)} into ${target} (integrity ok; ${result.organizations} organisations; ${result.migrations.length} migrations, newer ones are applied at the next start).`,
      );
      if (result.previous) {
        console.log(`The database it replaced is kept at ${result.previous}: delete it once the restore is checked.`);
      }
      await adviseOnKey(env, target);
    });
}

/** Says whether the configured key is the one this restored database needs; never prints a key. */
async function adviseOnKey(env: Env, file: string): Promise<void> {
  const opened = openDatabase(file);
  try {
    const check = await getInstanceSetting(opened.db, 'secret_key_check').catch(() => null);
    let current: Uint8Array | null = null;
    try {
      current = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE, mayCreate: false }).key;
    } catch {
      current = null;
    }
    if (check && current && secretKeyCheckValue(current) === check) {
      console.log(`The secret key in ${keyLocation(env)} belongs to this backup: the server can start.`);
    } else if (check) {
      console.log(
        `The secret key in ${keyLocation(env)} is not this backup's (or is missing). Put the key from the time of the backup there (SECRET_KEY_FILE or SECRET_KEY) before starting the server: it refuses to start with another key.`,
      );
    } else {
      console.log('This backup needs the secret key from the time it was made (SECRET_KEY_FILE or SECRET_KEY).');
    }
  } finally {
    await opened.close();
  }
}
