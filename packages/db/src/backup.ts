import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './migrations/index';

/**
 * Backups and restores of the SQLite file (docs/decisions/0018-backup-restore-and-key-check.md).
 *
 * A backup is `VACUUM INTO` from a connection of its own: one statement in one read transaction,
 * so it sees one consistent snapshot (WAL included) while other connections keep writing, never
 * restarts the way the page-by-page online backup does when another connection writes, and
 * carries no free pages (erased data stays erased). The copy is switched to a plain rollback
 * journal so it is one self-contained file, checked, made 0600, and only then renamed into place.
 */

/** Why a file is not a Tessera database that can be restored; each reason is one plain sentence. */
export class DatabaseFileRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'DatabaseFileRefused';
  }
}

export interface DatabaseInspection {
  /** Rows per table (sqlite's own tables left out). */
  tables: Record<string, number>;
  /** Migrations recorded in the file, in order. */
  migrations: string[];
  organizations: number;
}

export interface BackupResult extends DatabaseInspection {
  file: string;
  bytes: number;
  milliseconds: number;
  /** Of which: the copy (VACUUM INTO) and the checks (integrity_check, counts). */
  copyMilliseconds: number;
  checkMilliseconds: number;
}

/** Creates an empty file readable and writable by its owner only, whatever the umask. */
export function createPrivateFile(file: string): void {
  const fd = openSync(file, 'wx', 0o600);
  closeSync(fd);
  chmodSync(file, 0o600);
}

/** Copies the database at `source` (open or not, under load or not) into a new file `out`. */
export function backupDatabase(source: string, out: string): BackupResult {
  const started = performance.now();
  const from = path.resolve(source);
  const target = path.resolve(out);
  if (!existsSync(from)) throw new DatabaseFileRefused([`There is no database at ${from}.`]);
  if (existsSync(target)) throw new DatabaseFileRefused([`${target} exists already: give a new file name.`]);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  createPrivateFile(partial);
  try {
    const sqlite = new BetterSqlite3(from, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 10000');
      sqlite.prepare('VACUUM INTO ?').run(partial);
    } finally {
      sqlite.close();
    }
    const copied = performance.now();
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    let inspection: DatabaseInspection;
    try {
      // One self-contained file: no -wal beside it to lose when it is copied elsewhere.
      copy.pragma('journal_mode = DELETE');
      inspection = inspectOpen(copy);
    } finally {
      copy.close();
    }
    const checked = performance.now();
    chmodSync(partial, 0o600);
    syncFile(partial);
    renameSync(partial, target);
    syncFile(path.dirname(target));
    return {
      ...inspection,
      file: target,
      bytes: statSync(target).size,
      milliseconds: Math.round(performance.now() - started),
      copyMilliseconds: Math.round(copied - started),
      checkMilliseconds: Math.round(checked - copied),
    };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Checks that `file` is a whole Tessera database this version can open: a SQLite file that
 * passes `integrity_check`, with Tessera's migrations table, no migration this version does not
 * know, and at least one organisation. Refuses (DatabaseFileRefused) otherwise.
 */
export function inspectDatabaseFile(file: string): DatabaseInspection {
  const resolved = path.resolve(file);
  refuseNonSqlite(resolved);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(resolved, { fileMustExist: true, readonly: true });
  } catch {
    throw new DatabaseFileRefused([`${resolved} cannot be opened as a SQLite database.`]);
  }
  try {
    return inspectOpen(sqlite);
  } finally {
    sqlite.close();
  }
}

function refuseNonSqlite(file: string): void {
  if (!existsSync(file)) throw new DatabaseFileRefused([`There is no file at ${file}.`]);
  const stats = statSync(file);
  if (!stats.isFile()) throw new DatabaseFileRefused([`${file} is not a file.`]);
  if (stats.size === 0) throw new DatabaseFileRefused([`${file} is empty (0 bytes): it is not a backup.`]);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') {
    throw new DatabaseFileRefused([`${file} is not a SQLite database.`]);
  }
}

function inspectOpen(sqlite: BetterSqlite3.Database): DatabaseInspection {
  // integrity_check reads every page and every index: with SQLite's default 2 MB cache it is the
  // slowest part of a backup (about 25 s for 1 GB on the 2-core test machine under load); pages
  // mapped into memory and a 128 MB cache for this one connection make it 2-3 times faster.
  sqlite.pragma('mmap_size = 2147483648');
  sqlite.pragma('cache_size = -131072');
  let integrity: string[];
  try {
    integrity = (sqlite.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch {
    throw new DatabaseFileRefused(['The file is damaged: SQLite cannot read it.']);
  }
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    throw new DatabaseFileRefused([`The file is damaged: integrity_check says "${integrity.join('; ')}".`]);
  }
  const tableNames = (
    sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  if (!tableNames.includes('kysely_migration')) {
    throw new DatabaseFileRefused([
      'The file is a SQLite database but not a Tessera one (it has no migrations table).',
    ]);
  }
  const applied = (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (r) => r.name,
  );
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new DatabaseFileRefused([
      `The file was written by a newer version of Tessera (migration ${unknown[0]} is unknown here): upgrade Tessera first.`,
    ]);
  }
  if (applied.length === 0) throw new DatabaseFileRefused(['The file has no migrations applied: it is empty.']);
  const tables: Record<string, number> = {};
  for (const name of tableNames) {
    tables[name] = Number((sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n);
  }
  const organizations = tables.organization ?? 0;
  if (organizations === 0) {
    throw new DatabaseFileRefused(['The file holds no organisation: it is an empty database, not a backup of one.']);
  }
  return { tables, migrations: applied, organizations };
}

export interface RestoreResult extends DatabaseInspection {
  /** Where the database that was replaced now is (null when there was none). */
  previous: string | null;
}

/**
 * Puts the backup `from` in place of the database at `target`. The backup is copied beside the
 * target and checked there first (refused if damaged, empty or not Tessera's); then, holding an
 * exclusive lock on the target (refused while a server or CLI has it open), the old file is
 * renamed aside and the checked copy renamed into its place. Nothing is replaced on a refusal.
 */
export function restoreDatabase(from: string, target: string, now: Date = new Date()): RestoreResult {
  const source = path.resolve(from);
  const destination = path.resolve(target);
  refuseNonSqlite(source);
  if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) {
    throw new DatabaseFileRefused([
      `${source} has a write-ahead log beside it: it is a live database, not a backup. Make a backup of it with "cli backup" and restore that.`,
    ]);
  }
  if (source === destination) throw new DatabaseFileRefused(['--from is the database itself.']);
  const staging = `${destination}.restoring`;
  rmSync(staging, { force: true });
  createPrivateFile(staging);
  let inspection: DatabaseInspection;
  try {
    copyFileSync(source, staging);
    chmodSync(staging, 0o600);
    const copy = new BetterSqlite3(staging, { fileMustExist: true });
    try {
      inspection = inspectOpen(copy);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    syncFile(staging);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }

  if (!existsSync(destination)) {
    renameSync(staging, destination);
    syncFile(path.dirname(destination));
    return { ...inspection, previous: null };
  }
  const current = new BetterSqlite3(destination, { fileMustExist: true });
  try {
    current.pragma('busy_timeout = 0');
    try {
      // Leaving WAL mode needs every other connection gone: the surest test that nothing runs on
      // it. Then an exclusive transaction keeps newcomers out until the new file is in place.
      current.pragma('journal_mode = DELETE');
      current.exec('BEGIN EXCLUSIVE');
    } catch {
      rmSync(staging, { force: true });
      throw new DatabaseFileRefused([
        `The database at ${destination} is in use (the server or a CLI command has it open): stop the server, then restore again.`,
      ]);
    }
    const previous = `${destination}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(destination, previous);
    renameSync(staging, destination);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${destination}${suffix}`, { force: true });
    syncFile(path.dirname(destination));
    current.exec('ROLLBACK');
    return { ...inspection, previous };
  } finally {
    current.close();
  }
}

/**
 * Per table: rows and a SHA-256 of the contents, independent of row order and file layout, so a
 * restored database can be compared with the one it was backed up from (not the file's bytes,
 * which VACUUM rearranges).
 */
export function tableChecksums(file: string): Record<string, { rows: number; sha256: string }> {
  const sqlite = new BetterSqlite3(path.resolve(file), { fileMustExist: true, readonly: true });
  try {
    sqlite.defaultSafeIntegers(true);
    const names = (
      sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .all() as { name: string }[]
    ).map((r) => r.name);
    const result: Record<string, { rows: number; sha256: string }> = {};
    for (const name of names) {
      const rows = (sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map((row) =>
        JSON.stringify(row, (_, v) =>
          typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v,
        ),
      );
      rows.sort();
      const hash = createHash('sha256');
      for (const row of rows) hash.update(row).update('\n');
      result[name] = { rows: rows.length, sha256: hash.digest('hex') };
    }
    return result;
  } finally {
    sqlite.close();
  }
}

/** fsync a file or folder, so a rename survives a power cut; folders that refuse are skipped. */
function syncFile(file: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder: the rename is still atomic, only less durable.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
