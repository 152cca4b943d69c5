import type { Actor, ImportKind, ImportProgress } from '@tessera/domain';
import {
  activityTotals,
  countParticipants,
  findActivitySession,
  findParticipantsByCode,
  insertSessions,
  listAuditEvents,
  type OpenedDatabase,
  updateParticipantSettings,
} from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../src/imports/import.service';
import { type ImportFile, parseImportFile } from '../src/imports/read-file';
import { readParticipant } from '../src/services/participants.service';
import { createTestDatabase, createTestOrganization, createTestUser } from './helpers';

let opened: OpenedDatabase;
let orgId: string;
let actor: Actor;
const keys = { secretKey: new Uint8Array(32).fill(3) };

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  const user = await createTestUser(opened.db, orgId, 'coordinator');
  actor = { userId: user.id, orgId, role: 'coordinator' };
});

const csv = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

async function read(text: string, name = 'file.csv'): Promise<ImportFile> {
  return parseImportFile(csv(text), name);
}

async function preview(kind: ImportKind, file: ImportFile, onProgress?: (p: ImportProgress) => void) {
  return opened.db.transaction().execute((trx) => previewImport(trx, actor, keys, kind, file, onProgress));
}

async function commit(kind: ImportKind, file: ImportFile, onProgress?: (p: ImportProgress) => void) {
  return opened.db.transaction().execute((trx) => commitImport(trx, actor, keys, kind, file, onProgress));
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Participants');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function participant(code: string) {
  const found = (await findParticipantsByCode(opened.db, orgId, [code])).get(code);
  if (!found) throw new Error(`no participant ${code}`);
  return readParticipant(opened.db, actor, keys, found.id);
}

const participantsCsv = [
  '\uFEFFCode;Gender;Age Band;City;Consent date;Consent scope;Contact;Notes',
  'zr-0007;woman;25-34;Skopje;2026-03-01;participation, aggregate-reporting;+389 70 111 222;Prefers Signal',
  'ZR-0008;Trans woman;55+;;;;;',
  'ZR-0009;;;Bitola;2026-03-02;participation;;',
  '',
].join('\n');

describe('participant import', () => {
  it('previews, then writes a CSV (BOM, semicolons, any header case); contact and notes sealed', async () => {
    const file = await read(participantsCsv);
    const checked = await preview('participants', file);
    expect(checked).toEqual({
      ok: true,
      summary: { rows: 3, created: 3, updated: 0, unchanged: 0, enrolled: 0 },
      problems: [],
    });
    expect(await countParticipants(opened.db, orgId)).toBe(0);

    const result = await commit('participants', file);
    expect(result).toEqual({ ok: true, summary: checked.summary, problems: [] });
    const first = await participant('ZR-0007');
    expect(first).toMatchObject({
      gender: 'woman',
      ageBand: '25-34',
      city: 'Skopje',
      consentDate: '2026-03-01',
      consentScope: ['participation', 'aggregate-reporting'],
      contact: '+389 70 111 222',
      notes: 'Prefers Signal',
      codeScheme: 'sequential',
    });
    expect(await participant('ZR-0008')).toMatchObject({ gender: 'trans-woman', ageBand: '55-plus', contact: null });
    // Stored sealed, never as clear text.
    const raw = await opened.db.selectFrom('participant').select(['contact_enc', 'notes_enc']).execute();
    expect(JSON.stringify(raw)).not.toContain('Signal');
    // One audit event for the file, naming no value.
    const audit = await listAuditEvents(opened.db, orgId, { entity: 'import', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', fields: ['participants'] });
  });

  it('changes nothing when the same file is imported again, and updates only what differs', async () => {
    await commit('participants', await read(participantsCsv));
    const before = await opened.db.selectFrom('participant').select(['id', 'version', 'contact_enc']).execute();
    const again = await commit('participants', await read(participantsCsv));
    expect(again.summary).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, enrolled: 0 });
    const after = await opened.db.selectFrom('participant').select(['id', 'version', 'contact_enc']).execute();
    expect(after).toEqual(before);
    expect(await listAuditEvents(opened.db, orgId, { entity: 'import', limit: 10 })).toHaveLength(1);

    // A file with fewer columns leaves the others alone; an empty cell in a present column clears it.
    const changed = await commit(
      'participants',
      await read('code,city,notes\nZR-0007,Skopje,\nZR-0008,Strumica,\nZR-0009,Bitola,\n'),
    );
    expect(changed.summary).toEqual({ rows: 3, created: 0, updated: 2, unchanged: 1, enrolled: 0 });
    expect(await participant('ZR-0007')).toMatchObject({ contact: '+389 70 111 222', notes: null, city: 'Skopje' });
    expect(await participant('ZR-0008')).toMatchObject({ city: 'Strumica', gender: 'trans-woman' });
    expect(await countParticipants(opened.db, orgId)).toBe(3);
  });

  it('moves the sequence past imported codes in the organisation’s form, so new codes never collide', async () => {
    const next = async () =>
      Number(
        (
          await opened.db
            .selectFrom('organization')
            .select('participant_code_next')
            .where('id', '=', orgId)
            .executeTakeFirstOrThrow()
        ).participant_code_next,
      );
    const first = await next();
    await commit('participants', await read(participantsCsv));
    expect(await next()).toBe(first);
    await commit('participants', await read('code\nP-0041\nP-0007\n'));
    expect(await next()).toBe(42);
  });

  it('reads an XLSX with date, number and formula cells, and the org’s extra attributes', async () => {
    await updateParticipantSettings(opened.db, orgId, 1, {
      codeScheme: 'sequential',
      codePrefix: 'ZR',
      uicQuestions: [],
      attributes: [
        { key: 'role', label: 'Role', sensitive: false },
        { key: 'hiv', label: 'HIV status', sensitive: true },
      ],
      suppressionThreshold: 5,
    });
    const bytes = await xlsx([
      ['code', 'gender', 'consent_date', 'city', 'attr:role', 'Attr: HIV', 'notes'],
      [
        'ZR-0100',
        'woman',
        new Date(Date.UTC(2026, 2, 1)),
        'Skopje',
        'peer educator',
        'positive',
        { formula: '"a"&"b"', result: 'ab' },
      ],
      ['ZR-0101', 'man', '2026-03-05', 1000, '', '', 42],
    ]);
    const file = await parseImportFile(bytes, 'people.xlsx');
    expect(file.rows.map((r) => r.line)).toEqual([2, 3]);
    const result = await commit('participants', file);
    expect(result.summary.created).toBe(2);
    expect(await participant('ZR-0100')).toMatchObject({
      consentDate: '2026-03-01',
      attributes: { role: 'peer educator', hiv: 'positive' },
      notes: 'ab',
    });
    expect(await participant('ZR-0101')).toMatchObject({ city: '1000', notes: '42', attributes: {} });
    // The sensitive attribute is sealed, the plain one is not.
    const raw = await opened.db.selectFrom('participant').select(['attributes', 'sensitive_enc']).execute();
    expect(JSON.stringify(raw)).not.toContain('positive');
    expect(JSON.stringify(raw)).toContain('peer educator');
    expect((await commit('participants', await parseImportFile(bytes, 'people.xlsx'))).summary).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('commits what the preview accepted after an attribute stopped being asked', async () => {
    const settings = {
      codeScheme: 'sequential' as const,
      codePrefix: 'ZR',
      uicQuestions: [],
      suppressionThreshold: 5,
    };
    await updateParticipantSettings(opened.db, orgId, 1, {
      ...settings,
      attributes: [{ key: 'role', label: 'Role', sensitive: false }],
    });
    await commit('participants', await read('code,city,attr:role\nZR-0100,Skopje,peer educator\nZR-0101,Bitola,\n'));
    await updateParticipantSettings(opened.db, orgId, 2, { ...settings, attributes: [] });
    const file = await read('code,city\nZR-0100,Strumica\nZR-0101,Bitola\n');
    const checked = await preview('participants', file);
    expect(checked).toMatchObject({ ok: true, summary: { updated: 1, unchanged: 1 } });
    expect(await commit('participants', file)).toEqual({ ...checked, problems: [] });
    expect(await participant('ZR-0100')).toMatchObject({ city: 'Strumica', attributes: {} });
  });

  it('accepts codes made elsewhere as they are in an organisation using unique identifier codes', async () => {
    await updateParticipantSettings(opened.db, orgId, 1, {
      codeScheme: 'uic',
      codePrefix: 'P',
      uicQuestions: ['mother', 'year'],
      attributes: [],
      suppressionThreshold: 5,
    });
    const result = await commit('participants', await read('code,gender\nU-7KQ2M-9XD4T,woman\nlegacy-17,man\n'));
    expect(result.summary.created).toBe(2);
    expect(await participant('U-7KQ2M-9XD4T')).toMatchObject({ codeScheme: 'uic', gender: 'woman' });
    expect(await participant('LEGACY-17')).toMatchObject({ codeScheme: 'uic', gender: 'man' });
  });

  it('writes nothing when one row is bad, listing every problem by row and column without any value', async () => {
    const file = await read(
      [
        'code,gender,age_band,consent_date,contact,notes',
        'ZR-0001,woman,25-34,2026-03-01,secret-phone-1,secret-note-1',
        'bad code!,robot,18-24,2026-02-30,secret-phone-2,secret-note-2',
        'ZR-0003,woman,teen,,secret-phone-3,secret-note-3',
        'zr-0001,woman,,,secret-phone-4,',
        ',woman,,,,',
      ].join('\n'),
    );
    const result = await commit('participants', file);
    expect(result.ok).toBe(false);
    expect(result.summary).toEqual({ rows: 5, created: 0, updated: 0, unchanged: 0, enrolled: 0 });
    expect(result.problems).toEqual([
      { row: 3, column: 'code', message: 'validation.invalidCode' },
      { row: 3, column: 'consent_date', message: 'validation.invalidDate' },
      { row: 3, column: 'gender', message: 'validation.invalidChoice' },
      { row: 4, column: 'age_band', message: 'validation.invalidChoice' },
      { row: 5, column: 'code', message: 'validation.duplicate' },
      { row: 6, column: 'code', message: 'validation.required' },
    ]);
    expect(JSON.stringify(result.problems)).not.toMatch(/secret|robot|teen/);
    expect(await countParticipants(opened.db, orgId)).toBe(0);
    expect(await listAuditEvents(opened.db, orgId, { entity: 'import', limit: 10 })).toEqual([]);
  });

  it('refuses unknown and missing columns before looking at any row', async () => {
    const result = await preview(
      'participants',
      await read('name,email,gender,attr:religion\nAna,ana@example.test,woman,x\n'),
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { row: 1, column: null, message: 'validation.unknownColumns?columns=name%2C%20email' },
      { row: 1, column: null, message: 'validation.missingColumns?columns=code' },
      { row: 1, column: 'attr:religion', message: 'validation.unknownAttribute' },
    ]);
  });

  it('reports progress every 500 rows while checking and writing', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `P-${String(i + 1).padStart(5, '0')},woman`);
    const file = await read(`code,gender\n${rows.join('\n')}\n`);
    const seen: ImportProgress[] = [];
    const result = await commit('participants', file, (p) => {
      seen.push(p);
    });
    expect(result.summary.created).toBe(1200);
    expect(seen.filter((p) => p.phase === 'checking')).toEqual([
      { phase: 'checking', done: 500, total: 1200 },
      { phase: 'checking', done: 1000, total: 1200 },
      { phase: 'checking', done: 1200, total: 1200 },
    ]);
    expect(seen.filter((p) => p.phase === 'writing').at(-1)).toEqual({ phase: 'writing', done: 1200, total: 1200 });
    expect(await countParticipants(opened.db, orgId)).toBe(1200);
  });
});

describe('attendance import', () => {
  let programme: Awaited<ReturnType<typeof createTestProgramme>>;

  beforeEach(async () => {
    programme = await createTestProgramme(opened.db, orgId);
    await commit('participants', await read('code\nZR-0050\n'));
  });

  it('records attendance, enrols newcomers, marks sessions held; a second import changes nothing', async () => {
    const [a, b] = programme.participantCodes;
    const text = [
      'activity,date,code,status,minutes',
      `Test training,2026-03-02,${a},present,`,
      `Test training,2026-03-02,${b},late,120`,
      `${programme.activityId},2026-03-04,${a},absent,`,
      `Test training,2026-03-04,zr-0050,Present,`,
    ].join('\r\n');
    const checked = await preview('attendance', await read(text));
    expect(checked).toEqual({
      ok: true,
      summary: { rows: 4, created: 4, updated: 0, unchanged: 0, enrolled: 1 },
      problems: [],
    });
    const result = await commit('attendance', await read(text));
    expect(result.summary).toEqual(checked.summary);
    const totals = (await activityTotals(opened.db, orgId, [programme.activityId])).get(programme.activityId);
    expect(totals).toMatchObject({
      sessionsHeld: 2,
      enrolled: 3,
      uniqueParticipants: 3,
      participantMinutes: 300 + 120 + 0 + 300,
    });
    const versions = await Promise.all(programme.sessionIds.map((id) => findActivitySession(opened.db, orgId, id)));
    expect(versions.map((s) => s?.version)).toEqual([2, 2]);

    const again = await commit('attendance', await read(text));
    expect(again.summary).toEqual({ rows: 4, created: 0, updated: 0, unchanged: 4, enrolled: 0 });
    const still = await Promise.all(programme.sessionIds.map((id) => findActivitySession(opened.db, orgId, id)));
    expect(still.map((s) => s?.version)).toEqual([2, 2]);
    expect(await listAuditEvents(opened.db, orgId, { entity: 'import', limit: 10 })).toHaveLength(2);

    const edited = await commit('attendance', await read(text.replace('late,120', 'late,150')));
    expect(edited.summary).toEqual({ rows: 4, created: 0, updated: 1, unchanged: 3, enrolled: 0 });
    const versionsAfter = await Promise.all(
      programme.sessionIds.map((id) => findActivitySession(opened.db, orgId, id)),
    );
    expect(versionsAfter.map((s) => s?.version)).toEqual([3, 2]);
  });

  it('refuses minutes over the session or negative, unknown codes, dates and activities, head counts and repeats', async () => {
    const [a, b] = programme.participantCodes;
    await insertSessions(opened.db, orgId, programme.activityId, [
      { date: '2026-03-09', minutes: 60, module: null, note: null },
      { date: '2026-03-09', minutes: 60, module: null, note: null },
    ]);
    const text = [
      'activity,date,code,status,minutes',
      `Test training,2026-03-02,${a},present,`,
      `Test training,2026-03-02,${b},late,400`,
      `Test training,2026-03-04,${b},late,-5`,
      'Test training,2026-03-04,ZR-9999,present,',
      `Test training,2026-03-03,${a},present,`,
      `No such training,2026-03-02,${a},present,`,
      `Test action,2026-04-01,${a},present,`,
      `Test training,2026-03-02,${a.toLowerCase()},absent,`,
      `Test training,2026-03-09,${a},present,`,
      `Test training,2026-03-04,${a},maybe,`,
    ].join('\n');
    const result = await commit('attendance', await read(text));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { row: 3, column: 'minutes', message: 'validation.lateMinutes?minutes=300' },
      { row: 4, column: 'minutes', message: 'validation.negative' },
      { row: 5, column: 'code', message: 'validation.unknownParticipant' },
      { row: 6, column: 'date', message: 'validation.noSession' },
      { row: 7, column: 'activity', message: 'validation.unknownActivity' },
      { row: 8, column: 'activity', message: 'validation.wrongAttendanceMode' },
      { row: 9, column: 'code', message: 'validation.duplicate' },
      { row: 10, column: 'date', message: 'validation.noSession' },
      { row: 11, column: 'status', message: 'validation.invalidChoice' },
    ]);
    const marks = await opened.db.selectFrom('attendance').selectAll().execute();
    expect(marks).toEqual([]);
    const sessions = await Promise.all(programme.sessionIds.map((id) => findActivitySession(opened.db, orgId, id)));
    expect(sessions.map((s) => s?.held)).toEqual([false, false]);
  });

  it('reads attendance from an XLSX with date cells', async () => {
    const [a] = programme.participantCodes;
    const bytes = await xlsx([
      ['Activity', 'Date', 'Code', 'Status', 'Minutes'],
      ['Test training', new Date(Date.UTC(2026, 2, 2)), a, 'present', 240],
      ['Test training', new Date(Date.UTC(2026, 2, 4)), 'ZR-0050', 'late', { formula: '60*2', result: 120 }],
    ]);
    const result = await commit('attendance', await parseImportFile(bytes, 'attendance.xlsx'));
    expect(result).toMatchObject({ ok: true, summary: { created: 2, enrolled: 1 } });
    const marks = await opened.db.selectFrom('attendance').select(['minutes']).orderBy('minutes').execute();
    expect(marks.map((m) => Number(m.minutes))).toEqual([120, 240]);
  });
});

describe('reading files', () => {
  it('detects the delimiter, strips a BOM, skips blank rows but keeps line numbers', async () => {
    const tabbed = await read('\uFEFFcode\tcity\n\nA1\tSkopje\n\t\nA2\t"Bitola, MK"\n');
    expect(tabbed).toMatchObject({
      header: ['code', 'city'],
      headerLine: 1,
      rows: [
        { line: 3, cells: ['A1', 'Skopje'] },
        { line: 5, cells: ['A2', 'Bitola, MK'] },
      ],
    });
    expect((await read('code,city\nA1,"Skopje, MK"\n')).rows[0]?.cells).toEqual(['A1', 'Skopje, MK']);
  });

  it('refuses too large, too long, empty, legacy Excel and non-UTF-8 files with a clear message', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (e: { fieldErrors?: Record<string, string[]> }) => e.fieldErrors?.file?.[0],
      );
    expect(await refusal(parseImportFile(new Uint8Array(10 * 1024 * 1024 + 1), 'big.csv'))).toBe(
      'validation.fileTooLarge?max=10',
    );
    const long = `code\n${'A1\n'.repeat(50_001)}`;
    expect(await refusal(read(long))).toBe('validation.tooManyRows?max=50000');
    expect(await refusal(read('code\n'))).toBe('validation.emptyFile');
    expect(await refusal(read(''))).toBe('validation.emptyFile');
    expect(await refusal(parseImportFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'old.xls'))).toBe(
      'validation.importFileType',
    );
    // "Код" in Windows-1251.
    expect(await refusal(parseImportFile(new Uint8Array([0xca, 0xee, 0xe4, 0x0a, 0x41]), 'cp1251.csv'))).toBe(
      'validation.importFileType',
    );
    expect(await refusal(parseImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx'))).toBe(
      'validation.importFileType',
    );
  });
});
