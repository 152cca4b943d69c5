import * as z from 'zod';
import { isoDateSchema } from './dates';
import { ageBands, attendanceStatusSchema, genders } from './delivery';
import { requiredText } from './fields';
import { type AttendanceStatus, attendanceStatuses } from './hours';
import { messageKey } from './messages';
import { consentScopes, type ParticipantFields, participantCodeField, participantFields } from './participants';

/**
 * Importing participants and attendance from a spreadsheet (CSV or XLSX). This module is the
 * pure part: the columns each kind expects, reading a header row, and checking one row at a time.
 * Every problem names the file line (the header is line 1, so the first data row is line 2) and
 * the column, and carries a message key; a problem never repeats a cell's value, so a problem
 * list can be shown, logged or printed without leaking a contact or a note.
 */

export const importKinds = ['participants', 'attendance'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportProblem {
  /** 1-based line of the file, header included (the first data row is 2). */
  row: number;
  /** The column as the template names it (`age_band`, `attr:role`), or null for the whole row or file. */
  column: string | null;
  /** A message key (`validation.minutesOverSession?minutes=300`). */
  message: string;
}

export const importLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 50_000,
  /** Progress is reported (and the event loop let go) every this many rows. */
  chunkRows: 500,
} as const;

export const participantImportColumns = [
  'code',
  'gender',
  'age_band',
  'city',
  'consent_date',
  'consent_scope',
  'contact',
  'notes',
] as const;
export type ParticipantImportColumn = (typeof participantImportColumns)[number];

export const attendanceImportColumns = ['activity', 'date', 'code', 'status', 'minutes'] as const;
export type AttendanceImportColumn = (typeof attendanceImportColumns)[number];

export const requiredImportColumns: Record<ImportKind, readonly string[]> = {
  participants: ['code'],
  attendance: ['activity', 'date', 'code', 'status'],
};

/** Extra attributes of the organisation travel in columns named `attr:<key>`. */
export const attributeColumnPrefix = 'attr:';

/** The columns of a kind, in template order, with the organisation's attribute columns last. */
export function importColumns(kind: ImportKind, attributeKeys: readonly string[] = []): string[] {
  if (kind === 'attendance') return [...attendanceImportColumns];
  return [...participantImportColumns, ...attributeKeys.map((k) => `${attributeColumnPrefix}${k}`)];
}

/** The template: the header row and one example row (placeholders only, no real person). */
export function importTemplate(
  kind: ImportKind,
  options: { attributeKeys?: readonly string[]; codePrefix?: string } = {},
): { columns: string[]; example: string[] } {
  const code = `${options.codePrefix ?? 'ZR'}-0001`;
  const columns = importColumns(kind, options.attributeKeys);
  if (kind === 'attendance') {
    return { columns, example: ['CT-2026', '2026-03-02', code, 'present', ''] };
  }
  const example: Record<string, string> = {
    code,
    gender: 'woman',
    age_band: '25-34',
    city: '',
    consent_date: '2026-03-01',
    consent_scope: 'participation;aggregate-reporting',
    contact: '',
    notes: '',
  };
  return { columns, example: columns.map((c) => example[c] ?? '') };
}

/**
 * A header cell as a column name: case, surrounding and repeated spaces, a byte-order mark and
 * the choice of space, dash or underscore do not matter ("Age band" = "age_band"); `attr: Role`
 * becomes `attr:role`.
 */
export function normaliseColumnName(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s*:\s*/g, ':')
    .replace(/[\s-]+/g, '_');
}

export interface ImportHeader {
  /** For each file column, the column it is (null: a blank header cell, ignored). */
  columns: (string | null)[];
  /** The columns present, by name. */
  present: Set<string>;
  problems: ImportProblem[];
}

/**
 * Reads the header row: every column must be one the kind knows (attribute columns only for
 * keys the organisation defines), none twice, and the required ones present.
 */
export function readImportHeader(
  kind: ImportKind,
  header: readonly string[],
  attributeKeys: readonly string[] = [],
  line = 1,
): ImportHeader {
  const known = new Set(importColumns(kind, attributeKeys));
  const problems: ImportProblem[] = [];
  const present = new Set<string>();
  const unknown: string[] = [];
  const columns = header.map((cell) => {
    const name = normaliseColumnName(cell);
    if (name === '') return null;
    if (kind === 'participants' && name.startsWith(attributeColumnPrefix) && !known.has(name)) {
      problems.push({ row: line, column: name, message: messageKey('validation.unknownAttribute') });
      return null;
    }
    if (!known.has(name)) {
      unknown.push(name);
      return null;
    }
    if (present.has(name)) {
      problems.push({ row: line, column: name, message: messageKey('validation.duplicate') });
      return null;
    }
    present.add(name);
    return name;
  });
  // With no known column at all the first line is most likely data, not a header: name no cell of
  // it (it may hold a contact or a note); the missing columns say what is wrong.
  if (unknown.length > 0 && present.size > 0) {
    problems.push({
      row: line,
      column: null,
      message: messageKey('validation.unknownColumns', { columns: unknown.join(', ') }),
    });
  }
  const missing = requiredImportColumns[kind].filter((c) => !present.has(c));
  if (missing.length > 0) {
    problems.push({
      row: line,
      column: null,
      message: messageKey('validation.missingColumns', { columns: missing.join(', ') }),
    });
  }
  return { columns, present, problems };
}

/** One data row as cells by column name (only the known columns of the header). */
export function rowRecord(header: ImportHeader, cells: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  header.columns.forEach((column, i) => {
    if (column) record[column] = (cells[i] ?? '').trim();
  });
  return record;
}

type RowCheck<T> = { ok: true; value: T } | { ok: false; problems: ImportProblem[] };

/** "Trans woman", "TRANS_WOMAN" → "trans-woman"; "55+" → "55-plus"; empty → undefined (undisclosed). */
function choice(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/^(\d+)\+$/, '$1-plus');
}

const participantFieldColumn: Record<string, string> = {
  gender: 'gender',
  ageBand: 'age_band',
  city: 'city',
  consentDate: 'consent_date',
  consentScope: 'consent_scope',
  contact: 'contact',
  notes: 'notes',
};

export interface ParticipantImportRow {
  code: string;
  /** The participant's fields as the file gives them. */
  fields: ParticipantFields;
  /**
   * The fields the file has a column for: a column left out keeps what is stored, while an empty
   * cell in a present column clears it (back to undisclosed). Attribute keys as `attr:<key>`.
   */
  columns: Set<string>;
}

/** Checks one participant row; the field rules are those of the participant form. */
export function checkParticipantRow(
  record: Readonly<Record<string, string>>,
  line: number,
  present: ReadonlySet<string>,
): RowCheck<ParticipantImportRow> {
  const problems: ImportProblem[] = [];
  const code = participantCodeField.safeParse(record.code ?? '');
  if (!record.code) problems.push({ row: line, column: 'code', message: messageKey('validation.required') });
  else if (!code.success) {
    problems.push({ row: line, column: 'code', message: code.error.issues[0]?.message ?? 'validation.invalid' });
  }
  const attributes: Record<string, string | null> = {};
  for (const column of present) {
    if (column.startsWith(attributeColumnPrefix)) {
      attributes[column.slice(attributeColumnPrefix.length)] = record[column] || null;
    }
  }
  const scope = record.consent_scope ?? '';
  const fields = participantFields.safeParse({
    gender: choice(record.gender),
    ageBand: choice(record.age_band),
    city: record.city || null,
    attributes,
    contact: record.contact || null,
    notes: record.notes || null,
    consentDate: record.consent_date || null,
    consentScope: scope
      .split(/[;,]/)
      .map((s) => choice(s))
      .filter((s): s is string => s !== undefined),
  });
  if (!fields.success) {
    const seen = new Set<string>();
    for (const issue of fields.error.issues) {
      const [field, key] = issue.path;
      const column =
        field === 'attributes'
          ? `${attributeColumnPrefix}${String(key)}`
          : (participantFieldColumn[String(field)] ?? null);
      // One problem per cell is enough (an enum array may fail at several indexes).
      if (seen.has(String(column))) continue;
      seen.add(String(column));
      problems.push({ row: line, column, message: issue.message });
    }
  }
  if (problems.length > 0 || !code.success || !fields.success) return { ok: false, problems };
  return { ok: true, value: { code: code.data, fields: fields.data, columns: new Set(present) } };
}

const minutesCell = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(
    z
      .string()
      .regex(/^-?\d+(\.0+)?$/, { error: messageKey('validation.invalidNumber') })
      .transform(Number)
      // Longer than the session is refused once the session is known (validation.minutesOverSession).
      .pipe(z.number().min(0, { error: messageKey('validation.negative') }))
      .nullable(),
  );

const attendanceRowSchema = z.object({
  activity: requiredText(300),
  date: isoDateSchema,
  code: participantCodeField,
  status: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), attendanceStatusSchema),
  minutes: minutesCell,
});

export interface AttendanceImportRow {
  /** An activity id, reference or exact title. */
  activity: string;
  date: string;
  code: string;
  status: AttendanceStatus;
  /** Null: the whole session when present or late. */
  minutes: number | null;
}

/** Checks one attendance row on its own (the activity, session and code are looked up later). */
export function checkAttendanceRow(
  record: Readonly<Record<string, string>>,
  line: number,
): RowCheck<AttendanceImportRow> {
  const parsed = attendanceRowSchema.safeParse({
    activity: record.activity ?? '',
    date: record.date ?? '',
    code: record.code ?? '',
    status: record.status ?? '',
    minutes: record.minutes ?? '',
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const column = String(issue.path[0]);
    if (seen.has(column)) continue;
    seen.add(column);
    const empty = (record[column] ?? '').trim() === '' && column !== 'minutes';
    problems.push({ row: line, column, message: empty ? messageKey('validation.required') : issue.message });
  }
  return { ok: false, problems };
}

/** Problems in file order: by row, the row-wide ones first, then by column. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
}

/** What an import did, or (preview) would do. */
export interface ImportSummary {
  /** Data rows read. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Attendance: participants enrolled in an activity by the import. */
  enrolled: number;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing';
  done: number;
  total: number;
}

/** Helps readers of the template: the accepted answers of each choice column. */
export const importChoices = {
  gender: genders,
  age_band: ageBands,
  consent_scope: consentScopes,
  status: attendanceStatuses,
} as const;
