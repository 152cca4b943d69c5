import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, type OpenedDatabase, openDatabase, purgeWriteAheadLog } from '../src/connection';
import { createTestFunder, createTestOrganization } from '../src/testing';

let opened: OpenedDatabase | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  await opened?.close();
  opened = undefined;
});

function tempDatabaseFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-wal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'db.sqlite');
}

/** The raw bytes of the database, its WAL and its shared-memory index, read while it is open. */
function rawBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe('purging the write-ahead log', () => {
  it('moves every frame into the database file and truncates the WAL, so a deleted value is nowhere', async () => {
    const file = tempDatabaseFile();
    opened = openDatabase(file);
    await migrateToLatest(opened.db);
    const org = await createTestOrganization(opened.db);
    const marker = 'WAL-PURGE-MARKER-4417';
    const funder = await createTestFunder(opened.db, org.id, { notes: marker });
    await opened.db.deleteFrom('funder').where('id', '=', funder.id).execute();
    // secure_delete has zeroed the row in the newest page, but the WAL still holds the older frame.
    expect(rawBytes(file).includes(marker)).toBe(true);

    expect(await purgeWriteAheadLog(opened.db)).toEqual({ completed: true, attempts: 1 });
    expect(statSync(`${file}-wal`).size).toBe(0);
    // Read with the connection still open, as a crash right now would leave the files.
    expect(rawBytes(file).includes(marker)).toBe(false);
  });

  it('reports a reader that holds an old snapshot, and completes once it is gone', async () => {
    const file = tempDatabaseFile();
    opened = openDatabase(file);
    await migrateToLatest(opened.db);
    const org = await createTestOrganization(opened.db);
    const reader = new BetterSqlite3(file);
    cleanups.push(() => reader.close());
    reader.exec('begin');
    reader.prepare('select count(*) from funder').get();
    const marker = 'WAL-BUSY-MARKER-9902';
    const funder = await createTestFunder(opened.db, org.id, { notes: marker });
    await opened.db.deleteFrom('funder').where('id', '=', funder.id).execute();

    expect(await purgeWriteAheadLog(opened.db, { attempts: 2, waitMs: 20 })).toEqual({
      completed: false,
      attempts: 2,
    });
    expect(rawBytes(file).includes(marker)).toBe(true);
    // The connection's own busy timeout is restored afterwards.
    const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(opened.db);
    expect(timeout.rows[0]?.timeout).toBe(5000);

    reader.exec('commit');
    expect(await purgeWriteAheadLog(opened.db, { attempts: 2, waitMs: 20 })).toEqual({
      completed: true,
      attempts: 1,
    });
    expect(rawBytes(file).includes(marker)).toBe(false);
  });

  it('has nothing to do for an in-memory database', async () => {
    opened = openDatabase(':memory:');
    await migrateToLatest(opened.db);
    expect((await purgeWriteAheadLog(opened.db)).completed).toBe(true);
  });
});
