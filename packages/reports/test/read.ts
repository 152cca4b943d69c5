import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reading the rendered files back, as a funder's tools would. */

/** The text of every page, items joined by spaces, whitespace (incl. no-break spaces) collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string }> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    pages.push(text.replace(/[\s\u00a0\u202f]+/g, ' '));
  }
  await document.destroy();
  return { pages, text: pages.join('\n') };
}

export async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Rows of a sheet as plain values (row 1 first), trailing empty cells left out. */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    rows[n - 1] = values.slice(1);
  });
  return Array.from(rows, (r) => r ?? []);
}

export interface CsvFile {
  raw: string;
  rows: string[][];
}

export function unzipCsv(bytes: Uint8Array, delimiter: ',' | ';'): Record<string, CsvFile> {
  const files = unzipSync(bytes);
  const out: Record<string, CsvFile> = {};
  for (const [name, data] of Object.entries(files)) {
    const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
    out[name] = { raw, rows: parse(raw, { bom: true, delimiter, relax_column_count: false }) as string[][] };
  }
  return out;
}
export { csvAllSheets, officeConvert, officeMissing, officeSheets } from './office';
export { docxParts, docxWith, xlsxWith } from './template-files';
