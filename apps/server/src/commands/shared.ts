import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sealOutcomeDescriptions } from '@tessera/api';
import { migrateToLatest, type OpenedDatabase, openDatabase } from '@tessera/db';
import { parseMessageKey } from '@tessera/domain';
import { CommanderError } from 'commander';
import { loadEnv } from '../env';
import { SecretKeyRefused, secretKeyForDatabase } from '../key-guard';

/** Reads all of standard input when it is a pipe or a file; null when it is a terminal. */
export async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What a command gets: the open database and the server's key (null when none was found and none is needed). */
export interface CommandDatabase extends OpenedDatabase {
  secret: { key: Uint8Array; created: boolean } | null;
}

/**
 * Opens and migrates the database, then checks the secret key against it (key-guard.ts): a key
 * that cannot open the sealed data, or no key for a database that holds some, stops the command
 * before it does anything. `key: 'create'` makes a key when the database has none yet (commands
 * that seal); `'optional'` leaves it null. After migrating, outcome descriptions still in clear
 * are sealed as the server does at start, when the key is here.
 */
export async function withDatabase<T>(
  fn: (opened: CommandDatabase) => Promise<T>,
  options: { key: 'optional' | 'create' } = { key: 'optional' },
): Promise<T> {
  const env = loadEnv();
  if (env.DATABASE_URL !== ':memory:') mkdirSync(path.dirname(path.resolve(env.DATABASE_URL)), { recursive: true });
  const opened = openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(opened.db);
    let secret: CommandDatabase['secret'];
    try {
      secret = await secretKeyForDatabase(opened.db, env, { create: options.key === 'create' });
    } catch (error) {
      if (error instanceof SecretKeyRefused) throw new CommanderError(1, 'tessera.key', error.message);
      throw error;
    }
    if (secret) await sealOutcomeDescriptions(opened.db, secret.key);
    return await fn({ ...opened, secret });
  } finally {
    await opened.close();
  }
}

/** The key of a `key: 'create'` command: always there (withDatabase made or refused it). */
export function requireKey(secret: CommandDatabase['secret']): Uint8Array {
  if (!secret) throw new CommanderError(1, 'tessera.key', 'No secret key: set SECRET_KEY_FILE or SECRET_KEY.');
  return secret.key;
}

export function parseOrFail<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  flag: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CommanderError(2, 'tessera.invalid', `Invalid ${flag}: ${String(value)}`);
  return result.data;
}

/** "validation.outsideGrantPeriod?start=…" → "outside grant period (start …)": plain enough for a terminal. */
export function describeMessageKey(message: string): string {
  const { key, params } = parseMessageKey(message);
  const words = key
    .replace(/^validation\./, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
  const details = Object.entries(params).map(([k, v]) => `${k} ${v}`);
  return details.length > 0 ? `${words} (${details.join(', ')})` : words;
}

/** Prints aligned columns; numbers right-aligned. */
export function printTable(header: string[], rows: string[][], rightAligned: boolean[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
