import {
  findGrantByReference,
  findOrganizationBySlug,
  findParticipantsByCode,
  insertMatchContribution,
} from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningServer, startServer, signInAs } from './helpers';

/**
 * Every state-changing route, tried the way a hostile page (or a careless client) could try it.
 * The app is built by the real buildApp; the only thing added is an `onRoute` hook on the Fastify
 * instance it creates, which records every route and counts how often each handler ran. So a
 * refusal is proven twice: the handler never ran, and the route's own side effect did not happen.
 */
const seen = vi.hoisted(() => ({
  routes: [] as { method: string; url: string }[],
  handled: new Map<string, number>(),
}));

vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const create = ((options?: Parameters<typeof actual.default>[0]) => {
    const app = actual.default(options);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) seen.routes.push({ method, url: route.url });
      const handler = route.handler;
      const key = route.url;
      route.handler = function (this: unknown, request, reply) {
        seen.handled.set(key, (seen.handled.get(key) ?? 0) + 1);
        return handler.call(this as never, request, reply);
      };
    });
    return app;
  }) as unknown as typeof actual.default;
  return { ...actual, default: create };
});

let server: RunningServer;
let cookie: string;
let demoId: string;
let packId: string;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const handled = (url: string) => seen.handled.get(url) ?? 0;

type BodyKind = 'json' | 'multipart' | 'text/plain' | 'form-urlencoded';

interface Prepared {
  /** The URL path (with query) to POST to. */
  path: string;
  /** What a well-behaved client sends; other content types are derived from it. */
  json?: unknown;
  file?: { name: string; content: string };
  /** Whether the route's own side effect has happened. */
  changed(): Promise<boolean>;
}

interface Target {
  name: string;
  /** The route as registered in Fastify. */
  route: string;
  /** The one content type the route accepts. */
  accepts: 'json' | 'multipart';
  /** A fresh target for one request, so each case's side effect is its own. */
  prepare(): Promise<Prepared>;
}

let unique = 0;
const next = () => {
  unique += 1;
  return unique;
};

const targets: Target[] = [
  {
    name: 'tRPC auth.setLocale (harmless mutation)',
    route: '/trpc/:path',
    accepts: 'json',
    async prepare() {
      const localeOf = async () =>
        (
          await server.opened.db
            .selectFrom('user')
            .select('locale')
            .where('email', '=', 'admin@demo.test')
            .executeTakeFirstOrThrow()
        ).locale;
      const before = await localeOf();
      const wanted = before === 'mk' ? 'sv' : 'mk';
      return {
        path: '/trpc/auth.setLocale',
        json: { locale: wanted },
        changed: async () => (await localeOf()) !== before,
      };
    },
  },
  {
    name: 'tRPC funders.create (data mutation)',
    route: '/trpc/:path',
    accepts: 'json',
    async prepare() {
      const name = `Cross-site funder ${next()}`;
      return {
        path: '/trpc/funders.create',
        json: { name, kind: 'other' },
        changed: async () =>
          (await server.opened.db.selectFrom('funder').select('id').where('name', '=', name).execute()).length > 0,
      };
    },
  },
  {
    name: 'receipt upload',
    route: '/files/receipts/:id',
    accepts: 'multipart',
    async prepare() {
      const { expenditureId } = await createTestGrantWithMoney(server.opened.db, demoId);
      return {
        path: `/files/receipts/${expenditureId}`,
        file: { name: 'receipt.pdf', content: `%PDF-1.4\n% receipt\n${'A'.repeat(2000)}` },
        changed: async () =>
          (
            await server.opened.db
              .selectFrom('receipt')
              .select('expenditure_id')
              .where('expenditure_id', '=', expenditureId)
              .execute()
          ).length > 0,
      };
    },
  },
  {
    name: 'match evidence upload',
    route: '/files/match-evidence/:id',
    accepts: 'multipart',
    async prepare() {
      const { grantId } = await createTestGrantWithMoney(server.opened.db, demoId);
      const contributionId = await insertMatchContribution(server.opened.db, demoId, {
        grantId,
        kind: 'inKind',
        source: 'Volunteer hours',
        date: '2026-03-01',
        amountMinor: 10_000,
        description: null,
        evidenceReference: null,
      });
      return {
        path: `/files/match-evidence/${contributionId}`,
        file: { name: 'timesheet.pdf', content: `%PDF-1.4\n% timesheet\n${'A'.repeat(2000)}` },
        changed: async () =>
          (
            await server.opened.db
              .selectFrom('match_evidence')
              .select('contribution_id')
              .where('contribution_id', '=', contributionId)
              .execute()
          ).length > 0,
      };
    },
  },
  {
    name: 'participant import (commit)',
    route: '/files/imports/:kind',
    accepts: 'multipart',
    async prepare() {
      const code = `XS-${String(next()).padStart(4, '0')}`;
      return {
        path: '/files/imports/participants?mode=commit',
        file: { name: 'people.csv', content: `code,gender,notes\n${code},woman,\n` },
        changed: async () => (await findParticipantsByCode(server.opened.db, demoId, [code])).size > 0,
      };
    },
  },
  {
    name: 'report pack export',
    route: '/files/reports/:packId/exports',
    accepts: 'json',
    async prepare() {
      // Export jobs live in memory only: the handler count is the side effect to watch.
      const before = handled('/files/reports/:packId/exports');
      return {
        path: `/files/reports/${packId}/exports`,
        json: { format: 'csv', locale: 'en' },
        changed: async () => handled('/files/reports/:packId/exports') > before,
      };
    },
  },
];

function body(prepared: Prepared, kind: BodyKind): { contentType: string | null; payload: BodyInit } {
  const json = JSON.stringify(prepared.json ?? { file: prepared.file?.content });
  switch (kind) {
    case 'json':
      return { contentType: 'application/json', payload: json };
    case 'text/plain':
      return { contentType: 'text/plain', payload: json };
    case 'form-urlencoded':
      return {
        contentType: 'application/x-www-form-urlencoded',
        payload: new URLSearchParams({ payload: json }).toString(),
      };
    case 'multipart': {
      const form = new FormData();
      if (prepared.file) form.append('file', new Blob([prepared.file.content]), prepared.file.name);
      else form.append('payload', json);
      // fetch sets the multipart content type with its boundary.
      return { contentType: null, payload: form };
    }
  }
}

interface Case {
  name: string;
  origin: (url: string) => string | null;
  header: boolean;
  /** Defaults to the content type the route accepts. */
  body?: (accepts: Target['accepts']) => BodyKind;
  accepted: boolean;
}

const port = (url: string) => new URL(url).port;
const cases: Case[] = [
  { name: 'its own origin', origin: (url) => url, header: true, accepted: true },
  { name: 'no Origin with the app header (a non-browser client)', origin: () => null, header: true, accepted: true },
  { name: 'no Origin and no app header', origin: () => null, header: false, accepted: false },
  { name: 'its own origin without the app header', origin: (url) => url, header: false, accepted: false },
  {
    name: 'a lookalike host that starts with ours',
    origin: (url) => `${url}.evil.example`,
    header: true,
    accepted: false,
  },
  {
    name: 'the same host on another port',
    origin: (url) => `http://127.0.0.1:${Number(port(url)) + 1}`,
    header: true,
    accepted: false,
  },
  { name: 'Origin: null (sandboxed frame, file:, redirect)', origin: () => 'null', header: true, accepted: false },
  { name: 'an upper-case scheme', origin: (url) => `HTTP://127.0.0.1:${port(url)}`, header: true, accepted: false },
  { name: 'a trailing slash', origin: (url) => `${url}/`, header: true, accepted: false },
  { name: 'https instead of http', origin: (url) => `https://127.0.0.1:${port(url)}`, header: true, accepted: false },
  {
    name: 'a subdomain-like host',
    origin: (url) => `http://evil.127.0.0.1:${port(url)}`,
    header: true,
    accepted: false,
  },
  {
    name: 'another name for the same host',
    origin: (url) => `http://localhost:${port(url)}`,
    header: true,
    accepted: false,
  },
  { name: 'an empty Origin', origin: () => '', header: true, accepted: false },
  { name: 'text/plain', origin: (url) => url, header: true, body: () => 'text/plain', accepted: false },
  {
    name: 'application/x-www-form-urlencoded',
    origin: (url) => url,
    header: true,
    body: () => 'form-urlencoded',
    accepted: false,
  },
  {
    name: 'the other accepted type (multipart to JSON, JSON to multipart)',
    origin: (url) => url,
    header: true,
    body: (accepts) => (accepts === 'json' ? 'multipart' : 'json'),
    accepted: false,
  },
];

const signIn = (email: string) => signInAs(server.url, email);

beforeAll(async () => {
  server = await startServer();
  demoId = (await findOrganizationBySlug(server.opened.db, 'demo'))!.id;
  cookie = await signIn('admin@demo.test');
  const grant = (await findGrantByReference(server.opened.db, demoId, 'S-MK100-26-GR-014'))!;
  const prepared = await fetch(`${server.url}/trpc/reports.prepare`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify({ grantId: grant.id, from: grant.startDate, to: grant.endDate }),
  });
  expect(prepared.status).toBe(200);
  packId = ((await prepared.json()) as { result: { data: { id: string } } }).result.data.id;
});
afterAll(async () => {
  await server?.close();
});

describe('the route table', () => {
  it('lists every route that can change state', () => {
    const unsafe = new Map<string, string[]>();
    for (const { method, url } of seen.routes) {
      if (safeMethods.has(method)) continue;
      unsafe.set(url, [...(unsafe.get(url) ?? []), method]);
    }
    const listed = new Set(targets.map((t) => t.route));
    // A route registered without being listed in `targets` fails here: add it to the table.
    expect([...unsafe.keys()].sort()).toEqual([...listed].sort());
    // The tRPC endpoint takes every method (tRPC itself answers all but POST with an error); the
    // file routes take POST only.
    for (const [url, methods] of unsafe) {
      if (url === '/trpc/:path') expect(methods).toContain('POST');
      else expect(methods).toEqual(['POST']);
    }
  });
});

describe.each(targets)('$name', (target) => {
  it.each(cases)('$name', async (c) => {
    const prepared = await target.prepare();
    const handledBefore = handled(target.route);
    const { contentType, payload } = body(prepared, c.body?.(target.accepts) ?? target.accepts);
    const headers: Record<string, string> = { cookie };
    if (contentType) headers['content-type'] = contentType;
    if (c.header) headers['x-tessera-request'] = '1';
    const origin = c.origin(server.url);
    if (origin !== null) headers.origin = origin;

    const response = await fetch(`${server.url}${prepared.path}`, { method: 'POST', headers, body: payload });
    const text = await response.text();

    if (c.accepted) {
      expect(response.status, text).toBeLessThan(300);
      expect(handled(target.route)).toBe(handledBefore + 1);
      expect(await prepared.changed()).toBe(true);
    } else {
      expect(response.status, text).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const error = JSON.parse(text) as { error: { message: string; data: { appCode: string } } };
      expect(error.error.data.appCode).toBe('FORBIDDEN');
      expect(error.error.message).toBeTruthy();
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(handled(target.route)).toBe(handledBefore);
      expect(await prepared.changed()).toBe(false);
    }
  });
});

describe('the tRPC endpoint under other methods', () => {
  it.each(['PUT', 'PATCH', 'DELETE'])('refuses a cross-site %s before tRPC sees it', async (method) => {
    const prepared = await targets[0]!.prepare();
    const before = handled('/trpc/:path');
    const response = await fetch(`${server.url}${prepared.path}`, {
      method,
      headers: {
        cookie,
        'content-type': 'application/json',
        'x-tessera-request': '1',
        origin: `${server.url}.evil.example`,
      },
      body: JSON.stringify(prepared.json),
    });
    expect(response.status).toBe(403);
    expect(handled('/trpc/:path')).toBe(before);
    expect(await prepared.changed()).toBe(false);
  });

  // The guard lets safe methods through; tRPC must then refuse to run a mutation for them.
  it.each(['OPTIONS', 'HEAD', 'GET'])('runs no mutation for a cross-site %s', async (method) => {
    const prepared = await targets[0]!.prepare();
    const input = encodeURIComponent(JSON.stringify(prepared.json));
    const response = await fetch(`${server.url}${prepared.path}?input=${input}`, {
      method,
      headers: { cookie, origin: `${server.url}.evil.example` },
    });
    // tRPC answers HEAD with an empty 204 without calling anything; the others with an error.
    if (method === 'HEAD') expect(response.status).toBe(204);
    else expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await prepared.changed()).toBe(false);
  });
});
