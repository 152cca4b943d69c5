import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../src/backup';
import { migrateToLatest, openDatabase } from '../src/connection';
import { createTestOrganization } from '../src/testing';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A permissive umask, so only the code's own modes can make the files private. */
function withUmask(mask: number): void {
  const previous = process.umask(mask);
  cleanups.push(() => void process.umask(previous));
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('files the server writes', () => {
  it('creates the database, its WAL and shared-memory files and backups 0600 under umask 000', async () => {
    withUmask(0o000);
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-modes-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'app.db');
    const opened = openDatabase(file);
    cleanups.push(() => opened.close());
    await migrateToLatest(opened.db);
    await createTestOrganization(opened.db);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(name), name).toBe(true);
      expect(modeOf(name), name).toBe(0o600);
    }
    const backup = backupDatabase(file, path.join(dir, 'backup.db'));
    expect(modeOf(backup.file)).toBe(0o600);
  });

  it('narrows an existing world-readable database to 0600 when it is opened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-modes-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'old.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const opened = openDatabase(file);
    cleanups.push(() => opened.close());
    await migrateToLatest(opened.db);
    expect(modeOf(file)).toBe(0o600);
  });
});
