import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseNeedsItsKey, SecretKeyMismatch, secretKeyCheckValue, verifySecretKey } from '@tessera/api';
import { type Db, getInstanceSetting } from '@tessera/db';
import type { Env } from './env';
import { loadSecretKey, parseSecretKey } from './secret-key';

/** A start refused because the key and the database do not belong together; the message says what to set. */
export class SecretKeyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyRefused';
  }
}

/** Where the key comes from, in words for messages (never the key). */
export function describeKeySource(env: Pick<Env, 'SECRET_KEY' | 'SECRET_KEY_FILE'>): string {
  return env.SECRET_KEY ? 'SECRET_KEY' : `SECRET_KEY_FILE (${path.resolve(env.SECRET_KEY_FILE)})`;
}

/**
 * The secret key for this database, checked against the check value the database keeps
 * (docs/decisions/0018): the server and the CLI refuse to start with a key that cannot open the
 * sealed data, and never make a new key for a database that already holds sealed data. With
 * `create: false` and neither a key nor sealed data, returns null (commands that need no key).
 */
export async function secretKeyForDatabase(
  db: Db,
  env: Pick<Env, 'SECRET_KEY' | 'SECRET_KEY_FILE'>,
  options: { create: boolean },
): Promise<{ key: Uint8Array; created: boolean } | null> {
  const file = path.resolve(env.SECRET_KEY_FILE);
  if (!env.SECRET_KEY && !existsSync(file)) {
    if (await databaseNeedsItsKey(db)) {
      throw new SecretKeyRefused(
        `No secret key at ${file}, and this database holds data sealed with one: set SECRET_KEY_FILE (or SECRET_KEY) to the key that belongs to this database. No new key was made: it could not open that data.${await interruptedRotationHint(db, env)}`,
      );
    }
    if (!options.create) return null;
  }
  const secret = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE });
  try {
    await verifySecretKey(db, secret.key);
  } catch (error) {
    if (error instanceof SecretKeyMismatch) {
      throw new SecretKeyRefused(
        `${error.message} The key was read from ${describeKeySource(env)}.${await interruptedRotationHint(db, env)}`,
      );
    }
    throw error;
  }
  return secret;
}

/**
 * `key:rotate` writes the new key beside the old one (`SECRET_KEY_FILE` + `.new`), commits the
 * re-sealed data, then renames the files. Stopped between the commit and the renames (a crash, a
 * full disk, Ctrl-C), the database needs the `.new` key while the old one is still in place, or
 * no longer there. Says so, and what to do, when that file is the one this database needs; never
 * prints a key. Empty when there is no such file or it is not this database's key either.
 */
export async function interruptedRotationHint(
  db: Db,
  env: Pick<Env, 'SECRET_KEY' | 'SECRET_KEY_FILE'>,
): Promise<string> {
  const file = path.resolve(env.SECRET_KEY_FILE);
  const candidate = `${file}.new`;
  if (!existsSync(candidate)) return '';
  const key = parseSecretKey(readFileSync(candidate, 'utf8'));
  const stored = await getInstanceSetting(db, 'secret_key_check');
  if (!key || stored === null || secretKeyCheckValue(key) !== stored) {
    return ` ${candidate} (left by a key rotation) does not belong to this database either.`;
  }
  const steps = existsSync(file)
    ? `move ${file} aside (keep it for backups made before the rotation), rename ${candidate} to ${file}`
    : `rename ${candidate} to ${file}`;
  return env.SECRET_KEY
    ? ` A key rotation that did not finish left the key this database needs in ${candidate}: put that file's contents in SECRET_KEY (keep the old key for backups made before the rotation), then start again.`
    : ` A key rotation that did not finish left the key this database needs in ${candidate}: ${steps}, then start again.`;
}
