import { computeExchangeDifference, type ReportPackContent } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src';
import { catalogs } from '../src/i18n';
import { cashTable, financeNotes } from '../src/model';
import { federalContent } from './fixture';
import { pdfText } from './read';

/** The embassy grant: USD 12,000 banked at 53.9, USD 11,500 spent at the table's 54. */
function embassyContent(): ReportPackContent {
  const c = federalContent();
  const received = { grantMinor: 1_200_000, baseMinor: 64_680_000 };
  const spentConverted = { grantMinor: 1_150_000, baseMinor: 62_100_000 };
  return {
    ...c,
    finance: {
      ...c.finance,
      currency: 'USD',
      baseCurrency: 'MKD',
      cash: {
        receivedMinor: received.grantMinor,
        receivedBaseMinor: received.baseMinor,
        spentMinor: spentConverted.grantMinor,
        spentBaseMinor: spentConverted.baseMinor,
        onHandMinor: 50_000,
        onHandBaseMinor: 2_580_000,
      },
      exchange: computeExchangeDifference({
        grantCurrency: 'USD',
        baseCurrency: 'MKD',
        received,
        spent: { grantMinor: spentConverted.grantMinor },
        spentConverted,
      }),
    },
  };
}

const amounts = (row: readonly unknown[]) =>
  row.slice(1).map((cell) => (cell as { kind: string; minor?: number }).minor ?? null);

describe('realised exchange differences in report packs', () => {
  it('reconciles cash on hand in both columns under the cash table, in every language', () => {
    for (const locale of ['en', 'mk', 'sv', 'sq'] as const) {
      const L = catalogs[locale];
      const table = cashTable({ ...embassyContent(), locale }, L);
      expect(table.rows).toHaveLength(6);
      const [books, difference, bank] = table.rows.slice(3);
      expect(amounts(books!)).toEqual([50_000, 2_695_000]);
      expect(amounts(difference!)).toEqual([-2_134, -115_000]);
      expect(amounts(bank!)).toEqual([47_866, 2_580_000]);
      expect(difference![0]).toEqual({ kind: 'text', text: L.cash.loss });
      const rate = locale === 'en' ? '53.9' : '53,9';
      expect((books![0] as { text: string }).text).toContain(`1 USD = ${rate} MKD`);
      expect(financeNotes({ ...embassyContent(), locale }, L).join(' ')).toContain(`1 USD = ${rate} MKD`);
    }
  });

  it('leaves a pack frozen before exchange differences were kept as it was', () => {
    const { exchange: _gone, ...finance } = embassyContent().finance;
    const table = cashTable({ ...embassyContent(), finance }, catalogs.en);
    expect(table.rows).toHaveLength(3);
  });

  it('states the SF-425’s spending at the rate the federal cash came in at, and says so in the remarks', async () => {
    const file = await renderReport(embassyContent(), 'sf425');
    const { text } = await pdfText(file.bytes);
    expect(text).toContain(
      'Expenditures paid in MKD are stated at the rate at which the federal cash was received, 1 USD = 53.9 MKD (weighted average of the receipts): $11,521.34. At the rates used in the books they come to $11,500.00; the realised exchange difference is -$21.34 (a gain is positive).',
    );
  });
});
