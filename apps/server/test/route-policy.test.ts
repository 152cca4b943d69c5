import { findGrantByReference, findOrganizationBySlug, insertMatchContribution, upsertAttachedFile } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import type { Role } from '@tessera/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyAllows, routePolicy } from '../../../packages/api/test/policy';
import { type RunningServer, startServer, signInAs } from './helpers';

/**
 * The plain HTTP routes against the written policy (packages/api/test/policy.ts): each of the
 * four roles, an admin of another organisation and no session, on a real server.
 */

let server: RunningServer;
const cookies = {} as Record<Role | 'other', string>;
let expenditureId: string;
let contributionId: string;
let packId: string;
/** A file kept when the pack was submitted. */
let fileId: string;
/** An export job started by each role, to read back. */
const jobs = {} as Record<Role, string>;

const json = { 'content-type': 'application/json', 'x-tessera-request': '1' };

const signIn = (email: string) => signInAs(server.url, email);

function uploadForm(name: string, bytes: Uint8Array<ArrayBuffer>): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return form;
}

const pdf = new Uint8Array([...Buffer.from('%PDF-1.4\n% receipt\n'), ...new Uint8Array(500).fill(65)]);

/** One valid request per route, apart from who sends it. */
const requests: Record<string, (cookie: string | null, who: Role | 'other' | 'none') => Promise<Response>> = {
  'POST /files/receipts/:id': (cookie) =>
    fetch(`${server.url}/files/receipts/${expenditureId}`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), 'x-tessera-request': '1' },
      body: uploadForm('r.pdf', pdf),
    }),
  'GET /files/receipts/:id': (cookie) =>
    fetch(`${server.url}/files/receipts/${expenditureId}`, { headers: cookie ? { cookie } : {} }),
  'POST /files/match-evidence/:id': (cookie) =>
    fetch(`${server.url}/files/match-evidence/${contributionId}`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), 'x-tessera-request': '1' },
      body: uploadForm('e.pdf', pdf),
    }),
  'GET /files/match-evidence/:id': (cookie) =>
    fetch(`${server.url}/files/match-evidence/${contributionId}`, { headers: cookie ? { cookie } : {} }),
  'POST /files/imports/:kind': (cookie) =>
    fetch(`${server.url}/files/imports/participants?mode=preview`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), 'x-tessera-request': '1' },
      body: uploadForm('p.csv', new TextEncoder().encode('code\nZR-9001\n')),
    }),
  'GET /files/imports/:kind/template.csv': (cookie) =>
    fetch(`${server.url}/files/imports/participants/template.csv`, { headers: cookie ? { cookie } : {} }),
  'POST /files/reports/:packId/exports': (cookie) =>
    fetch(`${server.url}/files/reports/${packId}/exports`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), ...json },
      body: JSON.stringify({ format: 'csv', locale: 'en' }),
    }),
  'GET /files/reports/exports/:jobId': (cookie, who) =>
    fetch(`${server.url}/files/reports/exports/${jobs[who === 'other' || who === 'none' ? 'finance' : who]}`, {
      headers: cookie ? { cookie } : {},
    }),
  'GET /files/reports/:packId/files/:fileId': (cookie) =>
    fetch(`${server.url}/files/reports/${packId}/files/${fileId}`, { headers: cookie ? { cookie } : {} }),
  'GET /files/reports/exports/:jobId/download': async (cookie, who) => {
    const job = jobs[who === 'other' || who === 'none' ? 'finance' : who];
    // The file is there once the job has ended; follow it without sleeping on a clock.
    for (let i = 0; i < 600 && cookie && who !== 'other'; i += 1) {
      const state = (await (
        await fetch(`${server.url}/files/reports/exports/${job}`, { headers: { cookie } })
      ).json()) as { state?: string };
      if (state.state !== 'running' && state.state !== 'queued') break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return fetch(`${server.url}/files/reports/exports/${job}/download`, { headers: cookie ? { cookie } : {} });
  },
};

const roles: Role[] = ['admin', 'coordinator', 'finance', 'viewer'];

beforeAll(async () => {
  server = await startServer();
  const demo = await findOrganizationBySlug(server.opened.db, 'demo');
  const money = await createTestGrantWithMoney(server.opened.db, demo!.id);
  expenditureId = money.expenditureId;
  contributionId = await insertMatchContribution(server.opened.db, demo!.id, {
    grantId: money.grantId,
    kind: 'cash',
    source: 'Own funds',
    date: '2026-03-01',
    amountMinor: 10_000,
    description: null,
    evidenceReference: null,
  });
  await upsertAttachedFile(server.opened.db, demo!.id, 'evidence', {
    ownerId: contributionId,
    fileName: 'e.pdf',
    contentType: 'application/pdf',
    content: pdf,
  });
  for (const role of roles) cookies[role] = await signIn(`${role}@demo.test`);
  cookies.other = await signIn('network-admin@demo.test');
  const grant = await findGrantByReference(server.opened.db, demo!.id, 'S-MK100-26-GR-014');
  const prepared = await fetch(`${server.url}/trpc/reports.prepare`, {
    method: 'POST',
    headers: { cookie: cookies.finance, ...json },
    body: JSON.stringify({ grantId: grant!.id, from: grant!.startDate, to: grant!.endDate }),
  });
  packId = ((await prepared.json()) as { result: { data: { id: string } } }).result.data.id;
  // Submitted: its export jobs draw the content as sent, and its files are kept.
  const submitted = await fetch(`${server.url}/trpc/reports.submit`, {
    method: 'POST',
    headers: { cookie: cookies.finance, ...json },
    body: JSON.stringify({ id: packId, version: 1, submittedDate: grant!.endDate }),
  });
  expect(submitted.status).toBe(200);
  const listed = await fetch(
    `${server.url}/trpc/reports.files?input=${encodeURIComponent(JSON.stringify({ id: packId }))}`,
    { headers: { cookie: cookies.viewer } },
  );
  fileId = ((await listed.json()) as { result: { data: { id: string }[] } }).result.data[0]!.id;
  for (const role of roles) {
    const started = await requests['POST /files/reports/:packId/exports']!(cookies[role], role);
    expect(started.status).toBe(202);
    jobs[role] = ((await started.json()) as { jobId: string }).jobId;
  }
});
afterAll(async () => {
  await server?.close();
});

describe('every HTTP route has a row in the written policy', () => {
  it('lists exactly the routes the server serves under /files', () => {
    // printRoutes draws a tree: a child line holds only what it adds to its parent's path.
    const stack: string[] = [];
    const served = server.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .flatMap((line) => {
        const match = /^(.*?)[├└]── (\S+) \(([^)]+)\)/.exec(line);
        if (!match) return [];
        const depth = (match[1] ?? '').length / 4;
        const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + (match[2] ?? '');
        stack[depth] = path;
        if (!path.startsWith('/files')) return [];
        return (match[3] ?? '')
          .split(', ')
          .filter((method) => method !== 'HEAD')
          .map((method) => `${method} ${path}`);
      })
      .sort();
    expect(served.length).toBeGreaterThan(0);
    expect(served).toEqual(Object.keys(routePolicy).sort());
  });
});

describe.each(Object.keys(routePolicy))('%s', (route) => {
  it.each(roles)('as %s, as the written policy says', async (role) => {
    const response = await requests[route]!(cookies[role], role);
    if (policyAllows(routePolicy[route], role)) expect(response.status, await response.text()).toBeLessThan(300);
    else expect(response.status).toBe(403);
  });

  it('without a session', async () => {
    expect((await requests[route]!(null, 'none')).status).toBe(401);
  });

  it('as an admin of another organisation, finding nothing of this one', async () => {
    const response = await requests[route]!(cookies.other, 'other');
    const body = await response.text();
    if (route === 'GET /files/imports/:kind/template.csv' || route.startsWith('POST /files/imports')) {
      // Its own organisation's template or check: nothing of this one in it.
      expect(body).not.toContain('ZR-');
    } else {
      expect(response.status).toBe(404);
    }
  });
});
