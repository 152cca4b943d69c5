import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '@tessera/api';
import { migrateToLatest, openDatabase } from '@tessera/db';
import { whileHoldingWriteLock } from '@tessera/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runMixedLoad } from '../bench/mixed-load';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

describe('writers never collide with a raw error', () => {
  it('API writes over HTTP and CLI imports in other processes, together: nothing fails, everything lands', async () => {
    const report = await runMixedLoad({
      writers: 3,
      minRequestsPerWriter: 20,
      cliImports: 4,
      cliParallel: 2,
      rowsPerImport: 150,
    });
    expect(report.cliErrors).toEqual([]);
    expect(report.statuses).toEqual({ 200: report.requests });
    expect(report.failures).toBe(0);
    expect(report.busyErrors).toBe(0);
    expect(report.cliRuns).toBe(4);
    expect(report.cliFailures).toBe(0);
    expect(report.participantsImported).toBe(4 * 150);
    expect(report.fundersStored).toBe(report.fundersCreated);
    expect(report.requests).toBeGreaterThanOrEqual(3 * 20);
  });

  describe('a CLI that cannot get the write lock', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-busy-'));
    const file = path.join(dir, 'busy.db');
    const key = 'ab'.repeat(32);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
      return new Promise((resolve) => {
        const child = spawn(tsx, ['src/cli.ts', ...args], {
          cwd: serverDir,
          env: {
            ...process.env,
            DATABASE_URL: file,
            SECRET_KEY: key,
            DATABASE_BUSY_TIMEOUT_MS: '300',
            NODE_ENV: 'production',
          },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
        });
        child.stderr.on('data', (c: Buffer) => {
          err += c.toString('utf8');
        });
        child.on('close', (code) => resolve({ code, out, err }));
      });
    }

    async function importedCount(): Promise<number> {
      const opened = openDatabase(file);
      try {
        const row = await opened.db
          .selectFrom('participant')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('code', 'like', 'LCK-%')
          .executeTakeFirstOrThrow();
        return Number(row.n);
      } finally {
        await opened.close();
      }
    }

    it('says so plainly, exits non-zero and writes nothing; once the lock is free the same import works', async () => {
      const opened = openDatabase(file);
      await migrateToLatest(opened.db);
      await seedDemo(opened.db, new Date(), Uint8Array.from(Buffer.from(key, 'hex')));
      await opened.close();
      const csv = path.join(dir, 'people.csv');
      writeFileSync(csv, 'code,gender\nLCK-0001,woman\nLCK-0002,man\n');

      // Another process (this test) holds the write lock for as long as the CLI runs.
      const refused = await whileHoldingWriteLock(file, () =>
        cli(['import', 'participants', '--org', 'demo', '--file', csv]),
      );
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        'The database is busy: another process is writing; try again. Nothing was written.',
      );
      expect(refused.err).not.toMatch(/SqliteError|database is locked|\n\s+at /);
      expect(await importedCount()).toBe(0);

      const retried = await cli(['import', 'participants', '--org', 'demo', '--file', csv]);
      expect(retried.err).not.toContain('busy');
      expect(retried.code).toBe(0);
      expect(retried.out).toContain('Participants imported: 2 new');
      expect(await importedCount()).toBe(2);
    });
  });
});
