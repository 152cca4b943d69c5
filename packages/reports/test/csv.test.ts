import { formatMinorPlain, type Shown, suppressedMark } from '@tessera/domain';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { neutralise, renderReport } from '../src';
import { cyrillicNarrative, emptyContent, legacyContent, macedonianContent, packContent } from './fixture';
import { unzipCsv } from './read';

const expected = (shown: Shown) => (shown.suppressed ? suppressedMark : String(shown.value));
const files = [
  'activities.csv',
  'cash.csv',
  'cover.csv',
  'finance.csv',
  'head-counts.csv',
  'indicators.csv',
  'narrative.csv',
  'outputs.csv',
  'reach-ageBand.csv',
  'reach-city.csv',
  'reach-gender.csv',
  'reach-totals.csv',
  'tranches.csv',
];

describe('CSV zip', () => {
  it('holds one UTF-8 CSV with a BOM per table', async () => {
    const progress: number[] = [];
    const file = await renderReport(packContent(), 'csv', { onProgress: (done) => progress.push(done) });
    expect(file.fileName).toBe('OSF-2025-017-2025-01-01-2025-06-30.zip');
    expect(file.contentType).toBe('application/zip');
    const raw = unzipSync(file.bytes);
    expect(Object.keys(raw).sort()).toEqual(files);
    for (const data of Object.values(raw)) expect([...data.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(progress.at(-1)).toBe(files.length + 1);
  });

  it('writes the figures of the pack, "x" for suppressed counts, with "," in English', async () => {
    const content = packContent();
    const csv = unzipCsv((await renderReport(content, 'csv')).bytes, ',');

    const activities = csv['activities.csv']!.rows;
    expect(activities[0]?.[0]).toBe('Reference');
    expect(activities[1]).toEqual([
      'TR-01',
      'Digital safety training',
      'Training',
      'Safety first',
      'Skopje',
      '2025-02-01',
      '2025-03-15',
      '6',
      '18',
      '23',
      '112.5',
      '19',
      '0',
    ]);
    // Text that a spreadsheet would run gets an apostrophe; "x" and numbers are left alone.
    expect(activities[2]?.[1]).toBe("'@night outreach");
    expect(activities[2]?.slice(7)).toEqual(['4', '12.5', 'x', 'x', '0', '64']);
    expect(csv['outputs.csv']!.rows[2]?.[0]).toBe("'@night outreach");

    const narrative = csv['narrative.csv']!.rows;
    expect(narrative).toHaveLength(8);
    expect(narrative[2]).toEqual(['Progress against objectives', cyrillicNarrative]);
    expect(narrative[4]?.[1]).toBe(`'${content.pack.narrative[2]?.body}`);
    expect(narrative[3]).toEqual(['Progress towards outcomes', '']);

    const finance = csv['finance.csv']!.rows;
    expect(finance[1]).toEqual([
      '1.1',
      'Staff',
      'Coordinator and outreach workers',
      '26000.00',
      '25000.00',
      '24000.00',
      '6000.00',
      '6000.00',
      '369000.00',
      '18000.00',
      '-18000.00',
      '-75',
    ]);
    // Negative amounts stay numbers, not neutralised text.
    expect(finance[3]?.[9]).toBe('-325.00');
    const total = content.finance.total;
    expect(finance[4]?.slice(0, 1)).toEqual(['Total']);
    expect(finance[4]?.slice(3, 11)).toEqual(
      [
        total.originalBudgetMinor!,
        total.revisedBudgetMinor!,
        total.budgetMinor,
        total.spentPeriodMinor,
        total.spentToDateMinor,
        total.spentToDateBaseMinor,
        total.remainingMinor,
        total.varianceMinor,
      ].map((minor, i) => formatMinorPlain(minor, i === 5 ? 'MKD' : 'EUR')),
    );
    for (let c = 3; c < 11; c += 1) {
      const sum = finance.slice(1, 4).reduce((s, r) => s + Number(r[c]), 0);
      expect(Number(finance[4]?.[c])).toBeCloseTo(sum, 2);
    }

    const heads = content.reach.headCounts;
    const headRows = csv['head-counts.csv']!.rows;
    heads.cells.forEach((cells, g) => {
      expect(headRows[g + 1]?.slice(1)).toEqual([...cells.map(expected), expected(heads.genderTotals[g]!)]);
    });
    expect(headRows.at(-1)).toEqual(['Total', ...heads.ageBandTotals.map(expected), '64']);

    expect(csv['reach-gender.csv']!.rows).toEqual([
      ['Gender', 'Unique participants', 'Participant hours', 'Completions'],
      ['Woman', '17', '85', '13'],
      ['Trans woman', 'x', 'x', 'x'],
      ['Man', 'x', 'x', 'x'],
      ['Total', '26', '125', '19'],
    ]);
    expect(csv['reach-totals.csv']!.rows[1]).toEqual(['Unique participants', '26']);

    const indicators = csv['indicators.csv']!.rows;
    const header = indicators[0]!;
    const op12 = indicators.find((r) => r[header.indexOf('Code')] === 'OP1.2')!;
    expect(op12[header.indexOf('Actual')]).toBe('x');
    expect(op12[header.indexOf('Cumulative')]).toBe('14');
    expect(csv['cash.csv']!.rows.at(-1)).toEqual(['Cash on hand', '11674.50', '717981.75']);
    expect(csv['tranches.csv']!.rows[2]).toEqual(['2025-07-15', '14400.00', 'Not yet', '', '']);
    expect(csv['cover.csv']!.rows).toContainEqual(["Funder's grant reference", 'OSF-2025/017']);
  });

  it('uses ";" and decimal commas for Macedonian, with Cyrillic headers', async () => {
    const csv = unzipCsv((await renderReport(macedonianContent(), 'csv')).bytes, ';');
    expect(csv['finance.csv']!.raw.split('\r\n')[0]).toContain('Шифра;Категорија;Опис;Првичен буџет (EUR)');
    const finance = csv['finance.csv']!.rows;
    expect(finance[1]?.slice(3)).toEqual([
      '26000,00',
      '25000,00',
      '24000,00',
      '6000,00',
      '6000,00',
      '369000,00',
      '18000,00',
      '-18000,00',
      '-75',
    ]);
    expect(finance[2]?.[11]).toBe('-43,74');
    expect(csv['activities.csv']!.rows[1]?.[10]).toBe('112,5');
    expect(csv['reach-gender.csv']!.rows[2]).toEqual(['Транс жена', 'x', 'x', 'x']);
  });

  it('renders an empty period', async () => {
    const csv = unzipCsv((await renderReport(emptyContent(), 'csv')).bytes, ',');
    expect(csv['activities.csv']!.rows).toHaveLength(1);
    expect(csv['cover.csv']!.rows).toContainEqual([
      'Note',
      'No activity, output or spending was recorded in this period.',
    ]);
    expect(csv['finance.csv']!.rows.at(-1)?.slice(3, 8)).toEqual(['33500.00', '33500.00', '33500.00', '0.00', '0.00']);
  });

  it('neutralises text starting with = + - @ only', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('+38970123456')).toBe("'+38970123456");
    expect(neutralise('-done')).toBe("'-done");
    expect(neutralise('@user')).toBe("'@user");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('Skopje')).toBe('Skopje');
    expect(neutralise('x')).toBe('x');
  });

  it('keeps the list of expenditure out of the pack zip and draws a legacy pack', async () => {
    const tables = unzipCsv((await renderReport(packContent(), 'csv')).bytes, ',');
    const raw = Object.values(tables)
      .map((t) => t.raw)
      .join('\n');
    for (const ledger of ['Hotel Bristol Skopje', 'Печатница Скопје', 'Monthly salary, March', 'PAY-6']) {
      expect(raw).not.toContain(ledger);
    }
    const legacy = unzipCsv((await renderReport(legacyContent(), 'csv')).bytes, ',');
    expect(Object.keys(legacy).sort()).toEqual(Object.keys(tables).sort());
  });
});
