import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, type OpenedDatabase, openDatabase } from '@tessera/db';
import { afterEach } from 'vitest';
import { createTestOrganization } from './helpers';

/**
 * Migrated SQLite files in fresh directories, for tests that read the raw bytes on disk; each
 * is closed and removed after its test. Call once at the top of a test file.
 */
export function useFileDatabases(prefix: string) {
  const opened: OpenedDatabase[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A new database file with one organisation. */
  return async function fileDatabase() {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    const file = join(dir, 'app.db');
    const db = openDatabase(file);
    opened.push(db);
    await migrateToLatest(db.db);
    const org = await createTestOrganization(db.db);
    return { dir, file, db, orgId: org.id };
  };
}

/** The database, -wal and -shm as they are on disk now (the connection stays open, as in a crash). */
export function rawBytes(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('');
}
