import { describe, expect, it } from 'vitest';
import {
  checkAttendanceRow,
  checkParticipantRow,
  importTemplate,
  normaliseColumnName,
  readImportHeader,
  rowRecord,
} from './imports';

describe('import headers', () => {
  it('ignores case, spaces, dashes and a byte-order mark', () => {
    expect(normaliseColumnName('\uFEFF Age Band ')).toBe('age_band');
    expect(normaliseColumnName('CONSENT-DATE')).toBe('consent_date');
    expect(normaliseColumnName('Attr : Role')).toBe('attr:role');
  });

  it('maps columns in any order and skips blank header cells', () => {
    const header = readImportHeader('participants', ['Gender', 'CODE', '', 'attr:role'], ['role']);
    expect(header.problems).toEqual([]);
    expect(header.columns).toEqual(['gender', 'code', null, 'attr:role']);
    expect(rowRecord(header, [' woman ', 'zr-1', 'ignored', 'peer'])).toEqual({
      gender: 'woman',
      code: 'zr-1',
      'attr:role': 'peer',
    });
  });

  it('refuses unknown, repeated and missing columns, and attributes the organisation does not ask', () => {
    expect(readImportHeader('participants', ['name', 'gender', 'gender', 'attr:hiv', 'email'], []).problems).toEqual([
      { row: 1, column: 'gender', message: 'validation.duplicate' },
      { row: 1, column: 'attr:hiv', message: 'validation.unknownAttribute' },
      { row: 1, column: null, message: 'validation.unknownColumns?columns=name%2C%20email' },
      { row: 1, column: null, message: 'validation.missingColumns?columns=code' },
    ]);
    expect(readImportHeader('attendance', ['code'], []).problems.at(-1)?.message).toBe(
      'validation.missingColumns?columns=activity%2C%20date%2C%20status',
    );
  });

  it('names no cell of a file without a header row (its first line is data)', () => {
    const problems = readImportHeader('participants', ['ZR-0001', 'woman', '+389 70 123 456'], []).problems;
    expect(problems).toEqual([{ row: 1, column: null, message: 'validation.missingColumns?columns=code' }]);
    expect(JSON.stringify(problems)).not.toContain('389');
  });

  it('has a template whose header reads back without problems', () => {
    for (const kind of ['participants', 'attendance'] as const) {
      const template = importTemplate(kind, { attributeKeys: ['role'] });
      expect(template.example).toHaveLength(template.columns.length);
      expect(readImportHeader(kind, template.columns, ['role']).problems).toEqual([]);
    }
  });
});

describe('participant rows', () => {
  const present = new Set(['code', 'gender', 'age_band', 'consent_date', 'consent_scope', 'contact', 'attr:role']);

  it('reads choices loosely and empty cells as undisclosed', () => {
    const result = checkParticipantRow(
      {
        code: ' zr-0042 ',
        gender: 'Trans Woman',
        age_band: '55+',
        consent_date: '2026-03-01',
        consent_scope: 'Participation; aggregate reporting,participation',
        contact: '',
        'attr:role': 'peer educator',
      },
      2,
      present,
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        code: 'ZR-0042',
        fields: {
          gender: 'trans-woman',
          ageBand: '55-plus',
          consentDate: '2026-03-01',
          consentScope: ['participation', 'aggregate-reporting'],
          contact: null,
          attributes: { role: 'peer educator' },
        },
      },
    });
    expect(checkParticipantRow({ code: 'A1' }, 2, new Set(['code']))).toMatchObject({
      ok: true,
      value: { fields: { gender: 'undisclosed', ageBand: 'undisclosed', consentScope: [] } },
    });
  });

  it('names the row and column of every problem and never repeats a value', () => {
    const secret = 'x'.repeat(600);
    const result = checkParticipantRow(
      { code: 'no spaces', gender: 'robot', consent_date: '2026-02-30', consent_scope: 'a;b', contact: secret },
      7,
      present,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { row: 7, column: 'code', message: 'validation.invalidCode' },
      { row: 7, column: 'gender', message: 'validation.invalidChoice' },
      { row: 7, column: 'contact', message: 'validation.tooLong?max=500' },
      { row: 7, column: 'consent_date', message: 'validation.invalidDate' },
      { row: 7, column: 'consent_scope', message: 'validation.invalidChoice' },
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('xxx');
    expect(checkParticipantRow({ code: '' }, 3, present)).toEqual({
      ok: false,
      problems: [{ row: 3, column: 'code', message: 'validation.required' }],
    });
  });
});

describe('attendance rows', () => {
  it('reads a row, minutes optional', () => {
    expect(
      checkAttendanceRow({ activity: 'CT-2026', date: '2026-03-02', code: 'zr-1', status: ' Late ', minutes: '90' }, 2),
    ).toEqual({
      ok: true,
      value: { activity: 'CT-2026', date: '2026-03-02', code: 'ZR-1', status: 'late', minutes: 90 },
    });
    expect(
      checkAttendanceRow({ activity: 'CT', date: '2026-03-02', code: 'A', status: 'present', minutes: '' }, 2),
    ).toMatchObject({ ok: true, value: { minutes: null } });
  });

  it('refuses negative or fractional minutes, bad dates, statuses and empty cells', () => {
    expect(
      checkAttendanceRow({ activity: '', date: '02.03.2026', code: 'A', status: 'here', minutes: '-5' }, 4),
    ).toEqual({
      ok: false,
      problems: [
        { row: 4, column: 'activity', message: 'validation.required' },
        { row: 4, column: 'date', message: 'validation.invalidDate' },
        { row: 4, column: 'status', message: 'validation.invalidChoice' },
        { row: 4, column: 'minutes', message: 'validation.negative' },
      ],
    });
    expect(
      checkAttendanceRow({ activity: 'A', date: '2026-03-02', code: 'A', status: 'present', minutes: '1.5' }, 2),
    ).toMatchObject({ ok: false, problems: [{ column: 'minutes', message: 'validation.invalidNumber' }] });
  });
});
