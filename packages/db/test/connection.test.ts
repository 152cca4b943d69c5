import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, type OpenedDatabase, openDatabase } from '../src/connection';
import { migrations } from '../src/migrations';
import { createTestFunder, createTestOrganization } from '../src/testing';

let opened: OpenedDatabase | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await opened?.close();
  opened = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file in a fresh directory, removed (with its -wal and -shm) after the test. */
function tempDatabaseFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

describe('opening a SQLite file', () => {
  it('sets WAL, synchronous=FULL, foreign keys and secure_delete', async () => {
    const file = tempDatabaseFile();
    opened = openDatabase(file);
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(opened!.db)).rows[0] as Record<string, unknown>)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2); // FULL
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('secure_delete')).toBe(1);
  });

  it('migrates once and is idempotent', async () => {
    const file = tempDatabaseFile();
    opened = openDatabase(file);
    const first = await migrateToLatest(opened.db);
    expect(first.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
    expect(first.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(opened.db)).toEqual([]);
  });

  it('refuses a PostgreSQL URL with a clear message until that work lands', () => {
    expect(() => openDatabase('postgres://localhost/test')).toThrow(/PostgreSQL is not supported yet/);
  });

  it('enforces foreign keys', async () => {
    opened = openDatabase(':memory:');
    await migrateToLatest(opened.db);
    await expect(createTestFunder(opened.db, 'no-such-org')).rejects.toThrow(/FOREIGN KEY/);
  });

  it('leaves no trace of overwritten text in the file (secure_delete)', async () => {
    const file = tempDatabaseFile();
    opened = openDatabase(file);
    await migrateToLatest(opened.db);
    const org = await createTestOrganization(opened.db);
    const marker = 'ZZ-SECRET-MARKER-7781';
    const funder = await createTestFunder(opened.db, org.id, { notes: marker.repeat(50) });
    await opened.db.deleteFrom('funder').where('id', '=', funder.id).execute();
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(opened.db);
    await opened.close();
    opened = undefined;
    expect(readFileSync(file).includes(Buffer.from(marker))).toBe(false);
  });
});
