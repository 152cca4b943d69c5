import { sql } from 'kysely';
import type { Db } from './connection';

/** Whether the database takes writes, in words an operator (and a load balancer) can act on. */
export type DatabaseHealth = 'writable' | 'read-only' | 'busy' | 'disk-full' | 'unavailable';

function classify(error: unknown): Exclude<DatabaseHealth, 'writable'> {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'SQLITE_FULL') return 'disk-full';
  return 'unavailable';
}

/**
 * Proves the database takes writes without changing it: takes the write lock (`BEGIN IMMEDIATE`),
 * rewrites the header's `user_version` with the value it already has, and rolls back. A file
 * opened read-only, a read-only mount or `query_only` fail the write; another process holding
 * the write lock longer than `waitMs` shows as `busy`. A rolled-back write need not reach the
 * disk, so a full disk shows only once SQLite has to write (then as `disk-full`).
 */
export async function probeDatabaseWritable(db: Db, options: { waitMs?: number } = {}): Promise<DatabaseHealth> {
  const waitMs = Math.max(0, Math.round(options.waitMs ?? 1000));
  try {
    // One reserved connection, so the shorter busy timeout applies to the probe only.
    return await db.connection().execute(async (conn) => {
      const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
      const previous = Number(timeout.rows[0]?.timeout ?? 5000);
      await sql.raw(`pragma busy_timeout = ${waitMs}`).execute(conn);
      try {
        await sql`begin immediate`.execute(conn);
        let failure: unknown = null;
        try {
          const version = await sql<{ user_version: number }>`pragma user_version`.execute(conn);
          const value = Math.trunc(Number(version.rows[0]?.user_version ?? 0));
          await sql.raw(`pragma user_version = ${value}`).execute(conn);
        } catch (error) {
          failure = error;
        }
        try {
          await sql`rollback`.execute(conn);
        } catch (error) {
          // SQLite may already have rolled back after a failed write: the first error is the cause.
          if (failure === null) throw error;
        }
        if (failure !== null) throw failure;
        return 'writable' as const;
      } finally {
        await sql.raw(`pragma busy_timeout = ${previous}`).execute(conn);
      }
    });
  } catch (error) {
    return classify(error);
  }
}
