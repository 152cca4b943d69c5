import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBudgetVsActual } from './budget-vs-actual';
import { moneyAlarms, overBudgetBy } from './money-alarms';

const grant = { currency: 'USD', startDate: '2026-01-01', endDate: '2026-12-31' };
const line = (code: string, budgetMinor: number, spentMinor: number) => ({
  budgetLineId: `id-${code}`,
  code,
  category: code,
  budgetMinor,
  spentMinor,
  spentBaseMinor: 0,
  unconvertedCount: 0,
});

describe('moneyAlarms', () => {
  it('raises the wrong-way rate of the issue: $135,000 spent on a $24,000 grant', () => {
    const report = computeBudgetVsActual({
      grant,
      baseCurrency: 'MKD',
      lines: [line('1', 2_400_000, 13_500_000), line('2', 0, 0)],
      received: { grantMinor: 1_000_000, baseMinor: 54_000_000 },
      spentConverted: { grantMinor: 0, baseMinor: 0 },
      today: '2026-06-01',
    });
    expect(moneyAlarms(report, 2_400_000)).toEqual([
      { kind: 'lineOverspent', budgetLineId: 'id-1', code: '1', overMinor: 11_100_000 },
      { kind: 'grantOverspent', overMinor: 11_100_000 },
      { kind: 'overAward', overMinor: 11_100_000 },
      { kind: 'negativeCash', overMinor: 12_500_000 },
    ]);
  });

  it('is silent exactly at the budget and raises one minor unit past it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1 }), (budget, past) => {
        const report = computeBudgetVsActual({
          grant,
          baseCurrency: 'USD',
          lines: [line('1', budget, budget + past)],
          received: { grantMinor: budget + past, baseMinor: budget + past },
          spentConverted: { grantMinor: budget + past, baseMinor: budget + past },
          today: '2026-06-01',
        });
        const kinds = moneyAlarms(report, budget).map((a) => a.kind);
        expect(kinds).toEqual(past === 1 ? ['lineOverspent', 'grantOverspent', 'overAward'] : []);
      }),
    );
  });
});

describe('overBudgetBy', () => {
  it('says how far a new or larger expenditure takes its line past the budget, and nothing otherwise', () => {
    expect(overBudgetBy({ budgetMinor: 1000, spentMinor: 900 }, 100)).toBeNull();
    expect(overBudgetBy({ budgetMinor: 1000, spentMinor: 900 }, 101)).toBe(1);
    // An edit that lowers an expenditure on a line already over is no new overspending.
    expect(overBudgetBy({ budgetMinor: 1000, spentMinor: 1500 }, 400, 600)).toBeNull();
    expect(overBudgetBy({ budgetMinor: 1000, spentMinor: 1500 }, 700, 600)).toBe(600);
  });
});
