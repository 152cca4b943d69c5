import { demoPassword, demoTotpSecrets, seedDemo } from '@tessera/api';
import { Secret, TOTP } from 'otpauth';
import { createTestDatabase } from '@tessera/db/testing';
import type { OpenedDatabase } from '@tessera/db';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../src/app';
import type { FileWorkQueue } from '../src/file-work';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  opened: OpenedDatabase;
  close(): Promise<void>;
}

/** A real HTTP server on a random loopback port, over a fresh migrated SQLite with demo data. */
export async function startServer(
  options: { trustProxy?: boolean; webRoot?: string | null; fileWork?: FileWorkQueue } = {},
): Promise<RunningServer> {
  const opened = await createTestDatabase();
  await seedDemo(opened.db);
  const app = await buildApp({
    db: opened.db,
    webRoot: options.webRoot ?? null,
    sessionLifetimeMs: 3600_000,
    cookieSecure: 'auto',
    trustProxy: options.trustProxy ? 1 : false,
    secretKey: new Uint8Array(32).fill(7),
    logger: false,
    fileWork: options.fileWork,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    opened,
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

/** Signs a demo user in over HTTP and returns the session cookie ("name=value"). */
/** The password step alone: the cookie as it stands (half signed in where a second factor is asked). */
export async function signInWithPasswordOnly(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Signed in fully: the password, then the demo's code where a second factor is asked. */
export async function signInAs(url: string, email: string): Promise<string> {
  const headers = { 'content-type': 'application/json', 'x-tessera-request': '1' };
  const response = await fetch(`${url}/trpc/auth.signIn`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const stage = ((await response.json()) as { result?: { data?: { stage?: string } } }).result?.data?.stage;
  if (stage !== 'second_factor') return cookie;
  // A demo seeded with the key asks admin and finance for a code: the demo secret gives it.
  const secret = demoTotpSecrets[email];
  if (!secret) throw new Error(`${email} needs a second factor and has no demo secret`);
  const verified = await fetch(`${url}/trpc/auth.verifySecondFactor`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() }),
  });
  expect(verified.status).toBe(200);
  return (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
