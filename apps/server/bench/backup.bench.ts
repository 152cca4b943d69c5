/**
 * Benchmark for `cli backup` (issue 12 item 1): builds a database of about BENCH_MB megabytes
 * (default 1024), then times a backup of it while another process keeps writing, and prints the
 * figures: build time, database size, backup time and throughput, rows the writer committed
 * meanwhile, and for comparison SQLite's page-by-page online backup. Not part of the test suite.
 *
 *   npx -y pnpm@10.34.9 bench:backup              # about 1 GB; needs ~3 GB free in the temp folder
 *   BENCH_MB=200 npx -y pnpm@10.34.9 bench:backup # quicker
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupDatabase, migrateToLatest, newId, openDatabase } from '@tessera/db';
import { createTestOrganization } from '@tessera/db/testing';

const targetBytes = Number(process.env.BENCH_MB ?? 1024) * 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-backup-'));
const live = path.join(dir, 'live.db');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function startWriter(file: string): Promise<ChildProcess> {
  const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const db = new (require(${JSON.stringify(sqlitePath)}))(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 10000'); db.pragma('synchronous = FULL');
    const org = db.prepare('select id from organization limit 1').get().id;
    const insert = db.prepare("insert into audit_event (id, org_id, user_id, at, action, entity, entity_id, fields) values (?, ?, null, ?, 'update', 'funder', ?, '[]')");
    let n = 0, stopping = false;
    process.on('SIGTERM', () => { stopping = true; });
    const loop = () => {
      db.transaction(() => { for (let i = 0; i < 10; i++) insert.run('w-' + n + '-' + i, org, new Date().toISOString(), 'x'); })();
      n += 10; if (n === 10) process.stdout.write('writing\\n');
      if (stopping) { process.stdout.write('wrote ' + n + '\\n'); process.exit(0); }
      setImmediate(loop);
    };
    loop();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout?.once('data', () => resolve(child));
  });
}

async function main(): Promise<void> {
  const opened = openDatabase(live);
  await migrateToLatest(opened.db);
  const org = await createTestOrganization(opened.db);
  await opened.close();

  // Bulk rows straight through better-sqlite3: audit events with a 900-byte field list each.
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const sqlite = new Database(live);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(
    "insert into audit_event (id, org_id, user_id, at, action, entity, entity_id, fields) values (?, ?, null, ?, 'update', 'participant', ?, ?)",
  );
  const started = performance.now();
  const batch = sqlite.transaction((n: number) => {
    for (let i = 0; i < n; i += 1) {
      insert.run(
        newId(),
        org.id,
        new Date().toISOString(),
        newId(),
        JSON.stringify([randomBytes(450).toString('hex')]),
      );
    }
  });
  let rows = 0;
  while (statSync(live).size + (statSync(`${live}-wal`, { throwIfNoEntry: false })?.size ?? 0) < targetBytes) {
    batch(20_000);
    rows += 20_000;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  sqlite.close();
  const size = statSync(live).size;
  console.log(`built ${mb(size)} (${rows} audit rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const writer = await startWriter(live);
  let written = '';
  writer.stdout?.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  const result = backupDatabase(live, path.join(dir, 'backup.db'));
  const writerDone = new Promise((resolve) => writer.on('exit', resolve));
  writer.kill('SIGTERM');
  await writerDone;
  console.log(
    `cli backup (VACUUM INTO + integrity_check + counts) under write load: ${(result.milliseconds / 1000).toFixed(1)} s, ${mb(result.bytes)}, ${(result.bytes / 1024 / 1024 / (result.milliseconds / 1000)).toFixed(0)} MB/s (copy ${(result.copyMilliseconds / 1000).toFixed(1)} s, checks ${(result.checkMilliseconds / 1000).toFixed(1)} s); the writer committed ${/wrote (\d+)/.exec(written)?.[1] ?? '?'} rows meanwhile`,
  );

  // For comparison: SQLite's online backup API in one step, with no writer.
  const source = new Database(live);
  const onlineStarted = performance.now();
  await source.backup(path.join(dir, 'online.db'), { progress: () => 1_000_000 });
  source.close();
  console.log(`online backup API (no writer, no checks): ${((performance.now() - onlineStarted) / 1000).toFixed(1)} s`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
