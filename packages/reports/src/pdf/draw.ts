import type {
  Content,
  ContentStack,
  ContentText,
  CustomTableLayout,
  StyleDictionary,
  TableCell,
} from 'pdfmake/interfaces';
import type { DisplayFormat } from '../format';
import { type Cell, isNumeric, type Table } from '../model';
import { printable } from './engine';

/** Shared drawing for the PDF files: styles, cells and tables from the neutral table model. */

export const styles: StyleDictionary = {
  title: { fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
  subtitle: { fontSize: 13, color: '#333333', margin: [0, 0, 0, 18] },
  h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
  h2: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 5] },
  label: { color: '#444444' },
  note: { fontSize: 7.5, color: '#444444', margin: [0, 4, 0, 0] },
  notWritten: { italics: true, color: '#666666' },
  tableHeader: { bold: true, fillColor: '#e9ecef' },
  totalRow: { bold: true, fillColor: '#f5f5f5' },
  hint: { fontSize: 7, color: '#555555' },
};

export const tableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (i) => (i <= 1 ? '#555555' : '#bbbbbb'),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

export const gridLayout: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#777777',
  vLineColor: () => '#777777',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export function cellText(cell: Cell, fmt: DisplayFormat): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return fmt.number(cell.value);
    case 'shown':
      return fmt.shown(cell.value);
    case 'money':
      return fmt.amount(cell.minor, cell.currency);
    case 'percent':
      return fmt.percent(cell.value);
    case 'date':
      return fmt.date(cell.iso);
    case 'blank':
      return '';
  }
}

function bodyCell(cell: Cell, fmt: DisplayFormat, style?: string): TableCell {
  return {
    text: printable(cellText(cell, fmt)),
    alignment: isNumeric(cell) ? 'right' : 'left',
    ...(style ? { style } : {}),
  };
}

/** A table, or a line saying nothing was recorded. Columns marked data-only are left out. */
export function drawTable(
  table: Table,
  fmt: DisplayFormat,
  options: { noneText: string; fontSize?: number; title?: boolean },
): Content[] {
  const keep = table.columns.map((c) => c.only !== 'data');
  const pick = <T>(row: T[]) => row.filter((_, i) => keep[i]);
  const columns = pick(table.columns);
  const out: Content[] = [];
  if (options.title !== false) out.push({ text: printable(table.title), style: 'h2' });
  if (table.rows.length === 0 && !table.total) {
    out.push({ text: printable(options.noneText), style: 'notWritten' });
    return out;
  }
  const header: TableCell[] = columns.map((c, i) => ({
    text: printable(c.label),
    style: 'tableHeader',
    alignment: i > 0 && table.rows.some((row) => isNumeric(pick(row)[i] ?? { kind: 'blank' })) ? 'right' : 'left',
  }));
  const body: TableCell[][] = [header, ...table.rows.map((row) => pick(row).map((cell) => bodyCell(cell, fmt)))];
  if (table.total) body.push(pick(table.total).map((cell) => bodyCell(cell, fmt, 'totalRow')));
  out.push({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => (c.wide ? '*' : 'auto')),
      body,
    },
    layout: tableLayout,
    fontSize: options.fontSize ?? 8,
  });
  return out;
}

/** A label in the form's official English with the reader's language under it. */
export function bilingual(english: string, local: string | null): ContentText | ContentStack {
  if (local === null || local === english) return { text: english };
  return { stack: [{ text: english }, { text: printable(local), style: 'hint' }] };
}

/** Paragraphs of a narrative body: blank lines split paragraphs, single newlines are kept. */
export function paragraphs(body: string): Content[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ text: printable(p), margin: [0, 0, 0, 5] }) as Content);
}
