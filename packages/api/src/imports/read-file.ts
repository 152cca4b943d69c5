import type { ImportProblem, ImportProgress } from '@tessera/domain';
import { DomainError, importLimits, messageKey } from '@tessera/domain';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ArchiveRefused, archiveLimits, repack, unpackBounded } from './bounded-archive';

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

function archiveRefusal(error: ArchiveRefused): DomainError {
  switch (error.reason) {
    case 'tooLarge': {
      const mb = archiveLimits.maxTotalBytes / 1024 / 1024;
      return refuse(
        `The workbook unpacks to more than ${mb} MB.`,
        messageKey('validation.archiveTooLarge', { max: mb }),
      );
    }
    case 'tooManyEntries':
      return refuse(
        `The workbook has more than ${archiveLimits.maxEntries} parts.`,
        messageKey('validation.archiveTooManyParts', { max: archiveLimits.maxEntries }),
      );
    case 'unsafeXml':
      return refuse(
        'The workbook holds XML that is not read: a DTD, an entity, or nesting too deep.',
        messageKey('validation.unsafeXml'),
      );
    default:
      return wrongType();
  }
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
// The old binary Excel format (and other OLE documents).
const isOle = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

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
  // exceljs (through JSZip) believes the archive's directory and inflates whole parts into
  // memory: it only ever sees a ZIP rebuilt here from parts unpacked under a hard byte cap.
  let checked: Uint8Array;
  try {
    checked = repack(await unpackBounded(bytes));
  } catch (error) {
    if (error instanceof ArchiveRefused) throw archiveRefusal(error);
    throw error;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) as never);
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
