import { statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
  SqliteDriver,
  type TransactionSettings,
} from 'kysely';
import { asDatabaseFault, DatabaseFault } from './faults';

/**
 * Kysely's SQLite driver with three changes (docs/decisions/0019-busy-database-and-faults.md):
 *
 * 1. A transaction takes the write lock at its start (`BEGIN IMMEDIATE`), so it waits on
 *    `busy_timeout` for another writer (the CLI, a backup) instead of failing at its first write
 *    with SQLITE_BUSY, which a deferred transaction that read first cannot wait out. A transaction
 *    begun with `setAccessMode('read only')` stays deferred (readers never wait in WAL mode), and
 *    a write inside one is refused as the programming error it is.
 * 2. SQLite faults (full disk, read-only file, missing file, I/O error, lock timeout) become one
 *    `DatabaseFault` naming the cause and the file. A rollback after SQLite already rolled back
 *    by itself (it does on SQLITE_FULL and I/O errors) is skipped, so "cannot rollback - no
 *    transaction is active" never hides the real cause.
 * 3. Before each write, the file is checked to be the one opened: SQLite keeps writing into a
 *    deleted file's open descriptor, and every such write would vanish at the next start.
 */
export class TesseraSqliteDialect extends SqliteDialect {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #location: string;

  constructor(sqlite: BetterSqlite3.Database, location: string) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
    this.#location = location;
  }

  override createDriver(): Driver {
    return new TesseraSqliteDriver(this.#sqlite, this.#location);
  }
}

class TesseraSqliteDriver extends SqliteDriver {
  readonly #connection: GuardedConnection;

  constructor(sqlite: BetterSqlite3.Database, location: string) {
    super({ database: sqlite });
    this.#connection = new GuardedConnection(sqlite, location);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // The parent's mutex: SQLite here is one connection, used by one transaction at a time.
    await super.acquireConnection();
    return this.#connection;
  }

  override async beginTransaction(_connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await this.#connection.begin(settings?.accessMode === 'read only');
  }

  override async commitTransaction(): Promise<void> {
    await this.#connection.commit();
  }

  override async rollbackTransaction(): Promise<void> {
    await this.#connection.rollback();
  }
}

class GuardedConnection implements DatabaseConnection {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #location: string;
  /** The file's identity when opened; null for ":memory:" (nothing on disk to lose). */
  readonly #identity: { dev: number; ino: number } | null;
  #readOnly = false;

  constructor(sqlite: BetterSqlite3.Database, location: string) {
    this.#sqlite = sqlite;
    this.#location = location;
    this.#identity = sqlite.memory ? null : fileIdentity(location);
  }

  async begin(readOnly: boolean): Promise<void> {
    if (!readOnly) this.#assertFileInPlace();
    this.#run(readOnly ? 'begin' : 'begin immediate');
    this.#readOnly = readOnly;
  }

  async commit(): Promise<void> {
    this.#readOnly = false;
    this.#run('commit');
  }

  async rollback(): Promise<void> {
    this.#readOnly = false;
    // SQLite rolls a transaction back by itself on some faults; a second rollback would fail and
    // its error would replace the one that explains what happened.
    if (!this.#sqlite.inTransaction) return;
    try {
      this.#sqlite.exec('rollback');
    } catch (error) {
      if (this.#sqlite.inTransaction) throw asDatabaseFault(error, this.#location);
    }
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    try {
      const statement = this.#sqlite.prepare(sql);
      if (!statement.readonly) {
        if (this.#readOnly) {
          throw new Error('A statement that writes ran inside a read-only transaction: begin it as a write instead.');
        }
        if (!this.#sqlite.inTransaction) this.#assertFileInPlace();
      }
      if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
      const { changes, lastInsertRowid } = statement.run(parameters);
      return Promise.resolve({
        numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
        insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
        rows: [],
      });
    } catch (error) {
      return Promise.reject(asDatabaseFault(error, this.#location));
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery;
    if (!SelectQueryNode.is(query)) throw new Error('Sqlite driver only supports streaming of select queries');
    try {
      for (const row of this.#sqlite.prepare(sql).iterate(parameters)) yield { rows: [row as R] };
    } catch (error) {
      throw asDatabaseFault(error, this.#location);
    }
  }

  #run(statement: string): void {
    try {
      this.#sqlite.exec(statement);
    } catch (error) {
      throw asDatabaseFault(error, this.#location);
    }
  }

  #assertFileInPlace(): void {
    if (!this.#identity) return;
    const now = fileIdentity(this.#location);
    if (!now || now.dev !== this.#identity.dev || now.ino !== this.#identity.ino) {
      throw new DatabaseFault('missing', 'TESSERA_DB_MISSING', this.#location);
    }
  }
}

function fileIdentity(location: string): { dev: number; ino: number } | null {
  try {
    const stat = statSync(location);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}
