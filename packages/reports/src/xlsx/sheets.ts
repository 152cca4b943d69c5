import { currencyExponent, suppressedMark, toMajorUnits } from '@tessera/domain';
import type ExcelJS from 'exceljs';
import type { Cell, Table } from '../model';

/**
 * Writing the neutral tables into exceljs sheets. Numbers stay numbers (money in major units
 * with the currency's decimals as a number format, percentages as fractions with a % format);
 * dates are ISO text ('2025-03-15') everywhere, so they sort and never shift with a time zone;
 * a hidden figure is the text "x" (the one neutral mark, `suppressedMark`), right-aligned like the
 * numbers around it, and a sheet that shows one says what it means under its table.
 */

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
const totalFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } };

export function moneyFormat(currency: string): string {
  const digits = currencyExponent(currency);
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(wanted: string, workbook: ExcelJS.Workbook): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; workbook.getWorksheet(name); n += 1) name = `${base.slice(0, 28)} ${n}`;
  return name;
}

export function addSheet(workbook: ExcelJS.Workbook, wanted: string, frozenRows = 1): ExcelJS.Worksheet {
  return workbook.addWorksheet(sheetName(wanted, workbook), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: frozenRows }],
  });
}

export function writeCell(target: ExcelJS.Cell, cell: Cell): void {
  switch (cell.kind) {
    case 'text':
      target.value = cell.text;
      return;
    case 'number':
      target.value = cell.value;
      target.numFmt = Number.isInteger(cell.value) ? '#,##0' : '#,##0.00';
      return;
    case 'shown':
      if (cell.value.suppressed) {
        target.value = suppressedMark;
        target.alignment = { horizontal: 'right' };
      } else {
        target.value = cell.value.value;
        target.numFmt = Number.isInteger(cell.value.value) ? '#,##0' : '#,##0.00';
      }
      return;
    case 'money':
      target.value = toMajorUnits(cell.minor, cell.currency);
      target.numFmt = moneyFormat(cell.currency);
      return;
    case 'percent':
      target.value = cell.value / 100;
      target.numFmt = '0.0%';
      return;
    case 'date':
      target.value = cell.iso;
      return;
    case 'blank':
      target.value = null;
      return;
  }
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = headerFill;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
}

export function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, cells: Cell[], style?: 'total'): ExcelJS.Row {
  const row = sheet.getRow(rowNumber);
  cells.forEach((cell, i) => {
    const target = row.getCell(i + 1);
    writeCell(target, cell);
    if (style === 'total') {
      target.font = { bold: true };
      target.fill = totalFill;
    }
  });
  return row;
}

/**
 * Writes a table from `startRow`: an optional bold title row, the bold header row, the rows and
 * the totals row. Returns the next free row. Columns marked PDF-only are left out.
 */
export function writeTable(
  sheet: ExcelJS.Worksheet,
  table: Table,
  startRow = 1,
  options: { title?: boolean } = {},
): number {
  const keep = table.columns.map((c) => c.only !== 'pdf');
  const pick = <T>(row: T[]) => row.filter((_, i) => keep[i]);
  let r = startRow;
  if (options.title) {
    const titleRow = sheet.getRow(r);
    titleRow.getCell(1).value = table.title;
    titleRow.font = { bold: true, size: 12 };
    r += 1;
  }
  const header = sheet.getRow(r);
  pick(table.columns).forEach((column, i) => {
    header.getCell(i + 1).value = column.label;
  });
  styleHeader(header);
  r += 1;
  for (const row of table.rows) {
    writeRow(sheet, r, pick(row));
    r += 1;
  }
  if (table.total) {
    writeRow(sheet, r, pick(table.total), 'total');
    r += 1;
  }
  return r;
}

/** Whether a table shows a hidden figure (the mark "x") anywhere. */
export function hasHidden(table: Table): boolean {
  return [...table.rows, ...(table.total ? [table.total] : [])].some((row) =>
    row.some((cell) => cell.kind === 'shown' && cell.value.suppressed),
  );
}

/** The footnote to the mark in `row`, where the sheet shows the mark (after `fitColumns`). */
export function writeFootnote(sheet: ExcelJS.Worksheet, row: number, showsMark: boolean, footnote: string): void {
  if (!showsMark) return;
  const cell = sheet.getCell(row, 1);
  cell.value = footnote;
  cell.font = { italic: true, size: 9 };
}

/** Column widths from the header and cell text, within sensible bounds. */
export function fitColumns(sheet: ExcelJS.Worksheet, max = 60): void {
  sheet.columns.forEach((column) => {
    let width = 10;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      const length = String(cell.value ?? '').length;
      width = Math.max(width, Math.min(max, length + 2));
    });
    column.width = width;
  });
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  // exceljs types its result as its own Buffer interface; in Node it is a Node Buffer.
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
  return new Uint8Array(buffer);
}
