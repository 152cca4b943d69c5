import { euFinancialRows } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src';
import { emptyContent, packContent } from './fixture';
import { readXlsx, sheetRows } from './read';

describe('EU financial report', () => {
  it('lists budget headings with variance = spent − budget and marks the lines to explain', async () => {
    const content = packContent();
    const file = await renderReport(content, 'eu');
    expect(file.fileName).toBe('OSF-2025-017-2025-01-01-2025-06-30-eu-financial.xlsx');
    const workbook = await readXlsx(file.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Financial report', 'Expenditure summary']);

    const sheet = workbook.getWorksheet('Financial report')!;
    const rows = sheetRows(sheet);
    expect(rows[0]).toContain('Currency: EUR');
    expect(rows.slice(1, 7).map((r) => r[0])).toEqual([
      'Organisation',
      'Grant',
      "Funder's grant reference",
      'Funder',
      'Reporting period',
      'Grant currency',
    ]);
    const headerIndex = rows.findIndex((r) => r[0] === 'Code');
    expect(rows[headerIndex]).toEqual([
      'Code',
      'Budget heading',
      'Original budget (EUR)',
      'Revised budget (EUR)',
      'Current budget (EUR)',
      'Spent (EUR)',
      'Variance (EUR)',
      'Variance %',
      'Explanation required',
      'Explanation',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerIndex + 1 });
    expect(sheet.getRow(headerIndex + 1).getCell(1).font?.bold).toBe(true);

    const domain = euFinancialRows(content.finance.lines);
    const lines = rows.slice(headerIndex + 1, headerIndex + 1 + domain.length);
    lines.forEach((row, i) => {
      const [code, heading, original, revised, budget, spent, variance, percent, mark, explanation] = row as [
        string,
        string,
        number,
        number,
        number,
        number,
        number,
        number,
        string | undefined,
        unknown,
      ];
      const d = domain[i]!;
      expect(code).toBe(d.code);
      expect(heading).toBe(d.heading);
      expect(original).toBe(d.originalBudgetMinor / 100);
      expect(revised).toBe(d.revisedBudgetMinor / 100);
      expect(budget).toBe(d.budgetMinor / 100);
      expect(spent).toBe(d.spentMinor / 100);
      expect(variance).toBeCloseTo(spent - budget, 2);
      expect(percent).toBeCloseTo((spent - budget) / budget, 6);
      expect(mark === 'Yes').toBe(d.needsExplanation);
      expect(explanation).toBeUndefined();
      const cell = sheet.getCell(headerIndex + 2 + i, 10);
      expect(cell.note !== undefined).toBe(d.needsExplanation);
    });
    expect(lines.map((r) => r[6])).toEqual([-18_000, -3_499.5, 325]);
    expect(lines.map((r) => r.slice(2, 5))).toEqual([
      [26_000, 25_000, 24_000],
      [6_000, 7_000, 8_000],
      [1_500, 1_500, 1_500],
    ]);

    const totals = rows[headerIndex + 1 + domain.length]!;
    expect(totals.slice(0, 1)).toEqual(['Total']);
    expect(totals.slice(2, 7)).toEqual([33_500, 33_500, 33_500, 12_325.5, -21_174.5]);
    expect(totals[7]).toBeCloseTo(-21_174.5 / 33_500, 6);

    const summary = sheetRows(workbook.getWorksheet('Expenditure summary')!);
    expect(summary[0]).toEqual(['Item', 'In EUR', 'In MKD']);
    expect(summary).toContainEqual(['Original budget', 33_500]);
    expect(summary).toContainEqual(['Revised budget by the end of the period', 33_500]);
    expect(summary).toContainEqual(['Current budget', 33_500]);
    expect(summary).toContainEqual(['Total spent to date', 12_325.5, 758_018.25]);
    expect(summary).toContainEqual(['Received', 24_000, 1_476_000]);
    expect(summary).toContainEqual(['Cash on hand', 11_674.5, 717_981.75]);
    expect(summary).toContainEqual(['2025-01-15', 24_000, '2025-01-20', 24_000, 1_476_000]);
  });

  it('renders an empty period with every line fully unspent', async () => {
    const workbook = await readXlsx((await renderReport(emptyContent(), 'eu')).bytes);
    const rows = sheetRows(workbook.worksheets[0]!);
    const headerIndex = rows.findIndex((r) => r[0] === 'Code');
    expect(rows.slice(headerIndex + 1, headerIndex + 4).map((r) => [r[5], r[6]])).toEqual([
      [0, -24_000],
      [0, -8_000],
      [0, -1_500],
    ]);
  });

  it('shows a pack frozen before the original and revised budgets were kept with its one budget in all three', async () => {
    const content = packContent();
    for (const line of content.finance.lines) {
      delete line.originalBudgetMinor;
      delete line.revisedBudgetMinor;
    }
    const rows = sheetRows((await readXlsx((await renderReport(content, 'eu')).bytes)).worksheets[0]!);
    const headerIndex = rows.findIndex((r) => r[0] === 'Code');
    expect(rows.slice(headerIndex + 1, headerIndex + 4).map((r) => r.slice(2, 5))).toEqual([
      [24_000, 24_000, 24_000],
      [8_000, 8_000, 8_000],
      [1_500, 1_500, 1_500],
    ]);
  });
});
