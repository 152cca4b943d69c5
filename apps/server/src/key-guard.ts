import { existsSync } from 'node:fs';
import path from 'node:path';
import { databaseNeedsItsKey, SecretKeyMismatch, verifySecretKey } from '@tessera/api';
import type { Db } from '@tessera/db';
import type { Env } from './env';
import { loadSecretKey } from './secret-key';

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
        `No secret key at ${file}, and this database holds data sealed with one: set SECRET_KEY_FILE (or SECRET_KEY) to the key that belongs to this database. No new key was made: it could not open that data.`,
      );
    }
    if (!options.create) return null;
  }
  const secret = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE });
  try {
    await verifySecretKey(db, secret.key);
  } catch (error) {
    if (error instanceof SecretKeyMismatch) {
      throw new SecretKeyRefused(`${error.message} The key was read from ${describeKeySource(env)}.`);
    }
    throw error;
  }
  return secret;
}
