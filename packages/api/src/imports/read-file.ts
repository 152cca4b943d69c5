import type { ImportProblem, ImportProgress } from '@tessera/domain';
import { DomainError, importLimits, messageKey } from '@tessera/domain';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A spreadsheet read into text cells, each data row with its line in the file. */
export interface ImportFile {
  header: string[];
  /** The line of the header (1 unless blank lines come first). */
  headerLine: number;
  /** Data rows that are not blank, with their 1-based line in the file. */
  rows: { line: number; cells: string[] }[];
  /** Problems found while reading (a broken quote in a CSV), by line. */
  problems: ImportProblem[];
}

function refuse(message: string, key: string): DomainError {
  return new DomainError('VALIDATION', message, { fieldErrors: { file: [key] } });
}

const tooManyRows = () =>
  refuse(
    `A file may have at most ${importLimits.maxRows} rows.`,
    messageKey('validation.tooManyRows', { max: importLimits.maxRows }),
  );

const wrongType = () =>
  refuse('Use a CSV file saved as UTF-8, or an XLSX workbook.', messageKey('validation.importFileType'));

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
// The old binary Excel format (and other OLE documents).
const isOle = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/**
 * The total uncompressed size of a ZIP's entries, from its central directory; null when the
 * directory cannot be read or uses ZIP64. Checked before unpacking so a small file that inflates
 * to gigabytes is refused instead of exhausting memory.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= earliest; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    offset +=
      46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

/** At most this much unpacked XLSX content (a 50,000-row sheet is far below it). */
const maxUnpackedBytes = 300 * 1024 * 1024;

function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, numbers plain, formulas as their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? '' : cellText(result as ExcelJS.CellValue);
  }
  if ('error' in value) return '';
  return '';
}

async function readXlsx(bytes: Uint8Array): Promise<{ records: { line: number; cells: string[] }[] }> {
  const unpacked = zipUncompressedSize(bytes);
  if (unpacked === null || unpacked > maxUnpackedBytes) throw wrongType();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw wrongType();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { records: [] };
  if (sheet.actualRowCount > importLimits.maxRows + 1) throw tooManyRows();
  const records: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records.push({ line, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { records };
}

/**
 * The separator is the one the header row uses most: `,`, `;` (Excel in many European locales)
 * or a tab. Column names never contain one, so the header tells reliably where the data might not.
 */
function guessDelimiter(text: string): string {
  const header = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  let best = ',';
  let most = 0;
  for (const delimiter of [',', ';', '\t']) {
    const count = header.split(delimiter).length - 1;
    if (count > most) {
      best = delimiter;
      most = count;
    }
  }
  return best;
}

function readCsv(bytes: Uint8Array): { records: { line: number; cells: string[] }[]; problems: ImportProblem[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel's plain "CSV" in a Cyrillic locale is Windows-1251: ask for UTF-8 rather than guess.
    throw wrongType();
  }
  if (text.includes('\u0000')) throw wrongType();
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: false,
    delimiter: guessDelimiter(body),
    // One header line, the rows allowed, and one more to notice a file that has too many.
    preview: importLimits.maxRows + 2,
  });
  const problems: ImportProblem[] = [];
  for (const error of parsed.errors) {
    problems.push({ row: (error.row ?? 0) + 1, column: null, message: messageKey('validation.invalid') });
  }
  return {
    records: parsed.data.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c ?? '') })),
    problems,
  };
}

/**
 * Reads an uploaded CSV (UTF-8, `,` `;` or tab separated, with or without a byte-order mark)
 * or XLSX (first worksheet) into text cells. The first non-blank row is the header; blank rows
 * are skipped but still counted, so line numbers match what a spreadsheet shows. Files over
 * 10 MB or 50,000 rows, other formats and files without data rows are refused whole.
 */
export async function parseImportFile(
  bytes: Uint8Array,
  fileName: string,
  onProgress?: (progress: ImportProgress) => void | Promise<void>,
): Promise<ImportFile> {
  if (bytes.byteLength > importLimits.maxBytes) {
    throw refuse(
      `The file may be at most ${importLimits.maxBytes / 1024 / 1024} MB.`,
      messageKey('validation.fileTooLarge', { max: importLimits.maxBytes / 1024 / 1024 }),
    );
  }
  await onProgress?.({ phase: 'reading', done: 0, total: bytes.byteLength });
  let read: { records: { line: number; cells: string[] }[]; problems?: ImportProblem[] };
  if (isZip(bytes)) read = await readXlsx(bytes);
  else if (isOle(bytes) || /\.(xls|xlsx|xlsm|ods)$/i.test(fileName)) throw wrongType();
  else read = readCsv(bytes);
  const nonBlank = read.records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonBlank;
  if (!header || rows.length === 0) throw refuse('The file has no rows to import.', messageKey('validation.emptyFile'));
  if (rows.length > importLimits.maxRows) throw tooManyRows();
  await onProgress?.({ phase: 'reading', done: bytes.byteLength, total: bytes.byteLength });
  return {
    header: header.cells,
    headerLine: header.line,
    rows,
    problems: read.problems ?? [],
  };
}
