import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type MigrationResult, Migrator, SqliteDialect, type Transaction } from 'kysely';
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
  const sqlite = new BetterSqlite3(location);
  // Money and attendance must survive a power cut (synchronous=FULL); erased data must not
  // linger in free pages (secure_delete); integrity needs foreign keys, which SQLite leaves off.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', location, close: () => db.destroy() };
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
