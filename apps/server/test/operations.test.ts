import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectDatabaseFile, tableChecksums } from '@tessera/db';
import { describe, expect, it, onTestFinished } from 'vitest';

/**
 * Issue 12 items 1, 2 and 8 through the real entry points: the server with scheduled backups,
 * `cli backup` while it runs, the restore drill, and a start refused with the wrong key.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

function cli(env: Record<string, string>, args: string[]) {
  const result = spawnSync(tsx, ['src/cli.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Starts main.ts; resolves once `ready(output)` holds. Rejects with the output if it exits first. */
function start(
  env: Record<string, string>,
  ready: (output: string) => boolean = (o) => o.includes('Ctrl-C'),
): Promise<{
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  until: (p: (o: string) => boolean) => Promise<void>;
}> {
  // Node with tsx's loader rather than the tsx command: the command relays Ctrl-C to the server
  // and kills it when it does not answer within 30 ms, which a busy machine cannot promise.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
  });
  let output = '';
  const waiters: { p: (o: string) => boolean; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.splice(0)) {
      if (w.p(output)) w.resolve();
      else waiters.push(w);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const until = (p: (o: string) => boolean) =>
    new Promise<void>((resolve) => {
      if (p(output)) resolve();
      else waiters.push({ p, resolve });
    });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    void until(ready).then(() => resolve({ child, output: () => output, until }));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('operations', () => {
  it('backs up on a schedule keeping the newest, backs up with the CLI while serving, and restores only when stopped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-ops-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: path.join(dir, 'app.db'),
      SECRET_KEY_FILE: path.join(dir, 'secret.key'),
      BACKUP_DIR: path.join(dir, 'backups'),
      // About every 2 seconds, so the test sees three; in production the default is 24 hours.
      BACKUP_EVERY_HOURS: '0.0006',
      BACKUP_KEEP: '2',
    };
    const server = await start(env);
    onTestFinished(() => void server.child.kill('SIGKILL'));
    expect(server.output()).toContain('Backups: every 0.0006 h');

    // While the server runs: a backup by hand, checked, with the key's whereabouts printed.
    const manual = path.join(dir, 'manual.db');
    const backup = cli(env, ['backup', '--out', manual]);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('integrity ok');
    expect(backup.out).toContain(`The secret key is NOT in the backup. It is in ${env.SECRET_KEY_FILE}`);
    expect(statSync(manual).mode & 0o777).toBe(0o600);

    // Restoring over the running server is refused, and nothing changes.
    const busy = cli(env, ['restore', '--from', manual]);
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/in use.*stop the server/);

    await server.until((o) => count(o, 'Backup written:') >= 3 && count(o, 'Old backup removed:') >= 1);
    expect(await stop(server.child)).toBe(0);
    const scheduled = readdirSync(env.BACKUP_DIR);
    expect(scheduled).toHaveLength(2);
    for (const name of scheduled) {
      const file = path.join(env.BACKUP_DIR, name);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(inspectDatabaseFile(file).organizations).toBe(2);
    }
    for (const name of ['app.db', 'secret.key']) expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);

    // The drill: restore the manual backup with the server stopped; its contents come back whole.
    const restore = cli(env, ['restore', '--from', manual]);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('belongs to this backup');
    expect(tableChecksums(env.DATABASE_URL)).toEqual(tableChecksums(manual));

    // Not a backup: refused by name.
    const notes = path.join(dir, 'notes.txt');
    copyFileSync(env.SECRET_KEY_FILE, notes);
    const foreign = cli(env, ['restore', '--from', notes]);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('not a SQLite database');

    // The restored database with another key: the server refuses to start, naming the setting.
    await expect(start({ ...env, BACKUP_DIR: '', SECRET_KEY: 'ab'.repeat(32) })).rejects.toThrow(
      /SECRET_KEY \/ SECRET_KEY_FILE.*not the one this database was sealed with/,
    );
    // And with no key at all it makes no new one.
    const moved = path.join(dir, 'elsewhere.key');
    copyFileSync(env.SECRET_KEY_FILE, moved);
    rmSync(env.SECRET_KEY_FILE);
    await expect(start({ ...env, BACKUP_DIR: '' })).rejects.toThrow(/No secret key at .*SECRET_KEY_FILE/);
    expect(readdirSync(dir)).not.toContain('secret.key');
    // With its key back, it starts.
    const again = await start({ ...env, BACKUP_DIR: '', SECRET_KEY_FILE: moved });
    expect(await stop(again.child)).toBe(0);
  }, 900_000);

  it('rotates the key: the server starts with the new key and refuses the old one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-ops-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: path.join(dir, 'app.db'), SECRET_KEY_FILE: path.join(dir, 'secret.key') };
    expect(cli(env, ['seed-demo']).code).toBe(0);
    const old = path.join(dir, 'old.key');
    copyFileSync(env.SECRET_KEY_FILE, old);

    // A new-key file left by a rotation that was undone is named, and nothing is changed.
    writeFileSync(`${env.SECRET_KEY_FILE}.new`, `${'cc'.repeat(32)}\n`);
    const leftover = cli(env, ['key:rotate']);
    expect(leftover.code).toBe(1);
    expect(leftover.err).toContain('still sealed with the current key, so that file is not needed. Delete it');
    expect(readFileSync(env.SECRET_KEY_FILE, 'utf8')).toBe(readFileSync(old, 'utf8'));
    rmSync(`${env.SECRET_KEY_FILE}.new`);

    const rotated = cli(env, ['key:rotate']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/Re-sealed \d+ values under the new key/);
    expect(rotated.out).toContain('The old key is kept in');
    const retired = readdirSync(dir).find((n) => n.startsWith('secret.key.retired-'));
    expect(retired).toBeDefined();
    expect(statSync(path.join(dir, retired as string)).mode & 0o777).toBe(0o600);
    expect(statSync(env.SECRET_KEY_FILE).mode & 0o777).toBe(0o600);

    await expect(start({ ...env, SECRET_KEY_FILE: old })).rejects.toThrow(/SECRET_KEY_FILE.*not the one/);
    const oldCli = cli({ ...env, SECRET_KEY_FILE: old }, ['grants', '--org', 'demo']);
    expect(oldCli.code).toBe(1);
    expect(oldCli.err).toContain('SECRET_KEY / SECRET_KEY_FILE');
    const server = await start(env);
    expect(await stop(server.child)).toBe(0);
  }, 900_000);
});
