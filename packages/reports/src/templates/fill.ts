import {
  type Locale,
  type ReportPackContent,
  shownText,
  suppressedMark,
  type TemplateKind,
  type TemplateRow,
  type TemplateValue,
  templateContentTypes,
  templateValues,
  toMajorUnits,
} from '@tessera/domain';
import Docxtemplater from 'docxtemplater';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { asciiSlug, displayFormat, reportFileName } from '../format';
import { moneyFormat } from '../xlsx/sheets';
import { cellText, docxOptions, inspectTemplate, rowTokens } from './inspect';

/**
 * Filling a funder's template with a pack's content (docs/decisions/0027). The values come from
 * `templateValues(content)` alone: the content every export draws, already suppressed, so a hidden
 * count is the neutral mark here too. CPU only: no database, network or file paths.
 */

/** A value as text in the template's language (DOCX text, and XLSX cells holding more than one tag). */
function asText(value: TemplateValue | undefined, locale: Locale): string {
  if (!value) return '';
  const f = displayFormat(locale);
  switch (value.kind) {
    case 'text':
      return value.value ?? '';
    case 'number':
      return value.value ? shownText(value.value, f.number) : '';
    case 'date':
      return value.value ? f.date(value.value) : '';
    case 'money':
      return value.minor === null ? '' : f.amount(value.minor, value.currency);
  }
}

/** Plain objects with no prototype: a tag such as {constructor} finds nothing. */
function textRow(row: TemplateRow, locale: Locale): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(row)) out[key] = asText(value, locale);
  return out;
}

function fillDocx(bytes: Uint8Array, content: ReportPackContent, locale: Locale): Uint8Array {
  const values = templateValues(content);
  const data: Record<string, unknown> = textRow(values.top, locale);
  for (const [loop, rows] of Object.entries(values.loops)) data[loop] = rows.map((r) => textRow(r, locale));
  const doc = new Docxtemplater(new PizZip(bytes), {
    ...docxOptions,
    parser: (tag: string) => ({
      get: (scope: unknown) =>
        scope && typeof scope === 'object' && Object.hasOwn(scope, tag.trim())
          ? (scope as Record<string, unknown>)[tag.trim()]
          : undefined,
    }),
    nullGetter: () => '',
  });
  doc.render(data);
  return doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
}

const dateFormats: Record<Locale, string> = { en: 'dd/mm/yyyy', mk: 'dd.mm.yyyy', sv: 'yyyy-mm-dd', sq: 'dd.mm.yyyy' };

/** A cell holding exactly one tag takes the value typed: a number, an amount, a date, or the mark. */
function setTyped(cell: ExcelJS.Cell, value: TemplateValue | undefined, locale: Locale) {
  if (!value) {
    cell.value = null;
    return;
  }
  switch (value.kind) {
    case 'text':
      cell.value = value.value ?? '';
      return;
    case 'number':
      if (value.value === null) cell.value = null;
      else if (value.value.suppressed) {
        cell.value = suppressedMark;
        cell.alignment = { ...cell.alignment, horizontal: 'right' };
      } else {
        cell.value = value.value.value;
        cell.numFmt = Number.isInteger(value.value.value) ? '#,##0' : '#,##0.00';
      }
      return;
    case 'date':
      if (value.value === null) cell.value = null;
      else {
        cell.value = new Date(`${value.value}T00:00:00Z`);
        cell.numFmt = dateFormats[locale];
      }
      return;
    case 'money':
      if (value.minor === null) cell.value = null;
      else {
        cell.value = toMajorUnits(value.minor, value.currency);
        cell.numFmt = moneyFormat(value.currency);
      }
      return;
  }
}

const loopMark = /\{\s*[#/][^{}]*\}/g;
const onlyTag = /^\s*\{([^{}#/^@]*)\}\s*$/;

function fillRow(row: ExcelJS.Row, scope: TemplateRow, top: TemplateRow, locale: Locale) {
  const lookup = (name: string) =>
    Object.hasOwn(scope, name) ? scope[name] : Object.hasOwn(top, name) ? top[name] : undefined;
  row.eachCell({ includeEmpty: false }, (cell) => {
    const original = cellText(cell);
    if (original === null || !original.includes('{')) return;
    const text = original.replace(loopMark, '');
    const single = onlyTag.exec(text);
    if (single) setTyped(cell, lookup((single[1] ?? '').trim()), locale);
    else cell.value = text.replace(/\{([^{}]*)\}/g, (_, name: string) => asText(lookup(name.trim()), locale));
  });
}

async function fillXlsx(bytes: Uint8Array, content: ReportPackContent, locale: Locale): Promise<Uint8Array> {
  const values = templateValues(content);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const sheet of workbook.worksheets) {
    const loopRows: { row: number; loop: string }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const open = rowTokens(row).find((t) => t.startsWith('#'));
      if (open) loopRows.push({ row: number, loop: open.slice(1).trim() });
    });
    // Bottom up, so inserting rows never moves a loop row still to fill.
    for (const { row, loop } of loopRows.reverse()) {
      const items = values.loops[loop] ?? [];
      if (items.length === 0) {
        sheet.spliceRows(row, 1);
        continue;
      }
      if (items.length > 1) sheet.duplicateRow(row, items.length - 1, true);
      for (const [i, item] of items.entries()) fillRow(sheet.getRow(row + i), item, values.top, locale);
    }
    sheet.eachRow({ includeEmpty: false }, (row) => fillRow(row, Object.create(null), values.top, locale));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface FilledTemplate {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

/**
 * Fills a checked template: numbers, amounts and dates in `locale` (the template's language).
 * Re-reads its tags first, so a template that no longer passes (the catalogue changed) is refused
 * with `TemplateRefused` rather than filled half.
 */
export async function fillTemplate(
  template: { bytes: Uint8Array; kind: TemplateKind; name: string; locale: Locale },
  content: ReportPackContent,
): Promise<FilledTemplate> {
  await inspectTemplate(template.bytes, template.kind);
  const bytes =
    template.kind === 'docx'
      ? fillDocx(template.bytes, content, template.locale)
      : await fillXlsx(template.bytes, content, template.locale);
  return {
    bytes,
    fileName: reportFileName(content.grant, content.period, `-${slugPart(template.name)}`, template.kind),
    contentType: templateContentTypes[template.kind],
  };
}

function slugPart(name: string): string {
  return asciiSlug(name, { lowercase: true, maxLength: 40 }) || 'template';
}
