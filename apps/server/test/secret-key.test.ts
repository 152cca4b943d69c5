import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
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
