import { describe, expect, it } from 'vitest';
import { budgetViewConflicts } from './budget-revision';
import type { BudgetLine } from './grants';

function line(id: string, code: string, amountMinor: number, version = 1): BudgetLine {
  return {
    id,
    grantId: 'g',
    code,
    category: 'c',
    description: null,
    originalAmountMinor: amountMinor,
    amountMinor,
    version,
  };
}

const seen = (l: BudgetLine, amountMinor = l.amountMinor) => ({
  budgetLineId: l.id,
  version: l.version,
  amountBeforeMinor: l.amountMinor,
  amountMinor,
});

describe('a budget revision against the budget as seen', () => {
  const a = line('a', '1', 100);
  const b = line('b', '2', 50);

  it('finds nothing when every line is as it was', () => {
    expect(budgetViewConflicts([seen(a, 80), seen(b, 70)], [a, b])).toEqual({});
  });

  it('names a line whose amount moved, one only edited, one deleted and one added', () => {
    const c = line('c', '3', 5);
    const view = [seen(a), seen(b), seen(c)];
    const now = [{ ...a, amountMinor: 90, version: 2 }, { ...b, version: 2 }, line('d', '4', 10)];
    expect(budgetViewConflicts(view, now)).toEqual({
      'lines.0.amountMinor': ['validation.budgetLineChanged?code=1&before=100&now=90'],
      'lines.1.amountMinor': ['validation.budgetLineEdited?code=2'],
      'lines.2.budgetLineId': ['validation.budgetLineRemoved'],
      lines: ['validation.budgetLineAdded?code=4&now=10'],
    });
  });

  it('counts an amount seen that differs from the line’s as a change, whatever the version says', () => {
    expect(Object.keys(budgetViewConflicts([{ ...seen(a), amountBeforeMinor: 99 }], [a]))).toEqual([
      'lines.0.amountMinor',
    ]);
  });
});
