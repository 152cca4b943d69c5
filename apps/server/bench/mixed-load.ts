import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPassword, demoTotpSecrets, seedDemo } from '@tessera/api';
import { migrateToLatest, openDatabase } from '@tessera/db';
import { Secret, TOTP } from 'otpauth';
import { buildApp } from '../src/app';

/**
 * API writes over HTTP to a real server and admin-CLI imports in separate processes, on one
 * SQLite file at the same time (issue 12 item 3). Used by `test/busy-database.test.ts` (small,
 * asserts nothing fails) and `bench/busy-database.ts` (larger, prints the figures).
 *
 * Each HTTP writer alternates a plain write (`funders.create`) with a read that then writes
 * (`participants.get`, audited), and keeps going until every CLI import has exited, so the two
 * kinds of writers overlap for the whole run. Nothing here logs a participant value.
 */
export interface MixedLoadOptions {
  /** Concurrent HTTP writers. */
  writers: number;
  /** Each writer makes at least this many requests, even if the imports finish first. */
  minRequestsPerWriter: number;
  /** CLI import runs in all, and how many run at once. */
  cliImports: number;
  cliParallel: number;
  rowsPerImport: number;
  /** DATABASE_BUSY_TIMEOUT_MS for the server and the CLI (default 5000). */
  busyTimeoutMs?: number;
}

export interface MixedLoadReport {
  requests: number;
  failures: number;
  busyErrors: number;
  /** HTTP status → count. */
  statuses: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  cliRuns: number;
  cliFailures: number;
  cliBusyErrors: number;
  /** The first few CLI error outputs, to show what went wrong. */
  cliErrors: string[];
  fundersCreated: number;
  fundersStored: number;
  participantsImported: number;
  durationMs: number;
}

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');
const busyPattern = /STORAGE_BUSY|SQLITE_BUSY|database is locked|database is busy/i;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['src/cli.ts', ...args], {
      cwd: serverDir,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, err }));
  });
}

export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadReport> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-load-'));
  const file = path.join(dir, 'load.db');
  const key = new Uint8Array(randomBytes(32));
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const opened = openDatabase(file, { busyTimeoutMs });
  try {
    await migrateToLatest(opened.db);
    await seedDemo(opened.db, new Date(), key);
    const app = await buildApp({
      db: opened.db,
      webRoot: null,
      sessionLifetimeMs: 3600_000,
      cookieSecure: false,
      trustProxy: false,
      secretKey: key,
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const headers = { 'content-type': 'application/json', 'x-tessera-request': '1' };
      const signIn = await fetch(`${url}/trpc/auth.signIn`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: 'admin@demo.test', password: demoPassword }),
      });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
      let cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      // The demo asks its admin for a second factor when seeded with the key: the demo secret.
      const stage = ((await signIn.json()) as { result?: { data?: { stage?: string } } }).result?.data?.stage;
      if (stage === 'second_factor') {
        const code = new TOTP({ secret: Secret.fromBase32(demoTotpSecrets['admin@demo.test'] ?? '') }).generate();
        const verified = await fetch(`${url}/trpc/auth.verifySecondFactor`, {
          method: 'POST',
          headers: { ...headers, cookie },
          body: JSON.stringify({ code }),
        });
        if (verified.status !== 200) throw new Error(`second factor failed: ${verified.status}`);
        cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      }
      const list = await fetch(`${url}/trpc/participants.list?input=${encodeURIComponent('{"search":""}')}`, {
        headers: { cookie },
      });
      const listed = (await list.json()) as { result?: { data?: { items?: { id: string }[] } } };
      const participantIds = (listed.result?.data?.items ?? []).map((p) => p.id);
      if (participantIds.length === 0) throw new Error('the demo has no participants to read');

      // The CLI imports: each its own file of new participants, in separate processes.
      const cliEnv = {
        DATABASE_URL: file,
        SECRET_KEY: Buffer.from(key).toString('hex'),
        SECRET_KEY_FILE: path.join(dir, 'unused.key'),
        DATABASE_BUSY_TIMEOUT_MS: String(busyTimeoutMs),
      };
      const cliResults: { code: number | null; err: string }[] = [];
      let nextRun = 0;
      let cliRunning = true;
      const cliLane = async () => {
        while (nextRun < options.cliImports) {
          const run = nextRun;
          nextRun += 1;
          const csv = path.join(dir, `import-${run}.csv`);
          const rows = Array.from(
            { length: options.rowsPerImport },
            (_, i) => `CLI-${String(run + 1).padStart(2, '0')}${String(i).padStart(4, '0')},woman`,
          );
          writeFileSync(csv, `code,gender\n${rows.join('\n')}\n`);
          cliResults.push(await runCli(['import', 'participants', '--org', 'demo', '--file', csv], cliEnv));
        }
      };
      const cliDone = Promise.all(Array.from({ length: options.cliParallel }, cliLane)).then(() => {
        cliRunning = false;
      });

      const latencies: number[] = [];
      const statuses: Record<string, number> = {};
      let failures = 0;
      let busyErrors = 0;
      let fundersCreated = 0;
      const writer = async (w: number) => {
        for (let i = 0; cliRunning || i < options.minRequestsPerWriter; i += 1) {
          const createFunder = i % 2 === 0;
          const t0 = performance.now();
          const response = createFunder
            ? await fetch(`${url}/trpc/funders.create`, {
                method: 'POST',
                headers: { ...headers, cookie },
                body: JSON.stringify({ name: `Load funder ${w} ${i}`, kind: 'other', notes: 'x'.repeat(400) }),
              })
            : await fetch(
                `${url}/trpc/participants.get?input=${encodeURIComponent(JSON.stringify({ id: participantIds[i % participantIds.length] }))}`,
                { headers: { cookie } },
              );
          const body = await response.text();
          latencies.push(performance.now() - t0);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status !== 200) {
            failures += 1;
            if (busyPattern.test(body)) busyErrors += 1;
          } else if (createFunder) {
            fundersCreated += 1;
          }
        }
      };
      await Promise.all([cliDone, ...Array.from({ length: options.writers }, (_, w) => writer(w))]);

      const participants = await opened.db
        .selectFrom('participant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('code', 'like', 'CLI-%')
        .executeTakeFirstOrThrow();
      const funders = await opened.db
        .selectFrom('funder')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', 'like', 'Load funder %')
        .executeTakeFirstOrThrow();
      const sorted = [...latencies].sort((a, b) => a - b);
      const failed = cliResults.filter((r) => r.code !== 0);
      return {
        requests: latencies.length,
        failures,
        busyErrors,
        statuses,
        p50Ms: Math.round(percentile(sorted, 50)),
        p95Ms: Math.round(percentile(sorted, 95)),
        cliRuns: cliResults.length,
        cliFailures: failed.length,
        cliBusyErrors: failed.filter((r) => busyPattern.test(r.err)).length,
        cliErrors: failed.slice(0, 3).map((r) => r.err.trim().split('\n').slice(-3).join('\n')),
        fundersCreated,
        fundersStored: Number(funders.n),
        participantsImported: Number(participants.n),
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      await app.close();
    }
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
