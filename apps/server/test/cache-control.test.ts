import { demoPassword } from '@tessera/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './helpers';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

async function signIn(email: string): Promise<{ cookie: string; response: Response }> {
  const response = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', response };
}

const query = (path: string, input: unknown, cookie = '') =>
  fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: cookie ? { cookie } : {},
  });

describe('Cache-Control on answers that carry participant data or session state', () => {
  it('sends no-store on every tRPC answer: queries, batches, mutations and refusals', async () => {
    const { cookie, response: signInResponse } = await signIn('coordinator@demo.test');
    expect(signInResponse.headers.get('cache-control')).toBe('no-store');

    const list = await query('participants.list', { search: 'ZR', limit: 5 }, cookie);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { result: { data: { items: { code: string }[] } } };
    expect(body.result.data.items.length).toBeGreaterThan(0);
    expect(list.headers.get('cache-control')).toBe('no-store');

    const session = await query('auth.session', undefined, cookie);
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');

    const batch = await fetch(
      `${server.url}/trpc/auth.session,participants.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: null, 1: {} }))}`,
      { headers: { cookie } },
    );
    expect(batch.status).toBe(200);
    expect(batch.headers.get('cache-control')).toBe('no-store');

    // Refusals too: no session, the wrong role, a cross-site mutation, an unknown procedure.
    expect((await query('participants.list', {})).headers.get('cache-control')).toBe('no-store');
    const finance = await signIn('finance@demo.test');
    const forbidden = await query('participants.list', {}, finance.cookie);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('cache-control')).toBe('no-store');
    const crossSite = await fetch(`${server.url}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('cache-control')).toBe('no-store');
    expect((await query('no.such.procedure', {}, cookie)).headers.get('cache-control')).toBe('no-store');
  });

  it('sends no-store on /files answers, keeping the downloads’ stricter value', async () => {
    const { cookie } = await signIn('coordinator@demo.test');
    const template = await fetch(`${server.url}/files/imports/participants/template.csv`, { headers: { cookie } });
    expect(template.status).toBe(200);
    expect(template.headers.get('cache-control')).toBe('private, no-store');
    const refused = await fetch(`${server.url}/files/receipts/no-such-receipt`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    // /healthz sets its own: a proxy must never answer with an old state of the database.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.headers.get('cache-control')).toBe('no-store');
  });
});
