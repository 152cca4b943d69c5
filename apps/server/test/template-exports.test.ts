import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findGrantByReference, findOrganizationBySlug, insertFunderTemplate, openDatabase } from '@tessera/db';
import { type ReportPackContent, shownText } from '@tessera/domain';
import { starterTemplate } from '@tessera/reports';
import { officeConvert, officeMissing, officeSheets, readXlsx, sheetRows } from '@tessera/reports/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, signInAs, startServer } from './helpers';

/**
 * A funder's template filled end to end (issue 18, ADR 0027): uploaded over tRPC, filled by an
 * export job, and read back by LibreOffice — a reader no one here wrote — whose figures must be
 * the pack's as `reports.content` gives them.
 */

let server: RunningServer;
let cookie: string;
let network: { id: string; startDate: string; endDate: string };
let packId: string;
let content: ReportPackContent;
const missing = await officeMissing();

async function trpc<T>(path: string, input: unknown, mutation = false): Promise<T> {
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

async function uploadStarter(kind: 'docx' | 'xlsx'): Promise<string> {
  const starter = await starterTemplate(kind, 'en');
  const kept = await trpc<{ id: string }>(
    'templates.upload',
    {
      name: `Network ${kind}`,
      language: 'en',
      funderId: null,
      grantId: network.id,
      fileName: starter.fileName,
      contentBase64: Buffer.from(starter.bytes).toString('base64'),
    },
    true,
  );
  return kept.id;
}

/** Starts a template export job, follows it to the end and downloads the file. */
async function exported(templateId: string) {
  const started = await fetch(`${server.url}/files/reports/${packId}/exports`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-tessera-request': '1' },
    body: JSON.stringify({ templateId }),
  });
  expect(started.status).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  let state = { state: 'running', fileName: null as string | null };
  for (let i = 0; i < 2000 && state.state === 'running'; i += 1) {
    state = (await (
      await fetch(`${server.url}/files/reports/exports/${jobId}`, { headers: { cookie } })
    ).json()) as typeof state;
    if (state.state === 'running') await new Promise((r) => setTimeout(r, 25));
  }
  expect(state.state).toBe('done');
  const download = await fetch(`${server.url}/files/reports/exports/${jobId}/download`, { headers: { cookie } });
  expect(download.status).toBe(200);
  return { fileName: state.fileName ?? '', bytes: new Uint8Array(await download.arrayBuffer()) };
}

const money = (minor: number) => (minor / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 });

beforeAll(async () => {
  server = await startServer();
  const demoId = (await findOrganizationBySlug(server.opened.db, 'demo'))!.id;
  network = (await findGrantByReference(server.opened.db, demoId, 'BCRN-SG-2026-07'))!;
  cookie = await signInAs(server.url, 'finance@demo.test');
  packId = (
    await trpc<{ id: string }>(
      'reports.prepare',
      { grantId: network.id, from: network.startDate, to: network.endDate },
      true,
    )
  ).id;
  content = await trpc<ReportPackContent>('reports.content', { id: packId, locale: 'en' });
});
afterAll(async () => {
  await server?.close();
});

describe('an export in the funder’s template', () => {
  it('refuses a template of another grant, and a pack it cannot see, before a job starts', async () => {
    const other = await fetch(`${server.url}/files/reports/${packId}/exports`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-tessera-request': '1' },
      body: JSON.stringify({ templateId: 'no-such-template' }),
    });
    expect(other.status).toBe(404);
  });

  it.skipIf(missing)(
    `fills DOCX that LibreOffice reads with the pack’s figures${missing ? ` (skipped: ${missing})` : ''}`,
    async () => {
      const file = await exported(await uploadStarter('docx'));
      expect(file.fileName).toMatch(/^BCRN-SG-2026-07-.*\.docx$/);
      const text = [...(await officeConvert(file.bytes, 'filled.docx', 'txt:Text')).values()][0]!.toString('utf8');
      expect(text).toContain(`Grant reference: BCRN-SG-2026-07`);
      expect(text).toContain(
        `People reached (x when hidden to protect people in small groups): ${shownText(content.reach.participants)}`,
      );
      expect(text).toContain(`Spent to the end of the period: ${money(content.finance.total.spentToDateMinor)}`);
      expect(text).toContain(`Total budget: ${money(content.finance.total.budgetMinor)}`);
      for (const line of content.finance.lines) expect(text).toContain(line.code);
      expect(content.activities.length).toBeGreaterThan(0);
      for (const activity of content.activities) expect(text).toContain(activity.title);
    },
  );

  it.skipIf(missing)(
    `fills XLSX whose cells LibreOffice reads as the pack’s numbers${missing ? ` (skipped: ${missing})` : ''}`,
    async () => {
      const file = await exported(await uploadStarter('xlsx'));
      const sheets = await officeSheets(file.bytes);
      const sheet = (name: string) => {
        expect(sheets.has(name), `${name} among ${[...sheets.keys()].join(', ')}`).toBe(true);
        return sheets.get(name) as string[][];
      };
      const figures = new Map(sheet('Figures').map((r) => [r[0], r[1]]));
      const value = (label: string) => figures.get(label);
      expect(Number(value('Spent to the end of the period'))).toBe(content.finance.total.spentToDateMinor / 100);
      expect(Number(value('Total budget'))).toBe(content.finance.total.budgetMinor / 100);
      expect(value('People reached (x when hidden to protect people in small groups)')).toBe(
        shownText(content.reach.participants),
      );
      const lines = sheet('budgetLines').slice(1);
      expect(lines.map((r) => r[0])).toEqual(content.finance.lines.map((l) => l.code));
      for (const [i, line] of content.finance.lines.entries()) {
        expect(Number(lines[i]![5])).toBe(line.spentToDateMinor / 100);
      }
      const activities = sheet('activities').slice(1);
      for (const [i, activity] of content.activities.entries()) {
        expect(activities[i]![1]).toBe(activity.title);
        expect(activities[i]![8]).toBe(shownText(activity.participants));
      }
    },
  );
});

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('cli report --template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-template-cli-'));
  const file = path.join(dir, 'cli.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => {
    const result = spawnSync(path.join(serverDir, 'node_modules', '.bin', 'tsx'), ['src/cli.ts', ...args], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: file,
        SECRET_KEY_FILE: path.join(dir, 'secret.key'),
        NODE_ENV: 'production',
      },
      encoding: 'utf8',
      timeout: 240_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('fills the grant’s template of that name, numbers as numbers, and refuses an unknown name', async () => {
    expect(cli(['migrate']).code).toBe(0);
    expect(cli(['seed-demo']).code).toBe(0);
    const opened = openDatabase(file);
    let span: { start_date: string; end_date: string };
    try {
      const org = (await findOrganizationBySlug(opened.db, 'demo'))!;
      const grant = (await findGrantByReference(opened.db, org.id, 'BCRN-SG-2026-07'))!;
      span = await opened.db
        .selectFrom('grant')
        .select(['start_date', 'end_date'])
        .where('id', '=', grant.id)
        .executeTakeFirstOrThrow();
      await insertFunderTemplate(opened.db, org.id, {
        funderId: null,
        grantId: grant.id,
        name: 'Network financial',
        language: 'en',
        kind: 'xlsx',
        fileName: 'financial.xlsx',
        content: (await starterTemplate('xlsx', 'en')).bytes,
        tags: [],
      });
    } finally {
      await opened.close();
    }
    const base = ['report', '--grant', 'BCRN-SG-2026-07', '--from', span.start_date, '--to', span.end_date];
    const out = path.join(dir, 'network.xlsx');
    const run = cli([...base, '--template', 'network financial', '--out', out]);
    expect(run.code, run.err).toBe(0);
    const workbook = await readXlsx(new Uint8Array(readFileSync(out)));
    const figures = sheetRows(workbook.getWorksheet('Figures')!);
    const spent = figures.find((r) => r[0] === 'Spent to the end of the period');
    expect(typeof spent?.[1]).toBe('number');
    expect(figures.flat()).not.toContain('{finance.spent}');

    const unknown = cli([...base, '--template', 'Nope', '--out', path.join(dir, 'nope.xlsx')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('No template named "Nope"');
    const both = cli([...base, '--template', 'Network financial', '--format', 'pdf', '--out', path.join(dir, 'x.pdf')]);
    expect(both.code).toBe(2);
    expect(both.err).toContain('Give either --format or --template.');
  });
});
