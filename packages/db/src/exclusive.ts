import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * Takes the database for this connection alone until it closes (SQLite's exclusive locking
 * mode), or returns false at once when another connection (the server, another CLI command) has
 * it open. A key rotation needs this: a server still running with the old key would seal new
 * data under it after the rotation. Call before any transaction; a file database only.
 */
export async function claimExclusiveUse(db: Db): Promise<boolean> {
  await sql`pragma busy_timeout = 0`.execute(db);
  try {
    await sql`pragma locking_mode = EXCLUSIVE`.execute(db);
    await sql`begin exclusive`.execute(db);
    await sql`commit`.execute(db);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    await sql`pragma locking_mode = NORMAL`.execute(db);
    return false;
  } finally {
    await sql`pragma busy_timeout = 5000`.execute(db);
  }
}
