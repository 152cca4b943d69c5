import { type DatabaseFault, type DatabaseFaultKind, isDatabaseFault } from '@tessera/db';

/**
 * What the user is told when the server's storage fails (docs/decisions/0019): one app code per
 * cause, translated by the web app (`error.STORAGE_*`), HTTP 503 because the request was fine and
 * the server is the one that cannot serve it. The English message is for the CLI and API clients;
 * it never names the file (that is for the operator's log, see `storageFaultLog`).
 */
export const storageErrorCodes = [
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
  'STORAGE_MISSING',
  'STORAGE_IO',
  'STORAGE_BUSY',
] as const;
export type StorageErrorCode = (typeof storageErrorCodes)[number];

const byKind: Record<DatabaseFaultKind, { appCode: StorageErrorCode; message: string }> = {
  full: { appCode: 'STORAGE_FULL', message: 'The server cannot save right now: its disk is full. Nothing was saved.' },
  readOnly: {
    appCode: 'STORAGE_READ_ONLY',
    message: 'The server cannot save right now: its database is read-only. Nothing was saved.',
  },
  missing: {
    appCode: 'STORAGE_MISSING',
    message: 'The server cannot save right now: its database file is missing. Nothing was saved.',
  },
  io: {
    appCode: 'STORAGE_IO',
    message: 'The server cannot save right now: its disk reported an error. Nothing was saved.',
  },
  busy: {
    appCode: 'STORAGE_BUSY',
    message: 'The server is busy saving other work. Nothing was saved: try again in a moment.',
  },
};

/** Seconds a client should wait before trying again after a busy database. */
export const busyRetryAfterSeconds = 5;

export interface StorageFaultAnswer {
  status: 503;
  appCode: StorageErrorCode;
  message: string;
  retryAfterSeconds: number | null;
}

/** The answer for a storage fault, or null when `error` is not one. */
export function storageFaultAnswer(error: unknown): StorageFaultAnswer | null {
  if (!isDatabaseFault(error)) return null;
  const { appCode, message } = byKind[error.kind];
  return { status: 503, appCode, message, retryAfterSeconds: error.kind === 'busy' ? busyRetryAfterSeconds : null };
}

/** The log fields for a storage fault: the cause and the file, never a value or a parameter. */
export function storageFaultLog(fault: DatabaseFault): { fault: DatabaseFaultKind; code: string; database: string } {
  return { fault: fault.kind, code: fault.code, database: fault.location };
}
