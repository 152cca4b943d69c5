import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The server's secret key, kept outside the database: given as SECRET_KEY (64 hex characters),
 * or read from SECRET_KEY_FILE, which is created with 32 random bytes (mode 0600) on first start.
 * Anyone holding the database but not this key cannot reverse the keyed hashes made with it.
 */
export function loadSecretKey(options: { key?: string; file: string }): { key: Uint8Array; created: boolean } {
  if (options.key) {
    if (!/^[0-9a-fA-F]{64}$/.test(options.key))
      throw new Error('SECRET_KEY must be 64 hexadecimal characters (32 bytes).');
    return { key: Uint8Array.from(Buffer.from(options.key, 'hex')), created: false };
  }
  const file = path.resolve(options.file);
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new Error(`${file} does not hold a 64-character hexadecimal key.`);
    return { key: Uint8Array.from(Buffer.from(text, 'hex')), created: false };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = new Uint8Array(32);
  crypto.getRandomValues(key);
  writeFileSync(file, `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, created: true };
}
