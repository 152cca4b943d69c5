/**
 * Storage faults: the few ways SQLite can fail that are about the machine, not the request (a
 * full disk, a read-only file, a missing file, an I/O error, another process holding the write
 * lock). The driver (`sqlite-driver.ts`) turns SQLite's error codes into one `DatabaseFault` that
 * names the cause and the database file, so the API can answer with a true, translated message
 * and the log says what the operator must fix. Nothing here ever carries a row or a parameter.
 */

export const databaseFaultKinds = ['full', 'readOnly', 'missing', 'io', 'busy'] as const;
export type DatabaseFaultKind = (typeof databaseFaultKinds)[number];

const causes: Record<DatabaseFaultKind, string> = {
  full: 'the disk (or the database size limit) is full',
  readOnly: 'the database file or its folder is read-only',
  missing: 'the database file or its folder is missing',
  io: 'the disk reported an input/output error',
  busy: 'another process is writing and held the write lock longer than the busy timeout',
};

export class DatabaseFault extends Error {
  readonly kind: DatabaseFaultKind;
  /** SQLite's extended code (SQLITE_FULL, SQLITE_IOERR_WRITE, …), or TESSERA_DB_MISSING. */
  readonly code: string;
  /** The database file, for the operator. */
  readonly location: string;

  constructor(kind: DatabaseFaultKind, code: string, location: string, options?: { cause?: unknown }) {
    super(`Database ${location}: ${causes[kind]} (${code}). Nothing was saved.`, options);
    this.name = 'DatabaseFault';
    this.kind = kind;
    this.code = code;
    this.location = location;
  }
}

export function isDatabaseFault(error: unknown): error is DatabaseFault {
  return error instanceof DatabaseFault;
}

/** The fault an SQLite error code stands for, or null for errors about the request itself. */
export function faultKindOf(code: string | undefined): DatabaseFaultKind | null {
  if (!code) return null;
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'readOnly';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'missing';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  return null;
}

/** Wraps an SQLite fault in a `DatabaseFault`; any other error is returned as it was. */
export function asDatabaseFault(error: unknown, location: string): unknown {
  if (isDatabaseFault(error)) return error;
  const kind = faultKindOf((error as { code?: string } | null)?.code);
  if (!kind) return error;
  return new DatabaseFault(kind, (error as { code: string }).code, location, { cause: error });
}
