import { type Locale, type ReportPackContent, suppressAlong, suppressedMark, suppressTable } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { csvDialect, renderReport } from '../src';
import { catalogs } from '../src/i18n';
import { federalContent, packContent } from './fixture';
import { pdfText, readXlsx, sheetRows, unzipCsv } from './read';

/**
 * One neutral mark for every hidden figure (REPORTING.md "Small-count suppression"): a cell
 * hidden only to protect another (a real 8) prints exactly as a small one (a real 3), in every
 * file, and every file that can carry the mark says what it means in the reader's language. No
 * file claims a value with "<5".
 */

const locales: readonly Locale[] = ['en', 'mk', 'sv', 'sq'];

/** The footnote as a reader of each language should read it (not taken from the catalogs). */
const footnote: Record<Locale, string> = {
  en: 'x: not shown, to protect people in small groups.',
  mk: 'x: не се прикажува за да се заштитат луѓето во мали групи.',
  sv: 'x: visas inte, för att skydda personer i små grupper.',
  sq: 'x: nuk shfaqet, për të mbrojtur njerëzit në grupe të vogla.',
};

/** Participants by city: Skopje 20, Strumica 3 (small), Tetovo 8 (hidden only as its partner). */
function withPartner(locale: Locale): ReportPackContent {
  const c = packContent();
  const cities = ['Skopje', 'Strumica', 'Tetovo'];
  const people = [20, 3, 8];
  const table = suppressTable(
    people.map((n) => [n]),
    5,
    { rowTotals: false, columnTotals: true },
  );
  const cell = (i: number) => table.cells[i]?.[0] ?? { suppressed: false as const, value: people[i] ?? 0 };
  const total = table.columnTotals?.[0] ?? { suppressed: false as const, value: 31 };
  return {
    ...c,
    locale,
    reach: {
      ...c.reach,
      breakdowns: [
        {
          dimension: 'city',
          rows: cities.map((key, i) => ({
            key,
            participants: cell(i),
            hours: suppressAlong(cell(i), (people[i] ?? 0) * 5),
            completions: suppressAlong(cell(i), people[i] ?? 0),
          })),
          total: { participants: total, hours: suppressAlong(total, 155), completions: suppressAlong(total, 31) },
        },
      ],
    },
  };
}

const noValueClaim = /<\s*\d/;

describe('the neutral mark', () => {
  it('hides the partner of a small count (precondition: 8 is hidden only to protect 3)', () => {
    const table = suppressTable([[20], [3], [8]], 5, { rowTotals: false, columnTotals: true });
    expect(table.cells.map((row) => row[0]?.suppressed)).toEqual([false, true, true]);
  });

  for (const locale of locales) {
    describe(`in ${locale}`, () => {
      it('prints the partner (8) exactly as the small count (3) in the CSV, with the footnote on the cover', async () => {
        const { delimiter } = csvDialect(locale);
        const csv = unzipCsv((await renderReport(withPartner(locale), 'csv')).bytes, delimiter);
        const city = csv['reach-city.csv']?.rows ?? [];
        const row = (key: string) => city.find((r) => r[0] === key)?.slice(1);
        expect(row('Strumica')).toEqual([suppressedMark, suppressedMark, suppressedMark]);
        expect(row('Tetovo')).toEqual([suppressedMark, suppressedMark, suppressedMark]);
        expect(row('Skopje')).toEqual(['20', '100', '20']);
        expect(csv['cover.csv']?.rows.flat()).toContain(footnote[locale]);
        for (const [name, file] of Object.entries(csv)) expect(file.raw, name).not.toMatch(noValueClaim);
      });

      it('prints the partner exactly as the small count in the XLSX, with the footnote under the sheet', async () => {
        const workbook = await readXlsx((await renderReport(withPartner(locale), 'xlsx')).bytes);
        const L = catalogs[locale];
        const reachSheet = workbook.getWorksheet(L.parts.reach);
        if (!reachSheet) throw new Error('no reach sheet');
        const reach = sheetRows(reachSheet);
        const row = (key: string) => reach.find((r) => r[0] === key)?.slice(1);
        expect(row('Strumica')).toEqual([suppressedMark, suppressedMark, suppressedMark]);
        expect(row('Tetovo')).toEqual([suppressedMark, suppressedMark, suppressedMark]);
        expect(row('Skopje')).toEqual([20, 100, 20]);
        expect(reach.flat()).toContain(footnote[locale]);
        const cover = workbook.getWorksheet(L.parts.cover);
        expect(cover && sheetRows(cover).flat()).toContain(footnote[locale]);
        workbook.eachSheet((sheet) => {
          for (const value of sheetRows(sheet).flat()) {
            if (typeof value === 'string') expect(value, sheet.name).not.toMatch(noValueClaim);
          }
        });
      });

      it('prints the partner exactly as the small count in the PDF, with the footnote on every page', async () => {
        const { pages, text } = await pdfText((await renderReport(withPartner(locale), 'pdf')).bytes);
        expect(text).toContain('Strumica x x x');
        expect(text).toContain('Tetovo x x x');
        for (const page of pages) expect(page).toContain(footnote[locale]);
        expect(text).not.toMatch(noValueClaim);
      });

      it('gives the SF-425 and PPR the footnote in English and in the reader’s language', async () => {
        const { pages, text } = await pdfText((await renderReport({ ...federalContent(), locale }, 'sf425')).bytes);
        for (const page of pages) {
          expect(page).toContain(footnote.en);
          expect(page).toContain(footnote[locale]);
        }
        expect(text).not.toMatch(noValueClaim);
      });
    });
  }
});
