import { type Shown, suppressedMark } from '@tessera/domain';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src';
import { cyrillicNarrative, emptyContent, legacyContent, macedonianContent, packContent } from './fixture';
import { readXlsx, sheetRows } from './read';

/** What a cell must hold for a suppressible count: the number, or the mark "x". */
const expected = (shown: Shown) => (shown.suppressed ? suppressedMark : shown.value);

function rowStartingWith(sheet: ExcelJS.Worksheet, first: string): unknown[] {
  const row = sheetRows(sheet).find((r) => r[0] === first);
  if (!row) throw new Error(`No row starting with ${first} in ${sheet.name}`);
  return row;
}

describe('XLSX pack', () => {
  it('has one sheet per part, each with a bold frozen header row', async () => {
    const progress: number[] = [];
    const file = await renderReport(packContent(), 'xlsx', { onProgress: (done) => progress.push(done) });
    expect(file.fileName).toBe('OSF-2025-017-2025-01-01-2025-06-30.xlsx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await readXlsx(file.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Cover',
      'Narrative',
      'Activities',
      'Outputs',
      'Reach',
      'Head counts',
      'Indicators',
      'Finance',
      'Tranches',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
      expect(sheet.getRow(1).getCell(2).font?.bold, sheet.name).toBe(true);
    }
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('writes numbers as numbers, suppressed counts as "x", dates as ISO text', async () => {
    const content = packContent();
    const workbook = await readXlsx((await renderReport(content, 'xlsx')).bytes);

    const cover = workbook.getWorksheet('Cover')!;
    expect(rowStartingWith(cover, 'Organisation')[1]).toBe('Lilith Collective Skopje');
    expect(rowStartingWith(cover, "Funder's grant reference")[1]).toBe('OSF-2025/017');
    expect(rowStartingWith(cover, 'Grant amount')[1]).toBe(48_000);
    expect(rowStartingWith(cover, 'Generated')[1]).toBe('2025-07-12');

    const narrative = sheetRows(workbook.getWorksheet('Narrative')!);
    expect(narrative).toHaveLength(8);
    expect(narrative[2]).toEqual(['Progress against objectives', cyrillicNarrative]);
    expect(narrative[3]).toEqual(['Progress towards outcomes']);
    // Text that looks like a formula stays text: exceljs writes strings, never formulas.
    expect(narrative[4]?.[1]).toBe(content.pack.narrative[2]?.body);

    const activities = sheetRows(workbook.getWorksheet('Activities')!);
    expect(activities[0]).toEqual([
      'Reference',
      'Title',
      'Kind',
      'Project',
      'City',
      'Start',
      'End',
      'Sessions held',
      'Hours delivered',
      'Participants',
      'Participant hours',
      'Completions',
      'Head count',
    ]);
    expect(activities[1]).toEqual([
      'TR-01',
      'Digital safety training',
      'Training',
      'Safety first',
      'Skopje',
      '2025-02-01',
      '2025-03-15',
      6,
      18,
      23,
      112.5,
      19,
      0,
    ]);
    expect(activities[2]?.slice(7)).toEqual([4, 12.5, 'x', 'x', 0, 64]);

    const outputs = sheetRows(workbook.getWorksheet('Outputs')!);
    expect(outputs[1]).toEqual([
      'Digital safety training',
      'Brochure',
      'Know your rights (Знај ги своите права)',
      500,
      '2025-03-20',
      'https://example.org/rights',
    ]);

    const reach = workbook.getWorksheet('Reach')!;
    expect(rowStartingWith(reach, 'Unique participants')[1]).toBe(26);
    expect(rowStartingWith(reach, 'Reach: Gender')).toEqual(['Reach: Gender']);
    expect(rowStartingWith(reach, 'Trans woman')).toEqual(['Trans woman', 'x', 'x', 'x']);
    expect(rowStartingWith(reach, '35–44')).toEqual(['35–44', 'x', 'x', 'x']);
    expect(rowStartingWith(reach, 'Куманово')).toEqual(['Куманово', 'x', 'x', 'x']);
    expect(sheetRows(reach).filter((r) => r[0] === 'Total')).toEqual([
      ['Total', 26, 125, 19],
      ['Total', 26, 125, 19],
      ['Total', 26, 125, 19],
    ]);

    const heads = content.reach.headCounts;
    const headRows = sheetRows(workbook.getWorksheet('Head counts')!);
    expect(headRows[0]).toEqual(['Gender / age band', '18–24', '25–34', 'Undisclosed', 'Total']);
    heads.cells.forEach((cells, g) => {
      expect(headRows[g + 1]?.slice(1)).toEqual([...cells.map(expected), expected(heads.genderTotals[g]!)]);
    });
    expect(headRows[heads.genders.length + 1]).toEqual(['Total', ...heads.ageBandTotals.map(expected), 64]);
    expect(headRows.flat()).toContain('x');

    const indicators = workbook.getWorksheet('Indicators')!;
    const header = sheetRows(indicators)[0] as string[];
    const col = (name: string) => header.indexOf(name);
    const op12 = sheetRows(indicators).find((r) => r[col('Code')] === 'OP1.2')!;
    expect(op12[col('Actual')]).toBe('x');
    expect(op12[col('Cumulative')]).toBe(14);
    expect(op12[col('Period target')]).toBe(20);
    const oc1 = sheetRows(indicators).find((r) => r[col('Code')] === 'OC1')!;
    expect(oc1[col('% achieved')]).toBeCloseTo(0.7467, 4);
    expect(indicators.getCell(2, col('% achieved') + 1).numFmt).toBe('0.0%');
    expect(oc1[col('Explanation needed')]).toBe('Yes');
    expect(oc1[col('Means of verification')]).toBeUndefined();
    expect(oc1[col('Data source')]).toBe('Yearly community survey');
    const op11 = sheetRows(indicators).find((r) => r[col('Code')] === 'OP1.1')!;
    expect(op11[col('Disaggregation')]).toBe('Gender: Woman 18, Trans woman x, Man x (Total 23)');

    const finance = workbook.getWorksheet('Finance')!;
    const lines = sheetRows(finance);
    expect(lines[0]).toEqual([
      'Code',
      'Category',
      'Description',
      'Original budget (EUR)',
      'Revised budget (EUR)',
      'Current budget (EUR)',
      'Spent in period (EUR)',
      'Spent to date (EUR)',
      'Spent to date in MKD',
      'Remaining (EUR)',
      'Variance (EUR)',
      'Variance %',
    ]);
    expect(lines[1]?.slice(3)).toEqual([26_000, 25_000, 24_000, 6_000, 6_000, 369_000, 18_000, -18_000, -0.75]);
    expect(lines[2]?.slice(3, 6)).toEqual([6_000, 7_000, 8_000]);
    expect(lines[3]?.slice(3, 11)).toEqual([1_500, 1_500, 1_500, 1_825, 1_825, 112_237.5, -325, 325]);
    const total = content.finance.total;
    const totals = rowStartingWith(finance, 'Total');
    expect(totals.slice(3, 11)).toEqual([
      total.originalBudgetMinor! / 100,
      total.revisedBudgetMinor! / 100,
      total.budgetMinor / 100,
      total.spentPeriodMinor / 100,
      total.spentToDateMinor / 100,
      total.spentToDateBaseMinor / 100,
      total.remainingMinor / 100,
      total.varianceMinor / 100,
    ]);
    // The totals row adds up the lines.
    for (let c = 3; c < 11; c += 1) {
      const sum = lines.slice(1, 4).reduce((s, r) => s + (r[c] as number), 0);
      expect(totals[c]).toBeCloseTo(sum, 2);
    }
    expect(finance.getCell(2, 4).numFmt).toBe('#,##0.00');
    expect(rowStartingWith(finance, 'Cash on hand')).toEqual(['Cash on hand', 11_674.5, 717_981.75]);

    const tranches = sheetRows(workbook.getWorksheet('Tranches')!);
    expect(tranches[1]).toEqual(['2025-01-15', 24_000, '2025-01-20', 24_000, 1_476_000]);
    expect(tranches[2]).toEqual(['2025-07-15', 14_400, 'Not yet']);
  });

  it('uses the locale for sheet names and labels', async () => {
    const workbook = await readXlsx((await renderReport(macedonianContent(), 'xlsx')).bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Насловна страница',
      'Наратив',
      'Активности',
      'Резултати',
      'Опфат',
      'Број на присутни',
      'Индикатори',
      'Финансии',
      'Транши',
    ]);
    expect(sheetRows(workbook.getWorksheet('Активности')!)[2]?.[2]).toBe('Теренска работа');
  });

  it('renders an empty period with the note on the cover', async () => {
    const workbook = await readXlsx((await renderReport(emptyContent(), 'xlsx')).bytes);
    const notes = sheetRows(workbook.getWorksheet('Cover')!).filter((r) => r[0] === 'Note');
    expect(notes.map((r) => r[1])).toContain('No activity, output or spending was recorded in this period.');
    expect(sheetRows(workbook.getWorksheet('Activities')!)).toHaveLength(1);
    expect(rowStartingWith(workbook.getWorksheet('Finance')!, 'Total').slice(3, 8)).toEqual([
      33_500, 33_500, 33_500, 0, 0,
    ]);
  });

  it('keeps the list of expenditure out of the pack workbook and draws a legacy pack', async () => {
    const workbook = await readXlsx((await renderReport(packContent(), 'xlsx')).bytes);
    const cells = workbook.worksheets.flatMap((sheet) => sheetRows(sheet).flat());
    for (const ledger of ['Hotel Bristol Skopje', 'Печатница Скопје', 'Monthly salary, March', 'PAY-6']) {
      expect(cells).not.toContain(ledger);
    }
    const legacy = await readXlsx((await renderReport(legacyContent(), 'xlsx')).bytes);
    expect(legacy.worksheets.length).toBe(workbook.worksheets.length);
  });
});
