import type { Db } from '@tessera/db';

/**
 * The part of the context that tests build directly. The HTTP host adds the cookie plumbing by
 * supplying `setSessionCookie` / `clearSessionCookie` and the token it read from the request.
 */
export interface Context {
  db: Db;
  /** The raw session token from the cookie, if any. */
  sessionToken: string | null;
  /** The client's address, only ever stored hashed (sign-in throttling). */
  clientAddress: string;
  now: () => Date;
  sessionLifetimeMs: number;
  /** The server's secret (kept outside the database): keys the throttling hashes. */
  secretKey: Uint8Array;
  setSessionCookie: (token: string, expiresAt: Date) => void;
  clearSessionCookie: () => void;
  /** An operator warning for the server log; never given personal data. */
  warn: (message: string) => void;
}

function randomKey(): Uint8Array {
  const key = new Uint8Array(32);
  crypto.getRandomValues(key);
  return key;
}

/** Tests and tools without a configured key share one random key for the life of the process. */
const processKey = randomKey();

export function createInnerContext(input: Pick<Context, 'db'> & Partial<Omit<Context, 'db'>>): Context {
  return {
    sessionToken: null,
    clientAddress: '127.0.0.1',
    now: () => new Date(),
    sessionLifetimeMs: 12 * 60 * 60 * 1000,
    secretKey: processKey,
    setSessionCookie: () => {},
    clearSessionCookie: () => {},
    warn: (message) => console.warn(message),
    ...input,
  };
}
