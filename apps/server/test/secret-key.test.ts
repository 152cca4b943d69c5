import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { verifySecretKey } from '@tessera/api';
import { migrateToLatest, openDatabase } from '@tessera/db';
import { SecretKeyRefused, secretKeyForDatabase } from '../src/key-guard';
import { loadSecretKey } from '../src/secret-key';

/** A fresh directory, removed when the test ends. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-key-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the secret key', () => {
  it('is created once, private to its owner, and reused', () => {
    const file = path.join(tempDir(), 'keys', 'secret.key');
    const first = loadSecretKey({ file });
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadSecretKey({ file });
    expect(second.created).toBe(false);
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
  });

  it('takes SECRET_KEY over the file and refuses malformed keys', () => {
    const file = path.join(tempDir(), 'secret.key');
    expect(Buffer.from(loadSecretKey({ key: 'ab'.repeat(32), file }).key).toString('hex')).toBe('ab'.repeat(32));
    expect(() => loadSecretKey({ key: 'short', file })).toThrow(/64 hexadecimal/);
    writeFileSync(file, 'not a key');
    expect(() => loadSecretKey({ file })).toThrow(/64-character/);
    expect(readFileSync(file, 'utf8')).toBe('not a key');
  });
});

describe('a key rotation that stopped before its files were renamed', () => {
  const oldKey = 'aa'.repeat(32);
  const newKey = 'bb'.repeat(32);

  /** A database sealed under `newKey` (the rotation committed), with the key files as given. */
  async function setUp(files: { current?: string; pending?: string }) {
    const dir = tempDir();
    const env = { SECRET_KEY: undefined, SECRET_KEY_FILE: path.join(dir, 'secret.key') };
    if (files.current) writeFileSync(env.SECRET_KEY_FILE, `${files.current}\n`);
    if (files.pending) writeFileSync(`${env.SECRET_KEY_FILE}.new`, `${files.pending}\n`);
    const opened = openDatabase(path.join(dir, 'app.db'));
    onTestFinished(() => opened.close());
    await migrateToLatest(opened.db);
    await verifySecretKey(opened.db, Uint8Array.from(Buffer.from(newKey, 'hex')));
    return { db: opened.db, env };
  }

  it('points at the .new key when the old key is still in place', async () => {
    const { db, env } = await setUp({ current: oldKey, pending: newKey });
    const refusal = await secretKeyForDatabase(db, env, { create: true }).catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(SecretKeyRefused);
    expect((refusal as Error).message).toContain(
      `A key rotation that did not finish left the key this database needs in ${env.SECRET_KEY_FILE}.new: move ${env.SECRET_KEY_FILE} aside`,
    );
    expect((refusal as Error).message).not.toContain(newKey);
  });

  it('points at the .new key when the old key was already moved away', async () => {
    const { db, env } = await setUp({ pending: newKey });
    const refusal = await secretKeyForDatabase(db, env, { create: true }).catch((e: Error) => e);
    expect((refusal as Error).message).toContain(`No secret key at ${env.SECRET_KEY_FILE}`);
    expect((refusal as Error).message).toContain(
      `rename ${env.SECRET_KEY_FILE}.new to ${env.SECRET_KEY_FILE}, then start`,
    );
    // Nothing was made in its place.
    expect(() => readFileSync(env.SECRET_KEY_FILE)).toThrow();
  });

  it('says a .new key that does not fit is no way out either, and starts normally with the right key', async () => {
    const { db, env } = await setUp({ current: oldKey, pending: 'cc'.repeat(32) });
    const refusal = await secretKeyForDatabase(db, env, { create: true }).catch((e: Error) => e);
    expect((refusal as Error).message).toContain('(left by a key rotation) does not belong to this database either');
    writeFileSync(env.SECRET_KEY_FILE, `${newKey}\n`);
    const started = await secretKeyForDatabase(db, env, { create: true });
    expect(Buffer.from(started!.key).toString('hex')).toBe(newKey);
  });
});
