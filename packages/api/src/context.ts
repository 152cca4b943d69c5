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
  setSessionCookie: (token: string, expiresAt: Date) => void;
  clearSessionCookie: () => void;
}

export function createInnerContext(input: Pick<Context, 'db'> & Partial<Omit<Context, 'db'>>): Context {
  return {
    sessionToken: null,
    clientAddress: '127.0.0.1',
    now: () => new Date(),
    sessionLifetimeMs: 12 * 60 * 60 * 1000,
    setSessionCookie: () => {},
    clearSessionCookie: () => {},
    ...input,
  };
}
