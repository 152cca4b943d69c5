import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('/healthz', () => {
  it('is 200 with the database writable, 503 "read-only" when it takes no writes, and 200 again after', async () => {
    const health = async () => {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return { status: response.status, body: await response.json() };
    };
    expect(await health()).toEqual({ status: 200, body: { ok: true, database: 'writable' } });

    // What SQLite answers for a read-only file or mount (SQLITE_READONLY), on the server's own connection.
    await sql`pragma query_only = on`.execute(server.opened.db);
    try {
      expect(await health()).toEqual({ status: 503, body: { ok: false, database: 'read-only' } });
    } finally {
      await sql`pragma query_only = off`.execute(server.opened.db);
    }
    expect(await health()).toEqual({ status: 200, body: { ok: true, database: 'writable' } });
  });
});
