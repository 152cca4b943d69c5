import { createHash } from 'node:crypto';
import { findGrantByReference, findOrganizationBySlug } from '@tessera/db';
import type { Role, SubmittedPackFile } from '@tessera/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, signInAs } from './helpers';

/**
 * A submitted pack's files, as sent, over HTTP (issue 10 item 7): every role that may read
 * report packs downloads the same bytes the funder got (their SHA-256 as listed); no session is
 * 401, another organisation finds nothing.
 */

let server: RunningServer;
const cookies = {} as Record<Role | 'other', string>;
let packId: string;
let files: SubmittedPackFile[];

const json = { 'content-type': 'application/json', 'x-tessera-request': '1' };

const signIn = (email: string) => signInAs(server.url, email);

async function trpc<T>(cookie: string, path: string, input: unknown, mutation = false): Promise<T> {
  const response = mutation
    ? await fetch(`${server.url}/trpc/${path}`, {
        method: 'POST',
        headers: { cookie, ...json },
        body: JSON.stringify(input),
      })
    : await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { cookie },
      });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

const download = (cookie: string | null, fileId: string, pack = packId) =>
  fetch(`${server.url}/files/reports/${pack}/files/${fileId}`, { headers: cookie ? { cookie } : {} });

const roles: Role[] = ['admin', 'coordinator', 'finance', 'viewer'];

beforeAll(async () => {
  server = await startServer();
  for (const role of roles) cookies[role] = await signIn(`${role}@demo.test`);
  cookies.other = await signIn('network-admin@demo.test');
  const demo = await findOrganizationBySlug(server.opened.db, 'demo');
  const grant = await findGrantByReference(server.opened.db, demo!.id, 'S-MK100-26-GR-014');
  const pack = await trpc<{ id: string; version: number }>(
    cookies.finance,
    'reports.prepare',
    { grantId: grant!.id, from: grant!.startDate, to: grant!.endDate },
    true,
  );
  packId = pack.id;
  const submitted = await trpc<{ status: string; frozenAt: string | null }>(
    cookies.finance,
    'reports.submit',
    { id: pack.id, version: pack.version, submittedDate: grant!.endDate },
    true,
  );
  expect(submitted.status).toBe('submitted');
  expect(submitted.frozenAt).not.toBeNull();
  files = await trpc<SubmittedPackFile[]>(cookies.viewer, 'reports.files', { id: packId });
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe('GET /files/reports/:packId/files/:fileId', () => {
  it('lists the PDF and XLSX kept at submission', () => {
    expect(files.map((f) => f.format)).toEqual(['pdf', 'xlsx']);
  });

  it.each(roles)('gives %s the bytes as sent', async (role) => {
    for (const file of files) {
      const response = await download(cookies[role], file.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(file.contentType);
      expect(response.headers.get('content-disposition')).toContain('attachment');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(bytes.byteLength).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
  });

  it('answers 401 without a session', async () => {
    expect((await download(null, files[0]!.id)).status).toBe(401);
  });

  it('finds nothing for an admin of another organisation, nor an unknown file', async () => {
    expect((await download(cookies.other, files[0]!.id)).status).toBe(404);
    expect((await download(cookies.admin, 'no-such-file')).status).toBe(404);
  });
});
