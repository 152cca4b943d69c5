import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type MigrationResult, Migrator, SqliteDialect, sql, type Transaction } from 'kysely';
import { migrations } from './migrations/index';
import type { Database } from './schema';

export type Db = Kysely<Database>;
/** What repositories accept: the database or an open transaction on it. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface OpenedDatabase {
  db: Db;
  kind: 'sqlite';
  /** Where the data lives, for start-up messages (a file path or ":memory:"). */
  location: string;
  close(): Promise<void>;
}

/**
 * Opens the database named by `url`: a file path (or ":memory:") for SQLite. PostgreSQL URLs are
 * recognised and refused with a clear message until the PostgreSQL work lands.
 */
export function openDatabase(url: string): OpenedDatabase {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error('PostgreSQL is not supported yet: set DATABASE_URL to a SQLite file path.');
  }
  const location = url.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:/i, '');
  const isFile = location !== ':memory:' && location !== '';
  if (isFile) makePrivate(location, true);
  const sqlite = new BetterSqlite3(location);
  // Money and attendance must survive a power cut (synchronous=FULL); erased data must not
  // linger in free pages (secure_delete); integrity needs foreign keys, which SQLite leaves off.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (isFile) for (const suffix of ['-wal', '-shm']) makePrivate(`${location}${suffix}`, false);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', location, close: () => db.destroy() };
}

/**
 * Participant data must not be readable by other accounts on the machine, whatever the umask:
 * the database is created 0600 before SQLite opens it (SQLite gives its -wal and -shm the
 * database's mode), and an existing file, -wal or -shm is narrowed to 0600 at every open.
 */
function makePrivate(file: string, create: boolean): void {
  try {
    if (create && !existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
    if (existsSync(file)) chmodSync(file, 0o600);
  } catch (error) {
    // Another process created it first (EEXIST), or the file is someone else's (EPERM): SQLite
    // opens it as it is, and the operator's own permissions stand.
    const code = (error as { code?: string }).code;
    if (code !== 'EEXIST' && code !== 'EPERM') throw error;
  }
}

/** What one `purgeWriteAheadLog` achieved. */
export interface WalPurge {
  /** True when every frame is in the database file and the WAL is truncated to zero bytes. */
  completed: boolean;
  /** Checkpoint attempts made (each may wait `waitMs` for readers). */
  attempts: number;
}

/**
 * Copies every frame of the write-ahead log into the database file and truncates the log to zero
 * bytes (`PRAGMA wal_checkpoint(TRUNCATE)`). `secure_delete` zeroes erased values in the database
 * file's pages, but the WAL keeps whole earlier copies of those pages until a checkpoint, and a
 * plain checkpoint leaves them in the file, to be overwritten only later: after an erasure they
 * must go at once, before the caller answers (docs/decisions/0008-participant-data.md).
 *
 * Must run outside any transaction. `busy` means another connection (a CLI run, a backup) still
 * reads an older snapshot that needs the log: each attempt waits up to `waitMs` for it (SQLite's
 * busy handler), and after `attempts` the result says `completed: false` for the caller to report
 * and retry later. A database that is not in WAL mode (":memory:") has nothing to purge.
 */
export async function purgeWriteAheadLog(
  db: Db,
  options: { attempts?: number; waitMs?: number } = {},
): Promise<WalPurge> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const waitMs = Math.max(0, Math.round(options.waitMs ?? 1000));
  // One reserved connection, so the shorter busy timeout applies to the checkpoint only.
  return db.connection().execute(async (conn) => {
    const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
    const previous = Number(timeout.rows[0]?.timeout ?? 5000);
    await sql.raw(`pragma busy_timeout = ${waitMs}`).execute(conn);
    try {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        try {
          const { rows } = await sql<{ busy: number; log: number; checkpointed: number }>`
            pragma wal_checkpoint(TRUNCATE)`.execute(conn);
          const row = rows[0];
          if (row && row.busy === 0) return { completed: true, attempts: attempt };
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        }
      }
      return { completed: false, attempts };
    } finally {
      await sql.raw(`pragma busy_timeout = ${previous}`).execute(conn);
    }
  });
}

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`);
  }
  return results ?? [];
}
