import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const keyPattern = /^(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/;

/** 32 or 64 bytes (64 after a rotation: the new sealing key, then the first key's code root). */
export function parseSecretKey(text: string): Uint8Array | null {
  const trimmed = text.trim();
  return keyPattern.test(trimmed) ? Uint8Array.from(Buffer.from(trimmed, 'hex')) : null;
}

/** Writes a key file readable by its owner only (0600 whatever the umask); never overwrites. */
export function writeSecretKeyFile(file: string, key: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
}

/**
 * The server's secret key, kept outside the database: given as SECRET_KEY (hex), or read from
 * SECRET_KEY_FILE, which is created with 32 random bytes (mode 0600) on first start unless
 * `mayCreate` is false (a database already holding sealed data must get its own key back, never
 * a new one: see key-guard.ts). Anyone holding the database but not this key cannot reverse the
 * keyed hashes made with it nor open what it sealed.
 */
export function loadSecretKey(options: { key?: string; file: string; mayCreate?: boolean }): {
  key: Uint8Array;
  created: boolean;
} {
  if (options.key) {
    const key = parseSecretKey(options.key);
    if (!key) throw new Error('SECRET_KEY must be 64 hexadecimal characters (32 bytes), or 128 after a rotation.');
    return { key, created: false };
  }
  const file = path.resolve(options.file);
  if (existsSync(file)) {
    const key = parseSecretKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a 64-character hexadecimal key.`);
    return { key, created: false };
  }
  if (options.mayCreate === false) {
    throw new Error(`No secret key at ${file}: set SECRET_KEY_FILE (or SECRET_KEY) to this database's key.`);
  }
  const key = new Uint8Array(32);
  crypto.getRandomValues(key);
  writeSecretKeyFile(file, key);
  return { key, created: true };
}
