import { isDatabaseFault, type OpenedDatabase, openDatabase } from '@tessera/db';
import type { Env } from './env';

/**
 * How the admin CLI opens the database and words a storage fault (docs/decisions/0019). The CLI
 * waits for the server's write lock as long as the server would (`DATABASE_BUSY_TIMEOUT_MS`);
 * every write transaction takes that lock at its start, so one that still cannot get it wrote
 * nothing, and says so.
 */
export function openCliDatabase(env: Pick<Env, 'DATABASE_URL' | 'DATABASE_BUSY_TIMEOUT_MS'>): OpenedDatabase {
  return openDatabase(env.DATABASE_URL, { busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
}

/** A plain sentence for a storage fault (the CLI's user is the operator: the file is named), or null. */
export function describeCliFault(error: unknown): string | null {
  if (!isDatabaseFault(error)) return null;
  const file = error.location;
  switch (error.kind) {
    case 'busy':
      return `The database is busy: another process is writing; try again. Nothing was written. (${file}; waited DATABASE_BUSY_TIMEOUT_MS for the write lock.)`;
    case 'full':
      return `The disk holding the database is full: nothing was written. Free some space and try again. (${file})`;
    case 'readOnly':
      return `The database is read-only for this user: nothing was written. Check the permissions of the file and its folder. (${file})`;
    case 'missing':
      return `The database file or its folder is missing: nothing was written. (${file})`;
    case 'io':
      return `The disk reported an input/output error: nothing was written. Check the disk. (${file}, ${error.code})`;
  }
}
