import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { backoffMs } from '../src/supervisor';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The supervisor as `pnpm start` runs it (from sources here), with its output gathered. */
function startSupervisor(env: Record<string, string>) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/supervisor.ts'], {
    cwd: serverDir,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves with the `n`-th match of `pattern` in the output, once it is there. */
  const nth = (pattern: RegExp, n: number, timeoutMs = 240_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no match ${n} for ${pattern}:\n${output}`)), timeoutMs);
      const check = () => {
        const matches = [...output.matchAll(new RegExp(pattern, 'g'))];
        const match = matches[n - 1];
        if (match) {
          clearTimeout(timer);
          resolve(match);
        } else waiters.push(check);
      };
      check();
    });
  return { child, nth, exited, output: () => output };
}

describe('the production start keeps the server alive', () => {
  it('waits longer after each quick death, up to the cap', () => {
    const options = { minBackoffMs: 1000, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 6, 7, 20].map((n) => backoffMs(n, options))).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000]);
  });

  it('starts the server again after it is killed, and stops with it on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-supervisor-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const supervisor = startSupervisor({
      DATABASE_URL: path.join(dir, 'app.db'),
      SECRET_KEY_FILE: path.join(dir, 'secret.key'),
      PORT: '0',
    });
    onTestFinished(() => {
      if (supervisor.child.exitCode === null) supervisor.child.kill('SIGKILL');
    });

    const firstPid = Number((await supervisor.nth(/started the server \(pid (\d+)\)/, 1))[1]);
    const firstUrl = (await supervisor.nth(/running at (http:\/\/\S+)/, 1))[1]!.replace('localhost', '127.0.0.1');
    expect((await fetch(`${firstUrl}/healthz`)).status).toBe(200);

    // A crash as the kernel's OOM killer or a fatal V8 error would leave it: no clean-up at all.
    process.kill(firstPid, 'SIGKILL');
    await supervisor.nth(/the server died \(signal SIGKILL\); restarting in 1 s/, 1);
    const secondPid = Number((await supervisor.nth(/started the server \(pid (\d+)\)/, 2))[1]);
    expect(secondPid).not.toBe(firstPid);
    const secondUrl = (await supervisor.nth(/running at (http:\/\/\S+)/, 2))[1]!.replace('localhost', '127.0.0.1');
    const health = await fetch(`${secondUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, database: 'writable' });
    // The data survived: the second start found the database the first one seeded.
    expect(supervisor.output().match(/demo data loaded/g)).toHaveLength(1);

    supervisor.child.kill('SIGTERM');
    expect(await supervisor.exited).toBe(0);
    expect(() => process.kill(secondPid, 0)).toThrow();
  }, 600_000);
});
