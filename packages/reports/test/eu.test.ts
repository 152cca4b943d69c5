import { euFinancialRows, euTimingOf } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src';
import { emptyContent, legacyContent, packContent } from './fixture';
import { readXlsx, sheetRows } from './read';

/** The fixture with spending this period below spending to date, as in a Q3 report. */
function withEarlierSpending() {
  const content = packContent();
  const period = [350_000, 200_050, 182_500];
  content.finance.lines.forEach((l, i) => {
    l.spentPeriodMinor = period[i]!;
  });
  content.finance.total.spentPeriodMinor = period.reduce((s, v) => s + v, 0);
  return content;
}

describe('EU financial report', () => {
  it('lists budget headings with this period and cumulative spending, variance and the explanations written', async () => {
    const content = withEarlierSpending();
    const file = await renderReport(content, 'eu');
    expect(file.fileName).toBe('OSF-2025-017-2025-01-01-2025-06-30-eu-financial.xlsx');
    const workbook = await readXlsx(file.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Financial report',
      'Expenditure summary',
      'List of expenditure',
    ]);

    const sheet = workbook.getWorksheet('Financial report')!;
    const rows = sheetRows(sheet);
    // Six months of a two-year grant: the semi-annual report.
    expect(rows[0]?.[0]).toBe('Semi-annual financial report');
    expect(rows[0]).toContain('Currency: EUR');
    expect(rows.slice(1, 8).map((r) => r[0])).toEqual([
      'Organisation',
      'Grant',
      "Funder's grant reference",
      'Funder',
      'Reporting period',
      'Grant currency',
      'Exchange-rate method',
    ]);
    const headerIndex = rows.findIndex((r) => r[0] === 'Code');
    expect(rows[headerIndex]).toEqual([
      'Code',
      'Budget heading',
      'Original budget (EUR)',
      'Revised budget (EUR)',
      'Current budget (EUR)',
      'Spent this period (EUR)',
      'Spent to date (EUR)',
      'Variance (EUR)',
      'Variance %',
      'Explanation required',
      'Explanation',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerIndex + 1 });
    expect(sheet.getRow(headerIndex + 1).getCell(1).font?.bold).toBe(true);

    const domain = euFinancialRows(content.finance.lines, euTimingOf(content));
    const lines = rows.slice(headerIndex + 1, headerIndex + 1 + domain.length);
    lines.forEach((row, i) => {
      const [code, heading, original, revised, budget, period, spent, variance, percent, mark] = row as [
        string,
        string,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        string | undefined,
      ];
      const d = domain[i]!;
      expect(code).toBe(d.code);
      expect(heading).toBe(d.heading);
      expect(original).toBe(d.originalBudgetMinor / 100);
      expect(revised).toBe(d.revisedBudgetMinor / 100);
      expect(budget).toBe(d.budgetMinor / 100);
      expect(period).toBe(d.spentPeriodMinor / 100);
      expect(spent).toBe(d.spentMinor / 100);
      expect(variance).toBeCloseTo(spent - budget, 2);
      expect(percent).toBeCloseTo((spent - budget) / budget, 6);
      expect(mark === 'Yes').toBe(d.needsExplanation);
    });
    expect(lines.map((r) => [r[5], r[6]])).toEqual([
      [3_500, 6_000],
      [2_000.5, 4_500.5],
      [1_825, 1_825],
    ]);
    expect(lines.map((r) => r[7])).toEqual([-18_000, -3_499.5, 325]);
    expect(lines.map((r) => r.slice(2, 5))).toEqual([
      [26_000, 25_000, 24_000],
      [6_000, 7_000, 8_000],
      [1_500, 1_500, 1_500],
    ]);
    // The explanation saved with the pack is printed; a line that needs one and has none is
    // highlighted with a note; one that has it is not.
    expect(lines.map((r) => r[10])).toEqual([
      undefined,
      undefined,
      'A second run of hotline cards: the first ran out in May.',
    ]);
    // Six months into a two-year grant a quarter of each budget is the plan: staff (6,000 of
    // 24,000) is on plan and needs no explanation, though 75 % of its budget is unspent.
    expect(domain.map((d) => d.needsExplanation)).toEqual([false, true, true]);
    expect(lines.map((_, i) => sheet.getCell(headerIndex + 2 + i, 11).note !== undefined)).toEqual([
      false,
      true,
      false,
    ]);

    const totals = rows[headerIndex + 1 + domain.length]!;
    expect(totals.slice(0, 1)).toEqual(['Total']);
    expect(totals.slice(2, 8)).toEqual([33_500, 33_500, 33_500, 7_325.5, 12_325.5, -21_174.5]);
    expect(totals[8]).toBeCloseTo(-21_174.5 / 33_500, 6);

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

  it('states the exchange-rate method in the report’s language', async () => {
    const method = async (sources: { same: number; table: number; typed: number }, locale = 'en' as const) => {
      const content = { ...packContent(), locale };
      content.finance = { ...content.finance, rateSources: sources };
      const rows = sheetRows((await readXlsx((await renderReport(content, 'eu')).bytes)).worksheets[0]!);
      return rows.find((r) => r[0] === 'Exchange-rate method' || r[0] === 'Метод за девизен курс')?.[1];
    };
    expect(await method({ same: 2, table: 1, typed: 1 })).toBe(
      'Spending in other currencies is converted to EUR at the rate of the payment where one was entered with it (1 payments), otherwise at the organisation’s rate table on or before the date of the payment (1 payments). The rate used for each payment is given in the list of expenditure.',
    );
    expect(await method({ same: 0, table: 4, typed: 0 })).toMatch(
      /^Spending in other currencies .* rate table, at the rate on or before the date of each payment\./,
    );
    expect(await method({ same: 3, table: 0, typed: 0 })).toBe('All spending was in EUR: no conversion was needed.');
    const mk = await renderReport({ ...packContent(), locale: 'mk' }, 'eu');
    const mkRows = sheetRows((await readXlsx(mk.bytes)).worksheets[0]!);
    expect(mkRows[0]?.[0]).toBe('Полугодишен финансиски извештај');
    expect(mkRows.find((r) => r[0] === 'Метод за девизен курс')?.[1]).toMatch(/^Трошоците во други валути/);
  });

  it('attaches the period’s list of expenditure, with rates said the natural way and a total', async () => {
    const content = packContent();
    const workbook = await readXlsx((await renderReport(content, 'eu')).bytes);
    const rows = sheetRows(workbook.getWorksheet('List of expenditure')!);
    expect(rows[0]).toEqual([
      'Date',
      'Budget line',
      'Payee',
      'Description',
      'Amount paid',
      'Currency paid',
      'Exchange rate',
      'Rate from',
      'Amount (EUR)',
      'Receipt reference',
    ]);
    expect(rows.slice(1, 5)).toEqual([
      [
        '2025-02-10',
        '2.1',
        'Hotel Bristol Skopje',
        'Hall and catering, weeks 1–4',
        12_300,
        'MKD',
        '1 EUR = 61.5 MKD',
        'rate table',
        200,
        'F-1187',
      ],
      [
        '2025-03-25',
        '1.1',
        'Outreach coordinator (salary)',
        'Monthly salary, March',
        600,
        'EUR',
        undefined,
        'same currency',
        600,
        'PAY-3',
      ],
      [
        '2025-05-20',
        '3.1',
        'Печатница Скопје',
        '=SUM(A1) brochures, second run',
        30_750,
        'MKD',
        expect.stringMatching(/^1 EUR = 61\.349\d* MKD$/),
        'the payment',
        501.23,
      ],
      [
        '2025-06-30',
        '1.1',
        'Outreach coordinator (salary)',
        'Monthly salary, June',
        600,
        'EUR',
        undefined,
        'same currency',
        600,
        'PAY-6',
      ],
    ]);
    expect(rows[5]?.[0]).toBe('Total');
    expect(rows[5]?.[8]).toBeCloseTo(200 + 600 + 501.23 + 600, 2);
    // A formula typed into a description stays text: exceljs writes strings, never formulas.
    expect(workbook.getWorksheet('List of expenditure')!.getCell(4, 4).formula).toBeUndefined();
  });

  it('says the ledger details were withheld from a reader without access to the ledger', async () => {
    const content = packContent();
    content.finance.expenditures = content.finance.expenditures!.map((e) => ({
      ...e,
      payee: null,
      description: null,
      receiptReference: null,
    }));
    const rows = sheetRows(
      (await readXlsx((await renderReport(content, 'eu')).bytes)).getWorksheet('List of expenditure')!,
    );
    expect(rows[1]).toEqual([
      '2025-02-10',
      '2.1',
      undefined,
      undefined,
      12_300,
      'MKD',
      '1 EUR = 61.5 MKD',
      'rate table',
      200,
    ]);
    expect(rows.flat()).toContain(
      'Payees, descriptions and receipt references are shown to finance staff and administrators only.',
    );
  });

  it('renders an empty period with every line fully unspent and an empty list that says so', async () => {
    const workbook = await readXlsx((await renderReport(emptyContent(), 'eu')).bytes);
    const rows = sheetRows(workbook.worksheets[0]!);
    const headerIndex = rows.findIndex((r) => r[0] === 'Code');
    expect(rows.slice(headerIndex + 1, headerIndex + 4).map((r) => [r[5], r[6], r[7]])).toEqual([
      [0, 0, -24_000],
      [0, 0, -8_000],
      [0, 0, -1_500],
    ]);
    expect(rows.find((r) => r[0] === 'Exchange-rate method')?.[1]).toBe(
      'All spending was in EUR: no conversion was needed.',
    );
    expect(sheetRows(workbook.getWorksheet('List of expenditure')!).flat()).toContain('No expenditure in this period.');
  });

  it('renders a pack frozen before issue 11: one budget in all three, no rate sentence, no list, nothing explained', async () => {
    const workbook = await readXlsx((await renderReport(legacyContent(), 'eu')).bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Financial report', 'Expenditure summary']);
    const rows = sheetRows(workbook.worksheets[0]!);
    expect(rows.map((r) => r[0])).not.toContain('Exchange-rate method');
    const headerIndex = rows.findIndex((r) => r[0] === 'Code');
    expect(rows.slice(headerIndex + 1, headerIndex + 4).map((r) => r.slice(2, 5))).toEqual([
      [24_000, 24_000, 24_000],
      [8_000, 8_000, 8_000],
      [1_500, 1_500, 1_500],
    ]);
    expect(rows.slice(headerIndex + 1, headerIndex + 4).map((r) => r[10])).toEqual([undefined, undefined, undefined]);
  });

  it('names the type after the period: final for the grant’s last period, interim for eight months', async () => {
    const title = async (period: { from: string; to: string }) => {
      const content = { ...packContent(), period };
      return sheetRows((await readXlsx((await renderReport(content, 'eu')).bytes)).worksheets[0]!)[0]?.[0];
    };
    expect(await title({ from: '2026-07-01', to: '2026-12-31' })).toBe('Final financial report');
    expect(await title({ from: '2025-01-01', to: '2025-08-31' })).toBe('Interim financial report');
    expect(await title({ from: '2025-04-01', to: '2025-06-30' })).toBe('Quarterly financial report');
    expect(await title({ from: '2025-01-01', to: '2025-12-31' })).toBe('Annual financial report');
  });
});
