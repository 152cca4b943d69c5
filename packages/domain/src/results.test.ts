import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sf425Lines } from './report-pack';
import { euFinancialRows, plannedToDateMinor } from './eu-financial';
import {
  createIndicatorInput,
  cumulativeOf,
  indicatorAchievement,
  manualValue,
  noFilter,
  percentAchieved,
  percentageOf,
  reportPeriodInput,
  targetFor,
} from './results';

describe('% achieved', () => {
  it('measures the way from baseline to target, either direction', () => {
    expect(percentAchieved({ actual: 85, baseline: 30, target: 75, direction: 'increase' })).toBeCloseTo(122.22, 2);
    expect(percentAchieved({ actual: 20, baseline: 40, target: 10, direction: 'decrease' })).toBeCloseTo(66.67, 2);
    expect(percentAchieved({ actual: 5, baseline: 5, target: 5, direction: 'increase' })).toBeNull();
    expect(percentAchieved({ actual: null, baseline: 0, target: 5, direction: 'increase' })).toBeNull();
  });

  it('compares counts that go up with the target directly', () => {
    expect(indicatorAchievement({ type: 'number', direction: 'increase', baseline: 12, actual: 15, target: 20 })).toBe(
      75,
    );
    expect(
      indicatorAchievement({ type: 'number', direction: 'increase', baseline: 0, actual: 3, target: 0 }),
    ).toBeNull();
    expect(
      indicatorAchievement({ type: 'percentage', direction: 'increase', baseline: 30, actual: 75, target: 75 }),
    ).toBe(100);
  });
});

describe('cumulative and period values', () => {
  it('adds counts and recomputes percentages from their parts', () => {
    expect(
      cumulativeOf('number', [
        { value: 3, numerator: null, denominator: null },
        { value: 4.5, numerator: null, denominator: null },
      ]),
    ).toBe(7.5);
    expect(
      cumulativeOf('percentage', [
        { value: null, numerator: 1, denominator: 4 },
        { value: null, numerator: 3, denominator: 4 },
      ]),
    ).toBe(50);
    expect(cumulativeOf('number', [])).toBeNull();
    expect(manualValue({ value: null, numerator: 17, denominator: 20 })).toBe(85);
    expect(percentageOf(1, 0)).toBeNull();
  });

  it('cumulative percentage lies between the smallest and largest period value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.nat(100), extra: fc.nat(100) }), { minLength: 1, maxLength: 12 }),
        (periods) => {
          const values = periods.map(({ n, extra }) => ({ value: null, numerator: n, denominator: n + extra + 1 }));
          const shares = values.map((v) => (v.numerator / v.denominator) * 100);
          const total = cumulativeOf('percentage', values) as number;
          expect(total).toBeGreaterThanOrEqual(Math.min(...shares) - 1e-9);
          expect(total).toBeLessThanOrEqual(Math.max(...shares) + 1e-9);
        },
      ),
    );
  });

  it('finds the target of a period: exact, quarters adding up, or the latest percentage', () => {
    const targets = [
      { periodStart: '2026-01-01', periodEnd: '2026-03-31', target: 5 },
      { periodStart: '2026-04-01', periodEnd: '2026-06-30', target: 7 },
    ];
    expect(targetFor(targets, { from: '2026-01-01', to: '2026-03-31' }, 'number')).toBe(5);
    expect(targetFor(targets, { from: '2026-01-01', to: '2026-12-31' }, 'number')).toBe(12);
    expect(targetFor(targets, { from: '2026-01-01', to: '2026-12-31' }, 'percentage')).toBe(7);
    expect(targetFor(targets, { from: '2027-01-01', to: '2027-12-31' }, 'number')).toBeNull();
  });
});

describe('input rules', () => {
  it('refuses a period that ends before it starts', () => {
    const result = reportPeriodInput.safeParse({ from: '2026-06-30', to: '2026-01-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['to', 'validation.endBeforeStart'],
    ]);
  });

  it('needs exactly one owner and a measure for derived indicators', () => {
    const result = createIndicatorInput.safeParse({
      projectId: 'p',
      grantId: 'g',
      level: 'output',
      resultStatement: null,
      code: 'X',
      name: 'X',
      definition: null,
      unit: 'people',
      type: 'number',
      direction: 'increase',
      baselineValue: null,
      baselineYear: null,
      baselineComment: null,
      lifeTarget: null,
      targets: [],
      dataSource: null,
      collectionMethod: null,
      frequency: null,
      responsible: null,
      disaggregation: ['city', 'city'],
      source: 'derived',
      numerator: null,
      denominator: { measure: 'completions', filter: noFilter },
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['projectId', 'validation.indicatorScope'],
      ['numerator', 'validation.required'],
      ['disaggregation', 'validation.duplicate'],
    ]);
  });
});

describe('SF-425 line 10', () => {
  it('keeps the form’s relations for any ledger', () => {
    const minor = fc.integer({ min: 0, max: 10_000_000_000 });
    fc.assert(
      fc.property(
        minor,
        minor,
        minor,
        minor,
        minor,
        minor,
        minor,
        minor,
        minor,
        minor,
        (a, b, d, e, f, i, j, l, m, n) => {
          const lines = sf425Lines({
            cashReceiptsMinor: a,
            cashDisbursementsMinor: b,
            authorisedMinor: d,
            federalExpendituresMinor: e,
            unliquidatedObligationsMinor: f,
            costShareRequiredMinor: i,
            recipientExpendituresMinor: j,
            programIncomeEarnedMinor: l,
            programIncomeDeductionMinor: m,
            programIncomeAdditionMinor: n,
          });
          expect(lines.c).toBe(a - b);
          expect(lines.g).toBe(e + f);
          expect(lines.h).toBe(d - lines.g);
          expect(lines.k).toBe(i - j);
          expect(lines.o).toBe(l - m - n);
        },
      ),
    );
  });

  it('matches a worked example', () => {
    const lines = sf425Lines({
      cashReceiptsMinor: 1_200_000,
      cashDisbursementsMinor: 1_013_550,
      authorisedMinor: 2_400_000,
      federalExpendituresMinor: 1_013_550,
      unliquidatedObligationsMinor: 0,
      costShareRequiredMinor: 0,
      recipientExpendituresMinor: 0,
      programIncomeEarnedMinor: 0,
      programIncomeDeductionMinor: 0,
      programIncomeAdditionMinor: 0,
    });
    expect(lines).toMatchObject({ c: 186_450, g: 1_013_550, h: 1_386_450, k: 0, o: 0 });
  });
});

describe('EU financial rows', () => {
  it('gives variance as spent − budget and flags lines beyond the tolerance', () => {
    const rows = euFinancialRows([
      { code: '1', category: 'Staff', budgetMinor: 100_000, spentToDateMinor: 115_000 },
      { code: '2', category: 'Travel', budgetMinor: 50_000, spentToDateMinor: 48_000 },
      { code: '3', category: 'Other', budgetMinor: 0, spentToDateMinor: 0 },
    ]);
    expect(rows.map((r) => [r.varianceMinor, r.variancePercent, r.needsExplanation])).toEqual([
      [15_000, 15, true],
      [-2_000, -4, false],
      [0, null, false],
    ]);
  });

  it('measures an interim report against the plan to date, not the whole budget', () => {
    // A year-long grant, reported on after its first quarter (90 of 365 days).
    const timing = { startDate: '2026-01-01', endDate: '2026-12-31', periodTo: '2026-03-31' };
    const rows = euFinancialRows(
      [
        { code: 'on-plan', category: 'Staff', budgetMinor: 365_000, spentToDateMinor: 92_000 },
        { code: 'behind', category: 'Travel', budgetMinor: 365_000, spentToDateMinor: 30_000 },
        { code: 'ahead', category: 'Venues', budgetMinor: 365_000, spentToDateMinor: 200_000 },
        { code: 'unplanned', category: 'Other', budgetMinor: 0, spentToDateMinor: 1 },
      ],
      timing,
    );
    expect(rows.map((r) => [r.code, r.plannedToDateMinor, r.needsExplanation])).toEqual([
      ['on-plan', 90_000, false],
      ['behind', 90_000, true],
      ['ahead', 90_000, true],
      ['unplanned', 0, true],
    ]);
    // Variance stays spent − budget, as the template's column has it.
    expect(rows[0]?.varianceMinor).toBe(92_000 - 365_000);
    // The final report (or a period past the end) plans the whole budget.
    const final = euFinancialRows([{ code: '1', category: 'Staff', budgetMinor: 365_000, spentToDateMinor: 92_000 }], {
      ...timing,
      periodTo: '2026-12-31',
    });
    expect(final[0]).toMatchObject({ plannedToDateMinor: 365_000, needsExplanation: true });
  });

  it('plans exactly, within half a minor unit, for budgets up to the record limit', () => {
    const timing = { startDate: '2026-01-01', endDate: '2026-12-31', periodTo: '2026-07-02' };
    const budget = 9_999_999_999_999;
    const exact = (BigInt(budget) * 183n) / 365n;
    expect(BigInt(plannedToDateMinor(budget, timing)) - exact).toBeLessThanOrEqual(1n);
    expect(plannedToDateMinor(budget, { ...timing, periodTo: '2025-12-31' })).toBe(0);
  });
});
