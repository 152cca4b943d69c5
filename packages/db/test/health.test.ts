import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDatabase } from '../src/connection';
import { probeDatabaseWritable } from '../src/health';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDatabaseFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-health-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'db.sqlite');
}

async function migratedFile(): Promise<string> {
  const file = tempDatabaseFile();
  const opened = openDatabase(file);
  await migrateToLatest(opened.db);
  await opened.close();
  return file;
}

describe('probing whether the database takes writes', () => {
  it('says writable, changes nothing, and leaves the connection usable', async () => {
    const file = await migratedFile();
    const opened = openDatabase(file);
    cleanups.push(() => opened.close());
    const version = async () => (await sql<{ user_version: number }>`pragma user_version`.execute(opened.db)).rows[0];
    const before = await version();
    expect(await probeDatabaseWritable(opened.db)).toBe('writable');
    expect(await version()).toEqual(before);
    expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(opened.db)).rows[0]?.timeout).toBe(5000);
    await sql`create table after_probe (x)`.execute(opened.db);
  });

  it('says read-only for a file opened read-only and for a connection set to query_only', async () => {
    const file = await migratedFile();
    const readonly: Db = new Kysely({
      dialect: new SqliteDialect({ database: new BetterSqlite3(file, { readonly: true }) }),
    });
    cleanups.push(() => readonly.destroy());
    expect(await probeDatabaseWritable(readonly)).toBe('read-only');

    const opened = openDatabase(file);
    cleanups.push(() => opened.close());
    await sql`pragma query_only = on`.execute(opened.db);
    expect(await probeDatabaseWritable(opened.db)).toBe('read-only');
    await sql`pragma query_only = off`.execute(opened.db);
    expect(await probeDatabaseWritable(opened.db)).toBe('writable');
  });

  it('says busy when another connection holds the write lock past the wait', async () => {
    const file = await migratedFile();
    const other = new BetterSqlite3(file);
    cleanups.push(() => {
      other.close();
    });
    other.exec('begin immediate');
    cleanups.push(() => {
      other.exec('rollback');
    });
    const opened = openDatabase(file);
    cleanups.push(() => opened.close());
    expect(await probeDatabaseWritable(opened.db, { waitMs: 50 })).toBe('busy');
  });
});
