import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, DatabaseFileRefused, restoreDatabase, tableChecksums } from '../src/backup';
import { migrateToLatest, openDatabase } from '../src/connection';
import { createTestFunder, createTestOrganization } from '../src/testing';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-backup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A migrated database with one organisation and a few funders, closed again. */
async function tesseraDatabase(file: string): Promise<void> {
  const opened = openDatabase(file);
  await migrateToLatest(opened.db);
  const org = await createTestOrganization(opened.db);
  for (let i = 0; i < 5; i += 1) await createTestFunder(opened.db, org.id, { name: `Funder ${i}` });
  await opened.close();
}

/**
 * Another process writing as fast as it can, each transaction adding one probe row and bumping
 * a counter beside it: a consistent copy has exactly as many rows as the counter says.
 */
function startWriter(file: string): Promise<{ child: ChildProcess; stop: () => Promise<number> }> {
  const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const Database = require(${JSON.stringify(sqlitePath)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.exec("create table if not exists load_probe (id integer primary key, body text not null)");
    db.exec("create table if not exists load_counter (id integer primary key, n integer not null)");
    db.exec("insert or ignore into load_counter values (1, 0)");
    const insert = db.prepare('insert into load_probe (body) values (?)');
    const bump = db.prepare('update load_counter set n = n + 1 where id = 1');
    const write = db.transaction(() => { insert.run('x'.repeat(200)); bump.run(); });
    let stopping = false;
    process.on('SIGTERM', () => { stopping = true; });
    let written = 0;
    const loop = () => {
      for (let i = 0; i < 20; i += 1) { write(); written += 1; }
      if (written === 20) process.stdout.write('writing\\n');
      if (stopping) { db.close(); process.stdout.write('wrote ' + written + '\\n'); process.exit(0); }
      setImmediate(loop);
    };
    loop();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('writing')) {
        resolve({
          child,
          stop: () =>
            new Promise((done) => {
              child.on('exit', () => done(Number(/wrote (\d+)/.exec(output)?.[1] ?? 0)));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`writer exited with ${code}`)));
  });
}

function probeCounts(file: string): { rows: number; counter: number } {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = (sqlite.prepare('select count(*) as n from load_probe').get() as { n: number }).n;
    const counter = (sqlite.prepare('select n from load_counter where id = 1').get() as { n: number }).n;
    return { rows, counter };
  } finally {
    sqlite.close();
  }
}

describe('backup and restore', () => {
  it('backs up a consistent copy while another process writes, and the restore drill gives identical table contents', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'live.db');
    await tesseraDatabase(live);
    const writer = await startWriter(live);
    cleanups.push(() => void writer.child.kill('SIGKILL'));

    // Three backups in a row while the writer runs: each must finish and be consistent.
    const backups = [1, 2, 3].map((n) => backupDatabase(live, path.join(dir, `backup-${n}.db`)));
    const written = await writer.stop();
    expect(written).toBeGreaterThan(0);
    for (const backup of backups) {
      expect(statSync(backup.file).mode & 0o777).toBe(0o600);
      const { rows, counter } = probeCounts(backup.file);
      expect(rows).toBe(counter);
      expect(backup.tables.funder).toBe(5);
      expect(backup.organizations).toBe(1);
    }
    // The writer kept going during the backups: the last copy has rows the first did not.
    expect(probeCounts(live).rows).toBe(written);

    // The drill: restore the last backup in place of the live database, compare contents.
    const chosen = backups[2];
    if (!chosen) throw new Error('no backup');
    const before = tableChecksums(chosen.file);
    const restored = restoreDatabase(chosen.file, live);
    expect(restored.previous).not.toBeNull();
    expect(tableChecksums(live)).toEqual(before);
    expect(statSync(live).mode & 0o777).toBe(0o600);
    // Everything but the probe tables is what the live database held before the restore.
    const previous = tableChecksums(restored.previous as string);
    for (const [table, checksum] of Object.entries(previous)) {
      if (!table.startsWith('load_')) expect(before[table], table).toEqual(checksum);
    }
  });

  it('refuses an empty, damaged, foreign or organisation-less file, and replaces nothing', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'live.db');
    await tesseraDatabase(live);
    const liveBefore = tableChecksums(live);

    const empty = path.join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(() => restoreDatabase(empty, live)).toThrow(/empty/);

    const text = path.join(dir, 'notes.db');
    writeFileSync(text, 'this is not a database at all, just words');
    expect(() => restoreDatabase(text, live)).toThrow(/not a SQLite database/);

    const foreign = path.join(dir, 'foreign.db');
    const other = new BetterSqlite3(foreign);
    other.exec('create table photos (id integer primary key, name text)');
    other.close();
    expect(() => restoreDatabase(foreign, live)).toThrow(/not a Tessera one/);

    // A Tessera database with no organisation: what a killed `.backup` used to leave behind.
    const hollow = path.join(dir, 'hollow.db');
    const opened = openDatabase(hollow);
    await migrateToLatest(opened.db);
    await opened.close();
    expect(() => restoreDatabase(hollow, live)).toThrow(/no organisation/);

    // A good backup with its pages overwritten in the middle.
    const damaged = backupDatabase(live, path.join(dir, 'damaged.db')).file;
    const bytes = Buffer.from(readFileSync(damaged));
    bytes.fill(0x5a, 4096 * 2, 4096 * 6);
    writeFileSync(damaged, bytes);
    expect(() => restoreDatabase(damaged, live)).toThrow(DatabaseFileRefused);

    expect(tableChecksums(live)).toEqual(liveBefore);
  });

  it('refuses to restore over a database that is open, and changes nothing', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'live.db');
    await tesseraDatabase(live);
    const backup = backupDatabase(live, path.join(dir, 'backup.db'));
    const server = openDatabase(live);
    cleanups.push(() => server.close());
    await createTestFunder(
      server.db,
      (await server.db.selectFrom('organization').select('id').executeTakeFirstOrThrow()).id,
    );
    expect(() => restoreDatabase(backup.file, live)).toThrow(/in use/);
    expect(await server.db.selectFrom('funder').select('id').execute()).toHaveLength(6);
  });

  it('refuses to overwrite an existing file with a backup', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'live.db');
    await tesseraDatabase(live);
    const out = path.join(dir, 'taken.db');
    writeFileSync(out, 'keep me');
    expect(() => backupDatabase(live, out)).toThrow(/exists already/);
  });
});
