import { suppressedMark } from '@tessera/domain';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { fillTemplate, inspectTemplate, starterTemplate, TemplateRefused, tagNames } from '../src/index';
import { macedonianContent, packContent } from './fixture';
import { docxWith, xlsxWith } from './template-files';

/** The visible text of a DOCX (its paragraphs), read back with pizzip. */
function docxText(bytes: Uint8Array): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

async function refusal(bytes: Uint8Array, kind: 'docx' | 'xlsx') {
  const error = await inspectTemplate(bytes, kind).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TemplateRefused);
  return (error as TemplateRefused).problems;
}

describe('reading a template’s tags', () => {
  it('lists the starter templates’ tags, every one from the catalogue', async () => {
    for (const kind of ['docx', 'xlsx'] as const) {
      const found = tagNames(await inspectTemplate((await starterTemplate(kind, 'en')).bytes, kind));
      expect(found).toContain('reach.participants');
      expect(found).toContain('budgetLines');
      expect(found).toContain('budgetLines.spent');
      expect(found).toContain('activities.participants');
    }
  });

  it('refuses a tag that names a participant, at the top, as a loop or as a field', async () => {
    for (const tag of ['{participants}', '{#participants}{code}{/participants}', '{participant.code}']) {
      const problems = await refusal(docxWith([`Hello ${tag}`]), 'docx');
      expect(problems.map((p) => p.code)).toContain('unknownTag');
      expect(problems.map((p) => p.tag).join(' ')).toMatch(/participant/);
    }
    const xlsxProblems = await refusal(await xlsxWith([['{#participants}{code}{/participants}']]), 'xlsx');
    expect(xlsxProblems).toContainEqual({ code: 'unknownTag', tag: 'participants' });
  });

  it('refuses a loop field at the top and an unknown field in a loop, naming them', async () => {
    expect(await refusal(docxWith(['{budgetLines.code}']), 'docx')).toContainEqual({
      code: 'unknownTag',
      tag: 'budgetLines.code',
    });
    expect(await refusal(docxWith(['{#activities}{payee}{/activities}']), 'docx')).toContainEqual({
      code: 'unknownTag',
      tag: 'payee',
    });
  });

  it('refuses broken loops naming the loop', async () => {
    expect((await refusal(docxWith(['{#budgetLines}{code}']), 'docx')).map((p) => p.code)).toContain('brokenLoop');
    expect(await refusal(await xlsxWith([['{#budgetLines}{code}'], ['{/budgetLines}']]), 'xlsx')).toContainEqual({
      code: 'brokenLoop',
      tag: 'budgetLines',
    });
    expect(
      await refusal(await xlsxWith([['{#budgetLines}{#activities}{title}{/activities}{/budgetLines}']]), 'xlsx'),
    ).toContainEqual({ code: 'brokenLoop', tag: 'activities' });
  });

  it('refuses a raw XML tag, which could write markup into the document', async () => {
    expect(await refusal(docxWith(['{@narrative.summary}']), 'docx')).toContainEqual({
      code: 'unknownTag',
      tag: '@narrative.summary',
    });
  });
});

describe('filling a template', () => {
  it('fills DOCX text in the template’s language, with the neutral mark for a hidden count', async () => {
    const template = docxWith([
      'Grant {grant.title} ({grant.reference}) from {period.from} to {period.to}',
      'Reached {reach.participants}; spent {finance.spent} {finance.currency}',
      '{#activities}',
      '{reference}: {participants} people, {hours} hours, {grant.currency}',
      '{/activities}',
    ]);
    const filled = await fillTemplate(
      { bytes: template, kind: 'docx', name: 'Narrative', locale: 'en' },
      packContent(),
    );
    const text = docxText(filled.bytes);
    expect(text).toContain('Grant Safer Work, Safer Lives (OSF-2025/017) from 1 Jan 2025 to 30 Jun 2025');
    expect(text).toContain('Reached 26; spent 12,325.50 EUR');
    expect(text).toContain('TR-01: 23 people, 18 hours, EUR');
    // OUT-02's participants are hidden: the mark, never the count.
    expect(text).toContain(`OUT-02: ${suppressedMark} people, 12.5 hours, EUR`);
    expect(filled.fileName).toBe('OSF-2025-017-2025-01-01-2025-06-30-narrative.docx');

    const mk = await fillTemplate(
      { bytes: template, kind: 'docx', name: 'Наратив', locale: 'mk' },
      macedonianContent(),
    );
    expect(docxText(mk.bytes)).toMatch(/12[\s.\u00a0]325,50/);
  });

  it('fills XLSX cells typed: numbers as numbers, amounts with the currency’s format, dates as dates, rows downwards', async () => {
    const template = await xlsxWith([
      ['Spent', '{finance.spent}'],
      ['From', '{period.from}'],
      ['Line', 'Budget', 'Spent'],
      ['{#budgetLines}{code}', '{budget}', '{spent}{/budgetLines}'],
      ['Total', '{finance.budget}', 'Reached {reach.participants} people'],
    ]);
    const filled = await fillTemplate(
      { bytes: template, kind: 'xlsx', name: 'Financial', locale: 'sv' },
      packContent(),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(filled.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('B1').value).toBe(12325.5);
    expect(sheet.getCell('B1').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('B2').value).toEqual(new Date('2025-01-01T00:00:00Z'));
    const lines = packContent().finance.lines;
    lines.forEach((line, i) => {
      const row = sheet.getRow(4 + i);
      expect(row.getCell(1).value).toBe(line.code);
      expect(row.getCell(2).value).toBe(line.budgetMinor / 100);
      expect(row.getCell(3).value).toBe(line.spentToDateMinor / 100);
    });
    // The row after the loop moved down, and text with a tag in it reads in Swedish.
    const total = sheet.getRow(4 + lines.length);
    expect(total.getCell(1).value).toBe('Total');
    expect(total.getCell(2).value).toBe(packContent().finance.total.budgetMinor / 100);
    expect(total.getCell(3).value).toBe('Reached 26 people');
  });

  it('writes the mark into a cell whose count is hidden, and removes a loop row with nothing to repeat', async () => {
    const template = await xlsxWith([
      ['{#activities}{reference}', '{participants}{/activities}'],
      ['{#tranches}{expectedDate}{/tranches}'],
      ['after'],
    ]);
    const content = packContent();
    content.finance.tranches = [];
    const filled = await fillTemplate({ bytes: template, kind: 'xlsx', name: 'x', locale: 'en' }, content);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(filled.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('TR-01');
    expect(sheet.getCell('B1').value).toBe(23);
    expect(sheet.getCell('A2').value).toBe('OUT-02');
    expect(sheet.getCell('B2').value).toBe(suppressedMark);
    expect(sheet.getCell('A3').value).toBe('after');
  });

  it('finds nothing for a prototype name or a participant field, even if a template slipped past the checks', async () => {
    const filled = await fillTemplate(
      { bytes: docxWith(['[{grant.title}]']), kind: 'docx', name: 'x', locale: 'en' },
      packContent(),
    );
    expect(docxText(filled.bytes)).toContain('[Safer Work, Safer Lives]');
    await expect(
      fillTemplate({ bytes: docxWith(['[{constructor}]']), kind: 'docx', name: 'x', locale: 'en' }, packContent()),
    ).rejects.toBeInstanceOf(TemplateRefused);
  });
});
