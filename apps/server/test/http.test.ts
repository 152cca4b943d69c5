import type { AppRouter } from '@tessera/api';
import { demoPassword } from '@tessera/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** A client like the web app's: JSON, the custom header, and a cookie jar of one cookie. */
function client() {
  let cookie = '';
  const fetchWithJar: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!.endsWith('=') ? '' : setCookie.split(';')[0]!;
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { 'x-tessera-request': '1' }, fetch: fetchWithJar })],
  });
  return { trpc, cookie: () => cookie };
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

describe('the API over real HTTP', () => {
  it('signs in, works with funders, and signs out', async () => {
    const { trpc, cookie } = client();
    expect(await trpc.auth.session.query()).toBeNull();
    await trpc.auth.signIn.mutate({ email: 'finance@demo.test', password: demoPassword });
    expect(cookie()).toMatch(/^tessera_session=/);
    const me = await trpc.auth.session.query();
    expect(me?.user.email).toBe('finance@demo.test');

    const created = await trpc.funders.create.mutate({ name: 'Skopje City Fund', kind: 'government', country: 'MK' });
    const found = await trpc.funders.list.query({ search: 'skopje city' });
    expect(found.items.map((f) => f.id)).toEqual([created.id]);
    const updated = await trpc.funders.update.mutate({ ...created, name: 'Skopje City Culture Fund' });
    expect(updated.version).toBe(2);

    await trpc.auth.signOut.mutate();
    expect(cookie()).toBe('');
    expect((await errorOf(trpc.funders.list.query({}))).data?.httpStatus).toBe(401);
  });

  it('answers bad input with field-level keys and no stack', async () => {
    const { trpc } = client();
    await trpc.auth.signIn.mutate({ email: 'admin@demo.test', password: demoPassword });
    const error = await errorOf(
      trpc.funders.create.mutate({ name: 'x'.repeat(10_000), kind: 'nope' as 'other', website: 'bad url' }),
    );
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.appCode).toBe('VALIDATION');
    expect(error.data?.fieldErrors).toEqual({
      name: ['validation.tooLong?max=200'],
      kind: ['validation.invalidChoice'],
      website: ['validation.invalidUrl'],
    });
    expect(JSON.stringify(error.shape)).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it('answers a stale edit with 409 STALE_VERSION', async () => {
    const { trpc } = client();
    await trpc.auth.signIn.mutate({ email: 'admin@demo.test', password: demoPassword });
    const created = await trpc.funders.create.mutate({ name: 'Race', kind: 'other' });
    await trpc.funders.update.mutate({ ...created, notes: 'first' });
    const error = await errorOf(trpc.funders.update.mutate({ ...created, notes: 'second' }));
    expect(error.data?.httpStatus).toBe(409);
    expect(error.data?.appCode).toBe('STALE_VERSION');
  });

  it('answers the wrong role with 403 and no session with 401', async () => {
    const viewer = client();
    await viewer.trpc.auth.signIn.mutate({ email: 'viewer@demo.test', password: demoPassword });
    const forbidden = await errorOf(viewer.trpc.funders.create.mutate({ name: 'Nope', kind: 'other' }));
    expect(forbidden.data?.httpStatus).toBe(403);
    expect(forbidden.data?.appCode).toBe('FORBIDDEN');
    const anonymous = await errorOf(client().trpc.members.list.query());
    expect(anonymous.data?.httpStatus).toBe(401);
    expect(anonymous.data?.appCode).toBe('UNAUTHENTICATED');
  });

  it('gives a wrong password the same answer as an unknown account, then a Retry-After', async () => {
    const { trpc } = client();
    const wrong = await errorOf(
      trpc.auth.signIn.mutate({ email: 'coordinator@demo.test', password: 'wrong-password' }),
    );
    const unknown = await errorOf(trpc.auth.signIn.mutate({ email: 'nobody@demo.test', password: 'wrong-password' }));
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.data?.appCode).toBe('INVALID_CREDENTIALS');
    for (let i = 0; i < 4; i += 1)
      await errorOf(trpc.auth.signIn.mutate({ email: 'coordinator@demo.test', password: 'wrong-password' }));
    const response = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
      body: JSON.stringify({ email: 'coordinator@demo.test', password: demoPassword }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('batched calls', () => {
  it('cannot slip many password guesses past the throttle in one request', async () => {
    const paths = Array.from({ length: 10 }, () => 'auth.signIn').join(',');
    const body = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [String(i), { email: 'viewer@demo.test', password: `guess-${i}` }]),
    );
    const response = await fetch(`${server.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
      body: JSON.stringify(body),
    });
    const results = (await response.json()) as { error?: { data?: { appCode?: string } } }[];
    const codes = results.map((r) => r.error?.data?.appCode);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('refuses a batch larger than the client ever sends', async () => {
    const paths = Array.from({ length: 11 }, () => 'auth.session').join(',');
    const response = await fetch(`${server.url}/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`, {
      headers: { 'x-tessera-request': '1' },
    });
    expect(response.status).toBe(400);
  });
});

describe('refusing what a browser could send cross-site', () => {
  const mutation = () => `${server.url}/trpc/auth.signIn`;
  const body = JSON.stringify({ email: 'admin@demo.test', password: demoPassword });

  it.each([
    ['application/x-www-form-urlencoded', 'email=admin%40demo.test&password=tessera-demo'],
    ['text/plain', body],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nadmin@demo.test\r\n--x--\r\n',
    ],
  ])('refuses a %s post', async (contentType, payload) => {
    const response = await fetch(mutation(), {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-tessera-request': '1' },
      body: payload,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses JSON without the app header', async () => {
    const response = await fetch(mutation(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(403);
  });

  it('refuses JSON from another origin', async () => {
    const response = await fetch(mutation(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-request': '1', origin: 'https://evil.example' },
      body,
    });
    expect(response.status).toBe(403);
  });

  it('accepts JSON from its own origin', async () => {
    const response = await fetch(mutation(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-request': '1', origin: server.url },
      body,
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('refuses a mutation sent as GET', async () => {
    const response = await fetch(
      `${server.url}/trpc/funders.create?input=${encodeURIComponent('{"name":"x","kind":"other"}')}`,
      { headers: { 'x-tessera-request': '1' } },
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('behind an HTTPS proxy', () => {
  it('marks the session cookie Secure', async () => {
    const proxied = await startServer({ trustProxy: true });
    try {
      const response = await fetch(`${proxied.url}/trpc/auth.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tessera-request': '1', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'admin@demo.test', password: demoPassword }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await proxied.close();
    }
  });
});

describe('a malformed request', () => {
  it('gets a 4xx JSON answer without a stack trace or an echo of the input', async () => {
    const response = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
      body: '{"email": "someone-secret',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/stack|node_modules|\.ts:\d+/);
    expect(text).not.toContain('someone-secret');
  });

  it('answers an oversized body with 413 in the same plain shape', async () => {
    const response = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-request': '1' },
      body: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(Object.keys((await response.json()) as object)).toEqual(['error']);
  });

  it('answers an unknown procedure with 404 NOT_FOUND', async () => {
    const response = await fetch(`${server.url}/trpc/funders.steal`, { headers: { 'x-tessera-request': '1' } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe('NOT_FOUND');
  });
});
