import { formatMinorPlain, type Locale, type ReportPackContent, suppressedMark } from '@tessera/domain';
import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { catalogs } from './i18n';
import {
  activitiesTable,
  type Cell,
  cashTable,
  matchTable,
  coverTable,
  financeTable,
  headCountsTable,
  indicatorsTable,
  narrativeTable,
  outputsTable,
  reachBreakdownTables,
  reachTotalsTable,
  type Table,
  tranchesTable,
} from './model';

/**
 * The pack as a zip of CSV files, one per table. Written for spreadsheet programs: UTF-8 with a
 * byte-order mark, CRLF line ends, and for Macedonian and Swedish (whose Excel expects a decimal
 * comma) `;` between fields and ',' in decimals; otherwise ',' and '.'. Numbers are plain
 * (no thousands separators), dates ISO, a hidden figure the neutral mark "x" (the cover says what
 * it means). Text that a spreadsheet would
 * run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe; numbers,
 * negative ones included, are left as numbers.
 */

const semicolonLocales: readonly Locale[] = ['mk', 'sv'];

export function csvDialect(locale: Locale): { delimiter: ';' | ','; decimal: ',' | '.' } {
  return semicolonLocales.includes(locale) ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

/** Text cells only: a leading apostrophe stops a spreadsheet from reading them as a formula. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function plainNumber(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

export function csvValue(cell: Cell, decimal: ',' | '.'): string {
  const withMark = (digits: string) => (decimal === ',' ? digits.replace('.', ',') : digits);
  switch (cell.kind) {
    case 'text':
      return neutralise(cell.text);
    case 'number':
      return withMark(plainNumber(cell.value));
    case 'shown':
      return cell.value.suppressed ? suppressedMark : withMark(plainNumber(cell.value.value));
    case 'money':
      return withMark(formatMinorPlain(cell.minor, cell.currency));
    case 'percent':
      return withMark(String(Math.round(cell.value * 100) / 100));
    case 'date':
      return cell.iso;
    case 'blank':
      return '';
  }
}

export function tableCsv(table: Table, locale: Locale): string {
  const { delimiter, decimal } = csvDialect(locale);
  const keep = table.columns.map((c) => c.only !== 'pdf');
  const pick = <T>(row: T[]) => row.filter((_, i) => keep[i]);
  const records = [
    pick(table.columns).map((c) => neutralise(c.label)),
    ...table.rows.map((row) => pick(row).map((cell) => csvValue(cell, decimal))),
    ...(table.total ? [pick(table.total).map((cell) => csvValue(cell, decimal))] : []),
  ];
  return stringify(records, { bom: true, delimiter, record_delimiter: 'windows' });
}

export function packTables(c: ReportPackContent): Table[] {
  const L = catalogs[c.locale];
  const coFinancing = matchTable(c, L);
  return [
    coverTable(c, L),
    narrativeTable(c, L),
    activitiesTable(c, L),
    outputsTable(c, L),
    reachTotalsTable(c, L),
    ...reachBreakdownTables(c, L),
    headCountsTable(c, L),
    indicatorsTable(c, L),
    financeTable(c, L),
    cashTable(c, L),
    // Co-financing (cost share and match); absent from packs frozen before it was kept.
    ...(coFinancing ? [coFinancing] : []),
    tranchesTable(c, L),
  ];
}

export function renderCsvZip(c: ReportPackContent, step: () => void): Uint8Array {
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  for (const table of packTables(c)) {
    files[`${table.name}.csv`] = encoder.encode(tableCsv(table, c.locale));
    step();
  }
  const generated = new Date(c.generatedAt);
  return zipSync(files, { level: 6, mtime: Number.isNaN(generated.getTime()) ? new Date() : generated });
}
