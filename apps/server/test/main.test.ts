import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

/** Starts the real entry point and resolves with its output once it says where it listens. */
function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string; url: string }> {
  const child = spawn(tsx, ['src/main.ts'], { cwd: serverDir, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/running at (http:\/\/\S+)/)?.[1];
      if (url && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('the start command', () => {
  it('creates and seeds a new database, serves, stops cleanly on Ctrl-C, and reuses the data next time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-main-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: path.join(dir, 'nested', 'app.db'),
      SECRET_KEY_FILE: path.join(dir, 'secret.key'),
      PORT: '0',
    };

    const first = await start(env);
    expect(first.output()).toContain('demo data loaded');
    expect(first.output()).toContain('admin@demo.test');
    const health = await fetch(`${first.url.replace('localhost', '127.0.0.1')}/healthz`);
    expect(health.status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await start(env);
    expect(second.output()).not.toContain('demo data loaded');
    expect(await stop(second.child)).toBe(0);
  }, 600_000);

  it('refuses a bad configuration with a clear message', async () => {
    await expect(start({ PORT: 'eighty' })).rejects.toThrow(/PORT/);
  }, 600_000);
});
