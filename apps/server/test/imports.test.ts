import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOrganizationBySlug, findParticipantsByCode } from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, signInAs } from './helpers';

let server: RunningServer;
let demoId: string;
let programme: Awaited<ReturnType<typeof createTestProgramme>>;

const signIn = (email: string) => signInAs(server.url, email);

function upload(
  cookie: string,
  kind: string,
  mode: string,
  content: string | Uint8Array,
  headers: Record<string, string> = { 'x-tessera-request': '1' },
  name = 'import.csv',
) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? Buffer.from(content, 'utf8') : new Uint8Array(content)]),
    name,
  );
  return fetch(`${server.url}/files/imports/${kind}?mode=${mode}`, {
    method: 'POST',
    headers: { cookie, ...headers },
    body: form,
  });
}

interface Result {
  type: 'result';
  mode: string;
  ok: boolean;
  summary: { rows: number; created: number; updated: number; unchanged: number; enrolled: number };
  problems: { row: number; column: string | null; message: string }[];
  problemCount: number;
}

/** The NDJSON lines of a streamed answer: progress lines, then the result. */
async function lines(response: Response): Promise<{ progress: Record<string, unknown>[]; result: Result }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const parsed = (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const last = parsed.at(-1) as unknown as Result;
  expect(last.type).toBe('result');
  return { progress: parsed.slice(0, -1), result: last };
}

async function errorOf(response: Response) {
  return (await response.json()) as {
    error: { message: string; data: { appCode: string; fieldErrors: Record<string, string[]> | null } };
  };
}

beforeAll(async () => {
  server = await startServer();
  demoId = (await findOrganizationBySlug(server.opened.db, 'demo'))!.id;
  programme = await createTestProgramme(server.opened.db, demoId);
});
afterAll(async () => {
  await server?.close();
});

describe('import over HTTP', () => {
  const people = 'code;gender;contact;notes\nIMP-0001;woman;+389 70 000 001;likes mornings\nIMP-0002;man;;\n';

  it('serves the template with the organisation’s attribute columns', async () => {
    const cookie = await signIn('coordinator@demo.test');
    const response = await fetch(`${server.url}/files/imports/participants/template.csv`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('participants-template.csv');
    const [header, example] = (await response.text()).trim().split(/\r?\n/);
    expect(header).toBe('code,gender,age_band,city,consent_date,consent_scope,contact,notes,attr:community');
    expect(example?.split(',')).toHaveLength(9);
    const attendance = await fetch(`${server.url}/files/imports/attendance/template.csv`, { headers: { cookie } });
    expect((await attendance.text()).split(/\r?\n/)[0]).toBe('activity,date,code,status,minutes');
  });

  it('previews without writing, then commits, and a second commit changes nothing', async () => {
    const cookie = await signIn('coordinator@demo.test');
    const preview = await lines(await upload(cookie, 'participants', 'preview', people));
    expect(preview.progress.map((p) => p.phase)).toEqual(['reading', 'checking']);
    expect(preview.progress[1]).toEqual({ type: 'progress', phase: 'checking', done: 2, total: 2 });
    expect(preview.result).toEqual({
      type: 'result',
      mode: 'preview',
      ok: true,
      summary: { rows: 2, created: 2, updated: 0, unchanged: 0, enrolled: 0 },
      problems: [],
      problemCount: 0,
    });
    expect((await findParticipantsByCode(server.opened.db, demoId, ['IMP-0001'])).size).toBe(0);

    const commit = await lines(await upload(cookie, 'participants', 'commit', people));
    expect(commit.progress.map((p) => p.phase)).toEqual(['reading', 'checking', 'writing']);
    expect(commit.result).toMatchObject({ ok: true, summary: { created: 2, updated: 0 } });
    const stored = await findParticipantsByCode(server.opened.db, demoId, ['IMP-0001', 'IMP-0002']);
    expect(stored.size).toBe(2);
    expect(stored.get('IMP-0001')?.contactEnc).toMatch(/^v1\./);

    const again = await lines(await upload(cookie, 'participants', 'commit', people));
    expect(again.result.summary).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2, enrolled: 0 });
  });

  it('imports attendance, enrolling newcomers', async () => {
    const cookie = await signIn('admin@demo.test');
    const text = [
      'activity,date,code,status,minutes',
      `${programme.activityId},2026-03-02,${programme.participantCodes[0]},present,`,
      `${programme.activityId},2026-03-02,IMP-0001,late,90`,
    ].join('\n');
    const { result } = await lines(await upload(cookie, 'attendance', 'commit', text));
    expect(result).toMatchObject({ ok: true, summary: { rows: 2, created: 2, enrolled: 1 } });
  });

  it('lists every problem of a broken file by row and column, writes nothing, and echoes no value', async () => {
    const cookie = await signIn('coordinator@demo.test');
    const text = [
      'code,gender,contact,notes',
      'IMP-0101,woman,+389 70 999 999,very private note',
      'IMP 0102,woman,+389 70 888 888,another private note',
      `IMP-0103,${'x'.repeat(20)},,${'n'.repeat(5001)}`,
    ].join('\n');
    const response = await upload(cookie, 'participants', 'commit', text);
    const body = await response.clone().text();
    const { result } = await lines(response);
    expect(result).toMatchObject({ ok: false, problemCount: 3, summary: { created: 0 } });
    expect(result.problems).toEqual([
      { row: 3, column: 'code', message: 'validation.invalidCode' },
      { row: 4, column: 'gender', message: 'validation.invalidChoice' },
      { row: 4, column: 'notes', message: 'validation.tooLong?max=5000' },
    ]);
    expect(body).not.toMatch(/private|999|888|xxxx|nnnn/);
    expect((await findParticipantsByCode(server.opened.db, demoId, ['IMP-0101'])).size).toBe(0);
  });

  it('refuses anyone without a session or the right role, before reading the file', async () => {
    const anonymous = await upload('', 'participants', 'preview', people);
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).error.data.appCode).toBe('UNAUTHENTICATED');
    for (const email of ['finance@demo.test', 'viewer@demo.test']) {
      const cookie = await signIn(email);
      const refused = await upload(cookie, 'participants', 'commit', people);
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).error.data.appCode).toBe('FORBIDDEN');
      expect(
        (await fetch(`${server.url}/files/imports/participants/template.csv`, { headers: { cookie } })).status,
      ).toBe(403);
    }
  });

  it('refuses cross-site uploads', async () => {
    const cookie = await signIn('coordinator@demo.test');
    expect((await upload(cookie, 'participants', 'commit', people, {})).status).toBe(403);
    const foreign = await upload(cookie, 'participants', 'commit', people, {
      'x-tessera-request': '1',
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
  });

  it('answers bad uploads with the JSON error shape: unknown kind, wrong format, too large, no rows', async () => {
    const cookie = await signIn('coordinator@demo.test');
    expect((await upload(cookie, 'grants', 'commit', people)).status).toBe(404);
    const badMode = await upload(cookie, 'participants', 'destroy', people);
    expect((await errorOf(badMode)).error.data.fieldErrors).toEqual({ mode: ['validation.invalidChoice'] });
    const legacy = await upload(cookie, 'participants', 'preview', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]), {
      'x-tessera-request': '1',
    });
    expect(legacy.status).toBe(400);
    expect((await errorOf(legacy)).error.data.fieldErrors).toEqual({ file: ['validation.importFileType'] });
    const big = await upload(cookie, 'participants', 'preview', new Uint8Array(10 * 1024 * 1024 + 10).fill(65));
    expect(big.status).toBe(400);
    expect((await errorOf(big)).error.data.fieldErrors?.file?.[0]).toBe('validation.fileTooLarge?max=10');
    const empty = await upload(cookie, 'participants', 'preview', 'code\n');
    expect((await errorOf(empty)).error.data.fieldErrors).toEqual({ file: ['validation.emptyFile'] });
  });
});

describe('import from the CLI', () => {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-import-'));
  const database = path.join(dir, 'cli.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function cli(args: string[], env: Record<string, string> = { SECRET_KEY: '07'.repeat(32) }) {
    const result = spawnSync(tsx, ['src/cli.ts', ...args], {
      cwd: serverDir,
      env: { ...process.env, DATABASE_URL: database, SECRET_KEY_FILE: path.join(dir, 'secret.key'), ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('prints the templates', () => {
    const participants = cli(['import', 'participants', '--template']);
    expect(participants.code).toBe(0);
    expect(participants.out.split(/\r?\n/)[0]).toBe(
      'code,gender,age_band,city,consent_date,consent_scope,contact,notes',
    );
    expect(cli(['import', 'attendance', '--template']).out.split(/\r?\n/)[0]).toBe('activity,date,code,status,minutes');
  });

  it('imports participants all or nothing, idempotently, with progress on stderr', () => {
    expect(cli(['seed-demo']).code).toBe(0);
    const good = path.join(dir, 'people.csv');
    const bad = path.join(dir, 'bad-people.csv');
    writeFileSync(good, 'code,gender,notes\nCLI-0001,woman,private words\nCLI-0002,man,\n');
    writeFileSync(bad, 'code,gender,notes\nCLI-0003,woman,\nCLI-0004,robot,private words\n');
    const dry = cli(['import', 'participants', '--org', 'demo', '--file', good, '--dry-run']);
    expect(dry.out).toContain('Dry run, nothing written: 2 rows would give 2 new');
    const first = cli(['import', 'participants', '--org', 'demo', '--file', good]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Participants imported: 2 new, 0 changed, 0 already there.');
    expect(first.err).toContain('checking 2/2');
    expect(cli(['import', 'participants', '--org', 'demo', '--file', good]).out).toContain(
      '0 new, 0 changed, 2 already there',
    );
    const refused = cli(['import', 'participants', '--org', 'demo', '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('row 3, gender: not one of the accepted values');
    expect(refused.err).toContain('1 problem in the file; nothing was imported.');
    expect(refused.err + refused.out).not.toContain('private');
  });

  it('refuses to seal with a new key when participants already exist', () => {
    const good = path.join(dir, 'people.csv');
    const run = cli(['import', 'participants', '--org', 'demo', '--file', good], { SECRET_KEY: '' });
    expect(run.code).toBe(1);
    expect(run.err).toContain('SECRET_KEY_FILE');
  });

  it('lists activities with their counts, as a table and as JSON', () => {
    const table = cli(['activities', '--org', 'demo']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^Reference\s+Kind\s+Title\s+City\s+Sessions\s+Participants\s+Hours\s+Completions/);
    const json = JSON.parse(cli(['activities', '--org', 'demo', '--json']).out) as Record<string, unknown>[];
    const careers = json.find((a) => a.reference === 'CT-1');
    expect(careers).toMatchObject({
      kind: 'training',
      sessionsHeld: 16,
      sessionsPlanned: 16,
      uniqueParticipants: 20,
      completions: 20,
    });
    expect(cli(['activities', '--org', 'network', '--json']).out.trim()).toBe('[]');
  });
});
