import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../src/connection';
import { DatabaseFault } from '../src/faults';

// Each test opens a scratch file with one table, so the faults are SQLite's own, not the schema's.
let opened: OpenedDatabase | undefined;
const others: BetterSqlite3.Database[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const other of others.splice(0)) other.close();
  await opened?.close();
  opened = undefined;
  for (const dir of dirs.splice(0)) {
    if (existsSync(dir)) chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function scratch(busyTimeoutMs = 5000) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-faults-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  opened = openDatabase(file, { busyTimeoutMs });
  await sql`create table note (id integer primary key, body text not null)`.execute(opened.db);
  return { dir, file, db: opened.db };
}

/** A second connection, as another process would hold one; busy_timeout 0 so it never waits. */
function otherConnection(file: string): BetterSqlite3.Database {
  const other = new BetterSqlite3(file);
  other.pragma('busy_timeout = 0');
  others.push(other);
  return other;
}

async function count(db: OpenedDatabase['db']): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from note`.execute(db);
  return Number(rows[0]?.n);
}

async function faultOf(promise: Promise<unknown>): Promise<DatabaseFault> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseFault);
  return error as DatabaseFault;
}

describe('write transactions take the write lock at their start', () => {
  it('holds the lock from BEGIN, before any write: another writer is refused while it only reads', async () => {
    const { file, db } = await scratch();
    const other = otherConnection(file);
    await db.transaction().execute(async (trx) => {
      await sql`select count(*) from note`.execute(trx);
      expect(() => other.exec(`insert into note (body) values ('other')`)).toThrow(/locked|busy/i);
    });
    other.exec(`insert into note (body) values ('other')`);
    expect(await count(db)).toBe(1);
  });

  it('leaves a read-only transaction deferred: another writer goes ahead, and a write inside is refused', async () => {
    const { file, db } = await scratch();
    const other = otherConnection(file);
    await db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`select count(*) from note`.execute(trx);
        other.exec(`insert into note (body) values ('other')`);
      });
    await expect(
      db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => sql`insert into note (body) values ('x')`.execute(trx)),
    ).rejects.toThrow(/read-only transaction/);
    expect(await count(db)).toBe(1);
  });

  it('gives up after the busy timeout with a busy fault naming the file, and writes nothing', async () => {
    const { file, db } = await scratch(50);
    const other = otherConnection(file);
    other.exec('begin immediate');
    const fault = await faultOf(
      db.transaction().execute((trx) => sql`insert into note (body) values ('x')`.execute(trx)),
    );
    expect(fault.kind).toBe('busy');
    expect(fault.message).toContain(file);
    other.exec('rollback');
    expect(await count(db)).toBe(0);
  });
});

describe('faults name their cause', () => {
  it('a full database is SQLITE_FULL, not "cannot rollback", nothing is half-written, and it recovers', async () => {
    const { db } = await scratch();
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]?.page_count;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    const fault = await faultOf(
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i += 1) await sql`insert into note (body) values (${'x'.repeat(2000)})`.execute(trx);
      }),
    );
    expect(fault.kind).toBe('full');
    expect(fault.code).toBe('SQLITE_FULL');
    expect(fault.message).not.toMatch(/rollback/);
    expect(await count(db)).toBe(0);
    // Space is back: the same connection writes again, no restart.
    await sql`pragma max_page_count = 1000000`.execute(db);
    await db.transaction().execute((trx) => sql`insert into note (body) values ('after')`.execute(trx));
    expect(await count(db)).toBe(1);
  });

  it('a read-only database is a readOnly fault, and writes resume once it is writable', async () => {
    const { db } = await scratch();
    // SQLite's own read-only state: file modes changed after opening would not stop the open
    // descriptors, and root (CI) ignores them anyway.
    await sql`pragma query_only = on`.execute(db);
    const fault = await faultOf(
      db.transaction().execute((trx) => sql`insert into note (body) values ('x')`.execute(trx)),
    );
    expect(fault.kind).toBe('readOnly');
    await sql`pragma query_only = off`.execute(db);
    await db.transaction().execute((trx) => sql`insert into note (body) values ('after')`.execute(trx));
    expect(await count(db)).toBe(1);
  });

  // Root writes whatever the mode (the query_only test above covers root, as in CI).
  it.skipIf(process.getuid?.() === 0)(
    'a file the server may not write (SQLite then opens it read-only) is a readOnly fault',
    async () => {
      const { file } = await scratch();
      await opened?.close();
      chmodSync(file, 0o444);
      opened = openDatabase(file);
      const fault = await faultOf(sql`insert into note (body) values ('x')`.execute(opened.db));
      expect(fault.kind).toBe('readOnly');
    },
  );

  it('a database whose folder was deleted refuses writes instead of writing into the deleted file', async () => {
    const { dir, file, db } = await scratch();
    rmSync(dir, { recursive: true, force: true });
    const fault = await faultOf(
      db.transaction().execute((trx) => sql`insert into note (body) values ('x')`.execute(trx)),
    );
    expect(fault.kind).toBe('missing');
    expect(fault.message).toContain(file);
    const autocommit = await faultOf(sql`insert into note (body) values ('x')`.execute(db));
    expect(autocommit.kind).toBe('missing');
  });

  it('a file that cannot be opened is a missing fault naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-faults-'));
    dirs.push(dir);
    const file = path.join(dir, 'no-such-folder', 'db.sqlite');
    expect(() => openDatabase(file)).toThrow(DatabaseFault);
  });
});
