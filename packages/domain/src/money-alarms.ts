import type { BudgetVsActual } from './budget-vs-actual';

/**
 * What must stop a finance officer (issue 11 item 4): a budget line spent past its budget, a
 * grant spent past its budget or its award (remaining below zero), and more spent than received
 * (cash on hand below zero). Amounts are in the grant's currency, `overMinor` always positive.
 */
export type MoneyAlarm =
  | { kind: 'lineOverspent'; budgetLineId: string; code: string; overMinor: number }
  | { kind: 'grantOverspent'; overMinor: number }
  | { kind: 'overAward'; overMinor: number }
  | { kind: 'negativeCash'; overMinor: number };

export function moneyAlarms(report: BudgetVsActual, awardMinor: number): MoneyAlarm[] {
  const alarms: MoneyAlarm[] = [];
  for (const line of report.lines) {
    if (line.spentMinor > line.budgetMinor) {
      alarms.push({
        kind: 'lineOverspent',
        budgetLineId: line.budgetLineId,
        code: line.code,
        overMinor: line.spentMinor - line.budgetMinor,
      });
    }
  }
  if (report.total.spentMinor > report.total.budgetMinor) {
    alarms.push({ kind: 'grantOverspent', overMinor: report.total.spentMinor - report.total.budgetMinor });
  }
  if (report.total.spentMinor > awardMinor) {
    alarms.push({ kind: 'overAward', overMinor: report.total.spentMinor - awardMinor });
  }
  if (report.cash.onHandMinor < 0) alarms.push({ kind: 'negativeCash', overMinor: -report.cash.onHandMinor });
  return alarms;
}

/**
 * Whether an expenditure of `amountMinor` (grant currency) on a line takes it past its budget:
 * the amount over, or null. `previousMinor` is what this expenditure counted before an edit.
 */
export function overBudgetBy(
  line: { budgetMinor: number; spentMinor: number },
  amountMinor: number,
  previousMinor = 0,
): number | null {
  const after = line.spentMinor - previousMinor + amountMinor;
  return after > line.budgetMinor && amountMinor > previousMinor ? after - line.budgetMinor : null;
}
