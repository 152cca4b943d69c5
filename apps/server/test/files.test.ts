import { findOrganizationBySlug, insertMatchContribution } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, signInAs } from './helpers';

let server: RunningServer;
/** Both kinds of kept file pass the same checks: an expenditure's receipt, a contribution's evidence. */
const kinds = [
  { path: 'receipts', answer: 'expenditure', file: 'receipt' },
  { path: 'match-evidence', answer: 'contribution', file: 'evidenceFile' },
] as const;
const ids: Record<string, { mine: string; other: string }> = {};

const signIn = (email: string) => signInAs(server.url, email);

function upload(
  path: string,
  cookie: string,
  id: string,
  bytes: Uint8Array,
  name = 'receipt.pdf',
  headers: Record<string, string> = { 'x-tessera-request': '1' },
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.url}/files/${path}/${id}`, { method: 'POST', headers: { cookie, ...headers }, body: form });
}

const pdf = new Uint8Array([...Buffer.from('%PDF-1.4\n% receipt\n'), ...new Uint8Array(2000).fill(65)]);

beforeAll(async () => {
  server = await startServer();
  const demo = await findOrganizationBySlug(server.opened.db, 'demo');
  const network = await findOrganizationBySlug(server.opened.db, 'network');
  const mine = await createTestGrantWithMoney(server.opened.db, demo!.id);
  const other = await createTestGrantWithMoney(server.opened.db, network!.id);
  ids.receipts = { mine: mine.expenditureId, other: other.expenditureId };
  const contribution = (orgId: string, grantId: string) =>
    insertMatchContribution(server.opened.db, orgId, {
      grantId,
      kind: 'inKind',
      source: 'Volunteer hours',
      date: '2026-03-01',
      amountMinor: 10_000,
      description: null,
      evidenceReference: 'Timesheet March',
    });
  ids['match-evidence'] = {
    mine: await contribution(demo!.id, mine.grantId),
    other: await contribution(network!.id, other.grantId),
  };
});
afterAll(async () => {
  await server?.close();
});

describe.each(kinds)('kept files: $path', (kind) => {
  const expenditureId = () => ids[kind.path]!.mine;
  const otherOrgExpenditureId = () => ids[kind.path]!.other;

  it('finance uploads a PDF and downloads exactly the same bytes as an attachment', async () => {
    const cookie = await signIn('finance@demo.test');
    const response = await upload(kind.path, cookie, expenditureId(), pdf, 'Фактура март.pdf');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, Record<string, unknown>>;
    expect(body[kind.answer]?.[kind.file]).toEqual({
      fileName: 'Фактура март.pdf',
      contentType: 'application/pdf',
      size: pdf.byteLength,
    });

    const download = await fetch(`${server.url}/files/${kind.path}/${expenditureId()}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''%D0%A4");
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses a file that is not a PDF or an image, whatever its name', async () => {
    const cookie = await signIn('finance@demo.test');
    const response = await upload(
      kind.path,
      cookie,
      expenditureId(),
      new Uint8Array(Buffer.from('MZ\x90\x00 not a receipt')),
      'invoice.pdf',
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { data: { appCode: string; fieldErrors: Record<string, string[]> } };
    };
    expect(body.error.data.fieldErrors).toEqual({ file: ['validation.fileType'] });
  });

  it('refuses a file over the size limit and keeps the earlier receipt', async () => {
    const cookie = await signIn('admin@demo.test');
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set(Buffer.from('%PDF-1.4'));
    const response = await upload(kind.path, cookie, expenditureId(), big);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
    expect(body.error.data.fieldErrors.file?.[0]).toMatch(/^validation\.fileTooLarge/);
    const download = await fetch(`${server.url}/files/${kind.path}/${expenditureId()}`, { headers: { cookie } });
    expect((await download.arrayBuffer()).byteLength).toBe(pdf.byteLength);
  });

  it('keeps receipts from coordinators and viewers, and from anyone without a session', async () => {
    for (const email of ['coordinator@demo.test', 'viewer@demo.test']) {
      const cookie = await signIn(email);
      expect((await fetch(`${server.url}/files/${kind.path}/${expenditureId()}`, { headers: { cookie } })).status).toBe(
        403,
      );
      expect((await upload(kind.path, cookie, expenditureId(), pdf)).status).toBe(403);
    }
    expect((await fetch(`${server.url}/files/${kind.path}/${expenditureId()}`)).status).toBe(401);
  });

  it('never reaches another organisation’s expenditure', async () => {
    const cookie = await signIn('finance@demo.test');
    expect((await upload(kind.path, cookie, otherOrgExpenditureId(), pdf)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/files/${kind.path}/${otherOrgExpenditureId()}`, { headers: { cookie } })).status,
    ).toBe(404);
  });

  it('refuses an upload without the app header or from another origin', async () => {
    const cookie = await signIn('finance@demo.test');
    expect((await upload(kind.path, cookie, expenditureId(), pdf, 'r.pdf', {})).status).toBe(403);
    expect(
      (
        await upload(kind.path, cookie, expenditureId(), pdf, 'r.pdf', {
          'x-tessera-request': '1',
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
  });
});

describe('match evidence', () => {
  it('goes with its contribution, and a removed file is gone for download', async () => {
    const cookie = await signIn('finance@demo.test');
    const id = ids['match-evidence']!.mine;
    expect((await upload('match-evidence', cookie, id, pdf, 'timesheet.pdf')).status).toBe(200);
    const listed = await fetch(`${server.url}/files/match-evidence/${id}`, { headers: { cookie } });
    expect(listed.status).toBe(200);
    await server.opened.db.deleteFrom('match_contribution').where('id', '=', id).execute();
    const rows = await server.opened.db.selectFrom('match_evidence').select('contribution_id').execute();
    expect(rows.map((row) => row.contribution_id)).not.toContain(id);
    expect((await fetch(`${server.url}/files/match-evidence/${id}`, { headers: { cookie } })).status).toBe(404);
  });
});
