import { findOrganizationBySlug } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, signInAs } from './helpers';

let server: RunningServer;
let expenditureId: string;
let otherOrgExpenditureId: string;

const signIn = (email: string) => signInAs(server.url, email);

function upload(
  cookie: string,
  id: string,
  bytes: Uint8Array,
  name = 'receipt.pdf',
  headers: Record<string, string> = { 'x-tessera-request': '1' },
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.url}/files/receipts/${id}`, { method: 'POST', headers: { cookie, ...headers }, body: form });
}

const pdf = new Uint8Array([...Buffer.from('%PDF-1.4\n% receipt\n'), ...new Uint8Array(2000).fill(65)]);

beforeAll(async () => {
  server = await startServer();
  const demo = await findOrganizationBySlug(server.opened.db, 'demo');
  const network = await findOrganizationBySlug(server.opened.db, 'network');
  expenditureId = (await createTestGrantWithMoney(server.opened.db, demo!.id)).expenditureId;
  otherOrgExpenditureId = (await createTestGrantWithMoney(server.opened.db, network!.id)).expenditureId;
});
afterAll(async () => {
  await server?.close();
});

describe('receipts', () => {
  it('finance uploads a PDF and downloads exactly the same bytes as an attachment', async () => {
    const cookie = await signIn('finance@demo.test');
    const response = await upload(cookie, expenditureId, pdf, 'Фактура март.pdf');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      expenditure: { receipt: { fileName: string; contentType: string; size: number } };
    };
    expect(body.expenditure.receipt).toEqual({
      fileName: 'Фактура март.pdf',
      contentType: 'application/pdf',
      size: pdf.byteLength,
    });

    const download = await fetch(`${server.url}/files/receipts/${expenditureId}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''%D0%A4");
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses a file that is not a PDF or an image, whatever its name', async () => {
    const cookie = await signIn('finance@demo.test');
    const response = await upload(
      cookie,
      expenditureId,
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
    const response = await upload(cookie, expenditureId, big);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
    expect(body.error.data.fieldErrors.file?.[0]).toMatch(/^validation\.fileTooLarge/);
    const download = await fetch(`${server.url}/files/receipts/${expenditureId}`, { headers: { cookie } });
    expect((await download.arrayBuffer()).byteLength).toBe(pdf.byteLength);
  });

  it('keeps receipts from coordinators and viewers, and from anyone without a session', async () => {
    for (const email of ['coordinator@demo.test', 'viewer@demo.test']) {
      const cookie = await signIn(email);
      expect((await fetch(`${server.url}/files/receipts/${expenditureId}`, { headers: { cookie } })).status).toBe(403);
      expect((await upload(cookie, expenditureId, pdf)).status).toBe(403);
    }
    expect((await fetch(`${server.url}/files/receipts/${expenditureId}`)).status).toBe(401);
  });

  it('never reaches another organisation’s expenditure', async () => {
    const cookie = await signIn('finance@demo.test');
    expect((await upload(cookie, otherOrgExpenditureId, pdf)).status).toBe(404);
    expect((await fetch(`${server.url}/files/receipts/${otherOrgExpenditureId}`, { headers: { cookie } })).status).toBe(
      404,
    );
  });

  it('refuses an upload without the app header or from another origin', async () => {
    const cookie = await signIn('finance@demo.test');
    expect((await upload(cookie, expenditureId, pdf, 'r.pdf', {})).status).toBe(403);
    expect(
      (await upload(cookie, expenditureId, pdf, 'r.pdf', { 'x-tessera-request': '1', origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
  });
});
