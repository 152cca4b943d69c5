import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findGrantByReference, findOrganizationBySlug } from '@tessera/db';
import { type ReportPackContent, shownText } from '@tessera/domain';
import { pdfText, readXlsx, sheetRows, unzipCsv } from '@tessera/reports/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, signInAs } from './helpers';

let server: RunningServer;
let embassy: { id: string; startDate: string; endDate: string };
let network: { id: string; startDate: string; endDate: string };
let financeCookie: string;

const signIn = (email: string) => signInAs(server.url, email);

async function trpc<T>(cookie: string, path: string, input: unknown, mutation = false): Promise<T> {
  const response = mutation
    ? await fetch(`${server.url}/trpc/${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-tessera-request': '1' },
        body: JSON.stringify(input),
      })
    : await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { cookie },
      });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

function startExport(cookie: string, packId: string, body: unknown) {
  return fetch(`${server.url}/files/reports/${packId}/exports`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify(body),
  });
}

/** Starts an export, follows its progress to the end and downloads the file. */
async function exported(cookie: string, packId: string, format: string, locale = 'en') {
  const started = await startExport(cookie, packId, { format, locale });
  expect(started.status).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  let state: { state: string; done: number; total: number; fileName: string | null } = {
    state: 'running',
    done: 0,
    total: 1,
    fileName: null,
  };
  const seen: number[] = [];
  for (let i = 0; i < 200 && state.state === 'running'; i += 1) {
    const polled = await fetch(`${server.url}/files/reports/exports/${jobId}`, { headers: { cookie } });
    expect(polled.status).toBe(200);
    state = (await polled.json()) as typeof state;
    seen.push(state.done);
    if (state.state === 'running') await new Promise((r) => setTimeout(r, 25));
  }
  expect(state.state).toBe('done');
  expect(state.done).toBe(state.total);
  const download = await fetch(`${server.url}/files/reports/exports/${jobId}/download`, { headers: { cookie } });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-disposition')).toContain(state.fileName ?? '');
  return { jobId, fileName: state.fileName ?? '', bytes: new Uint8Array(await download.arrayBuffer()), seen };
}

const num = (n: number) => n.toLocaleString('en-US');

beforeAll(async () => {
  server = await startServer();
  const demoId = (await findOrganizationBySlug(server.opened.db, 'demo'))!.id;
  embassy = (await findGrantByReference(server.opened.db, demoId, 'S-MK100-26-GR-014'))!;
  network = (await findGrantByReference(server.opened.db, demoId, 'BCRN-SG-2026-07'))!;
  financeCookie = await signIn('finance@demo.test');
});
afterAll(async () => {
  await server?.close();
});

describe('report pack exports over HTTP', () => {
  let packId: string;
  let content: ReportPackContent;
  beforeAll(async () => {
    const pack = await trpc<{ id: string }>(
      financeCookie,
      'reports.prepare',
      { grantId: embassy.id, from: embassy.startDate, to: embassy.endDate },
      true,
    );
    packId = pack.id;
    content = await trpc<ReportPackContent>(financeCookie, 'reports.content', { id: packId });
  });

  it('exports XLSX whose numbers are numbers and equal the figures on screen', async () => {
    const file = await exported(financeCookie, packId, 'xlsx');
    expect(file.fileName).toMatch(/^S-MK100-26-GR-014-.*\.xlsx$/);
    const workbook = await readXlsx(file.bytes);
    const activities = workbook.worksheets.find((s) => /activit/i.test(s.name));
    expect(activities).toBeDefined();
    const row = sheetRows(activities!).find((r) => r.includes('CT-1'));
    expect(row).toBeDefined();
    const training = content.activities.find((a) => a.reference === 'CT-1')!;
    expect(shownText(training.participants)).toBe('20');
    expect(row).toContain(20);
    expect(row).toContain(1600);
    const finance = workbook.worksheets.find((s) => /financ/i.test(s.name));
    const spentTotal = content.finance.total.spentToDateMinor / 100;
    expect(sheetRows(finance!).some((r) => r.includes(spentTotal))).toBe(true);
  });

  it('exports a PDF with the organisation, the funder reference and the training figures', async () => {
    const file = await exported(financeCookie, packId, 'pdf');
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('Zora Collective');
    expect(text).toContain('S-MK100-26-GR-014');
    expect(text).toContain('Career counselling training');
    expect(text).toContain(num(1600));
  });

  it('exports the CSV zip with one table per part, in the chosen locale', async () => {
    const file = await exported(financeCookie, packId, 'csv', 'mk');
    expect(file.fileName).toMatch(/\.zip$/);
    const tables = unzipCsv(file.bytes, ';');
    const activities = Object.entries(tables).find(([name]) => name.startsWith('activities'))?.[1];
    expect(activities).toBeDefined();
    const row = activities!.rows.find((r) => r.includes('CT-1'));
    expect(row).toContain('20');
    expect(row).toContain('1600');
  });

  it('exports SF-425 for the embassy grant with line 10 from the ledger', async () => {
    const file = await exported(financeCookie, packId, 'sf425');
    const { text } = await pdfText(file.bytes);
    const lines = content.sf425!.lines;
    const usd = (minor: number) => (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(text).toContain(usd(lines.b));
    expect(text).toContain(usd(lines.c));
    expect(text).toContain(usd(lines.d));
  });

  it('refuses SF-425 for a grant that is not a U.S. federal award, before any job starts', async () => {
    const pack = await trpc<{ id: string }>(
      financeCookie,
      'reports.prepare',
      { grantId: network.id, from: network.startDate, to: network.endDate },
      true,
    );
    const response = await startExport(financeCookie, pack.id, { format: 'sf425', locale: 'en' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
    expect(body.error.data.fieldErrors).toEqual({ format: ['validation.notFederal'] });
  });

  it('refuses an unknown format, a missing header, another user’s job and a missing pack', async () => {
    const bad = await startExport(financeCookie, packId, { format: 'docx' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { data: { fieldErrors: unknown } } }).error.data.fieldErrors).toEqual({
      format: ['validation.invalidChoice'],
    });
    const noHeader = await fetch(`${server.url}/files/reports/${packId}/exports`, {
      method: 'POST',
      headers: { cookie: financeCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'pdf' }),
    });
    expect(noHeader.status).toBe(403);
    const missing = await startExport(financeCookie, 'no-such-pack', { format: 'pdf' });
    expect(missing.status).toBe(404);
    const mine = await exported(financeCookie, packId, 'eu');
    const viewer = await signIn('viewer@demo.test');
    const theirs = await fetch(`${server.url}/files/reports/exports/${mine.jobId}/download`, {
      headers: { cookie: viewer },
    });
    expect(theirs.status).toBe(404);
    const anonymous = await fetch(`${server.url}/files/reports/exports/${mine.jobId}`);
    expect(anonymous.status).toBe(401);
  });
});

describe('cli report', () => {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-report-'));
  const database = path.join(dir, 'cli.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => {
    const result = spawnSync(tsx, ['src/cli.ts', ...args], {
      cwd: serverDir,
      // The key beside the database: the default (./data/secret.key) would land in the repository.
      env: {
        ...process.env,
        DATABASE_URL: database,
        SECRET_KEY_FILE: path.join(dir, 'secret.key'),
        NODE_ENV: 'production',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('writes the pack without the browser, with the same figures', async () => {
    expect(cli(['seed-demo']).code).toBe(0);
    const out = path.join(dir, 'embassy.xlsx');
    const run = cli([
      'report',
      '--grant',
      'S-MK100-26-GR-014',
      '--from',
      embassy.startDate,
      '--to',
      embassy.endDate,
      '--format',
      'xlsx',
      '--locale',
      'en',
      '--out',
      out,
    ]);
    expect(run.err).toContain('rendering');
    expect(run.code).toBe(0);
    const workbook = await readXlsx(new Uint8Array(readFileSync(out)));
    const activities = workbook.worksheets.find((s) => /activit/i.test(s.name));
    const row = sheetRows(activities!).find((r) => r.includes('CT-1'));
    expect(row).toContain(20);
    expect(row).toContain(1600);
  });

  it('explains a reversed period, an unknown grant and a wrong format without a stack trace', () => {
    const reversed = cli([
      'report',
      '--grant',
      'S-MK100-26-GR-014',
      '--from',
      '2026-06-30',
      '--to',
      '2026-01-01',
      '--format',
      'pdf',
      '--out',
      path.join(dir, 'x.pdf'),
    ]);
    expect(reversed.code).toBe(2);
    expect(reversed.err).toContain('ends before it starts');
    const unknown = cli([
      'report',
      '--grant',
      'NOPE-1',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
      '--format',
      'pdf',
      '--out',
      path.join(dir, 'x.pdf'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No grant with the reference NOPE-1');
    const format = cli([
      'report',
      '--grant',
      'S-MK100-26-GR-014',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
      '--format',
      'docx',
      '--out',
      path.join(dir, 'x.pdf'),
    ]);
    expect(format.code).toBe(2);
    expect(format.err).toContain('Invalid --format');
    for (const r of [reversed, unknown, format]) expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
