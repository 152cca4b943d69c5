import { daysBetween } from './dates';
import { budgetsOf, type PackFinanceLine } from './report-pack';

// The EU-style financial report's budget headings: this period, to date, variance and the lines
// needing an explanation.

export interface EuFinancialRow {
  code: string;
  heading: string;
  originalBudgetMinor: number;
  revisedBudgetMinor: number;
  /** The current budget, which variance is measured against. */
  budgetMinor: number;
  /**
   * The share of the budget planned to be spent by the end of the period, the budget spread
   * evenly over the grant's days (the whole budget in a final report, or without timing).
   */
  plannedToDateMinor: number;
  /** Spent in the report's period. */
  spentPeriodMinor: number;
  /** Spent from the start of the grant to the end of the period: what variance is measured on. */
  spentMinor: number;
  varianceMinor: number;
  variancePercent: number | null;
  /**
   * A line needs an explanation when spending to date is more than the tolerance away from what
   * was planned by then: in an interim report a line a third spent a third of the way through is
   * on plan, not 67 % under budget; in the final report the plan is the whole budget.
   */
  needsExplanation: boolean;
}

/** When a report falls in its grant: the plan to date grows with the days elapsed. */
export interface EuReportTiming {
  startDate: string;
  endDate: string;
  periodTo: string;
}

/** The budget spread evenly over the grant's days, up to and including `periodTo`, exactly. */
export function plannedToDateMinor(budgetMinor: number, timing: EuReportTiming | undefined): number {
  if (!timing || timing.periodTo >= timing.endDate) return budgetMinor;
  if (timing.periodTo < timing.startDate) return 0;
  const total = BigInt(daysBetween(timing.startDate, timing.endDate) + 1);
  const elapsed = BigInt(daysBetween(timing.startDate, timing.periodTo) + 1);
  // Rounded half up, in integers: budgets reach 10^13 minor units, days 10^4.
  return Number((BigInt(budgetMinor) * elapsed * 2n + total) / (total * 2n));
}

/**
 * Budget headings with spending this period and to date, variance (spent to date − budget) and
 * the lines needing an explanation against the plan to date, in the grant currency.
 */
export function euFinancialRows(
  lines: readonly (Pick<PackFinanceLine, 'originalBudgetMinor' | 'revisedBudgetMinor'> & {
    code: string;
    category: string;
    budgetMinor: number;
    spentPeriodMinor?: number;
    spentToDateMinor: number;
  })[],
  timing?: EuReportTiming,
  tolerancePercent = 10,
): EuFinancialRow[] {
  return lines.map((l) => {
    const varianceMinor = l.spentToDateMinor - l.budgetMinor;
    const variancePercent = l.budgetMinor > 0 ? (varianceMinor / l.budgetMinor) * 100 : null;
    const planned = plannedToDateMinor(l.budgetMinor, timing);
    const offPlan = l.spentToDateMinor - planned;
    const budgets = budgetsOf(l);
    return {
      code: l.code,
      heading: l.category,
      originalBudgetMinor: budgets.originalMinor,
      revisedBudgetMinor: budgets.revisedMinor,
      budgetMinor: l.budgetMinor,
      plannedToDateMinor: planned,
      spentPeriodMinor: l.spentPeriodMinor ?? 0,
      spentMinor: l.spentToDateMinor,
      varianceMinor,
      variancePercent,
      needsExplanation: planned > 0 ? Math.abs(offPlan) * 100 > tolerancePercent * planned : l.spentToDateMinor > 0,
    };
  });
}

/** The timing of a pack's EU report: its grant's dates and the period's end. */
export function euTimingOf(content: {
  grant: { startDate: string; endDate: string };
  period: { to: string };
}): EuReportTiming {
  return { startDate: content.grant.startDate, endDate: content.grant.endDate, periodTo: content.period.to };
}
