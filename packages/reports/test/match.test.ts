import { matchSummary, type ReportPackContent, sf425Lines } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src';
import { federalContent, packContent } from './fixture';
import { pdfText, readXlsx, sheetRows, unzipCsv } from './read';

/** Cost share and match in the funders' financial reports: SF-425 line 10 i–k, EU co-financing. */

/** The pack with €600 in cash and €1,450.50 in kind this period, of €3,000 required (€2,400.50 to date). */
function withMatch(c: ReportPackContent): ReportPackContent {
  return {
    ...c,
    grant: { ...c.grant, costShareMinor: 300_000 },
    finance: {
      ...c.finance,
      match: {
        period: { cashMinor: 60_000, inKindMinor: 145_050, contributedMinor: 205_050 },
        toDate: matchSummary(300_000, { cashMinor: 95_000, inKindMinor: 145_050 }),
      },
    },
  };
}

describe('co-financing in the EU-style report', () => {
  it('shows required, cash and in kind, contributed, remaining and % met, for the period and cumulatively', async () => {
    const workbook = await readXlsx((await renderReport(withMatch(packContent()), 'eu')).bytes);
    const summary = sheetRows(workbook.getWorksheet('Expenditure summary')!);
    const title = summary.findIndex((r) => r[0] === 'Co-financing (cost share and match)');
    expect(title).toBeGreaterThan(0);
    expect(summary[title + 1]).toEqual(['Item', 'This period, in EUR', 'Cumulative, in EUR']);
    expect(summary.slice(title + 2, title + 7)).toEqual([
      ['Required co-financing', undefined, 3_000],
      ['Contributed in cash', 600, 950],
      ['Contributed in kind', 1_450.5, 1_450.5],
      ['Total contributed', 2_050.5, 2_400.5],
      ['Remaining to be provided', undefined, 599.5],
    ]);
    const met = summary[title + 7]!;
    expect(met[0]).toBe('Share of the required co-financing met');
    expect(met[2]).toBeCloseTo(2_400.5 / 3_000, 10);
    // The tranches still follow.
    expect(summary).toContainEqual(['2025-01-15', 24_000, '2025-01-20', 24_000, 1_476_000]);
  });

  it('labels the table in the reader’s language', async () => {
    const workbook = await readXlsx((await renderReport({ ...withMatch(packContent()), locale: 'mk' }, 'eu')).bytes);
    const rows = sheetRows(workbook.worksheets[1]!);
    expect(rows).toContainEqual(['Придонес во натура', 1_450.5, 1_450.5]);
  });

  it('still renders a pack frozen before match was kept, without the table', async () => {
    const legacy = packContent();
    expect(legacy.finance.match).toBeUndefined();
    const workbook = await readXlsx((await renderReport(legacy, 'eu')).bytes);
    const summary = sheetRows(workbook.getWorksheet('Expenditure summary')!);
    expect(summary.some((r) => r[0] === 'Co-financing (cost share and match)')).toBe(false);
    expect(summary).toContainEqual(['Received', 24_000, 1_476_000]);
  });
});

describe('co-financing in the report pack', () => {
  it('is a table of the CSV zip, the spreadsheet’s finance sheet and the PDF', async () => {
    const c = withMatch(packContent());
    const csv = unzipCsv((await renderReport(c, 'csv')).bytes, ',');
    expect(csv['co-financing.csv']?.rows).toEqual([
      ['Item', 'This period, in EUR', 'Cumulative, in EUR'],
      ['Required co-financing', '', '3000.00'],
      ['Contributed in cash', '600.00', '950.00'],
      ['Contributed in kind', '1450.50', '1450.50'],
      ['Total contributed', '2050.50', '2400.50'],
      ['Remaining to be provided', '', '599.50'],
      ['Share of the required co-financing met', '', expect.stringMatching(/^80\.0/)],
    ]);
    const finance = sheetRows((await readXlsx((await renderReport(c, 'xlsx')).bytes)).getWorksheet('Finance')!);
    expect(finance).toContainEqual(['Total contributed', 2_050.5, 2_400.5]);
    const { text } = await pdfText((await renderReport(c, 'pdf')).bytes);
    expect(text).toContain('Co-financing (cost share and match)');
    expect(text).toContain('Contributed in kind 1,450.50 1,450.50 Total contributed 2,050.50 2,400.50');
  });

  it('leaves the table out of a pack frozen before match was kept', async () => {
    const csv = unzipCsv((await renderReport(packContent(), 'csv')).bytes, ',');
    expect(Object.keys(csv)).not.toContain('co-financing.csv');
  });
});

describe('SF-425 recipient share', () => {
  it('prints line 10 i–k from the required match and the contributions to date: k = i − j', async () => {
    const base = federalContent();
    const c = withMatch(base);
    const toDate = c.finance.match!.toDate;
    const lines = sf425Lines({
      cashReceiptsMinor: 2_500_000,
      cashDisbursementsMinor: 1_873_412,
      authorisedMinor: 5_000_000,
      federalExpendituresMinor: 1_873_412,
      unliquidatedObligationsMinor: 0,
      costShareRequiredMinor: toDate.requiredMinor,
      recipientExpendituresMinor: toDate.contributedMinor,
      programIncomeEarnedMinor: 0,
      programIncomeDeductionMinor: 0,
      programIncomeAdditionMinor: 0,
    });
    const { text } = await pdfText((await renderReport({ ...c, sf425: { ...base.sf425!, lines } }, 'sf425')).bytes);
    expect(text).toContain('10i Total recipient share required $3,000.00');
    expect(text).toContain('10j Recipient share of expenditures $2,400.50');
    expect(text).toContain('10k Remaining recipient share to be provided = i − j $599.50');
  });
});
