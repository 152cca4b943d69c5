import { elapsedShare } from './dates';
import { computeExchangeDifference, type ExchangeDifference } from './exchange-differences';

/** Per-line sums as the database adds them up (one query, never the whole ledger in memory). */
export interface LineTotals {
  budgetLineId: string;
  code: string;
  category: string;
  budgetMinor: number;
  spentMinor: number;
  /** Sum of the base-currency amounts that are known. */
  spentBaseMinor: number;
  /** Expenditures on this line without a base-currency amount (no rate known). */
  unconvertedCount: number;
}

export interface LineResult extends LineTotals {
  remainingMinor: number;
  /** spent / budget; null for a line with no budget. */
  spentShare: number | null;
  overspent: boolean;
}

export interface BudgetVsActual {
  currency: string;
  baseCurrency: string;
  lines: LineResult[];
  total: Omit<LineResult, 'budgetLineId' | 'code' | 'category'>;
  /** Share of the grant period elapsed today (0–1). */
  elapsedShare: number;
  /** spent share ÷ elapsed share: above 1 spends faster than time passes. Null before the start. */
  burnRatio: number | null;
  cash: {
    receivedMinor: number;
    receivedBaseMinor: number;
    spentMinor: number;
    spentBaseMinor: number;
    onHandMinor: number;
    onHandBaseMinor: number;
  };
  /**
   * The realised exchange difference and the reconciliation of cash on hand (ADR 0016); null
   * before any money arrives.
   */
  exchange: ExchangeDifference | null;
}

function withShares<T extends { budgetMinor: number; spentMinor: number }>(row: T) {
  return {
    ...row,
    remainingMinor: row.budgetMinor - row.spentMinor,
    spentShare: row.budgetMinor > 0 ? row.spentMinor / row.budgetMinor : null,
    overspent: row.spentMinor > row.budgetMinor,
  };
}

/**
 * Budget against actual for one grant: per line and in total, the share spent against the share
 * of the grant period elapsed (burn rate), and cash received against spent (cash on hand), in the
 * grant currency with the organisation's base currency beside it.
 */
export function computeBudgetVsActual(input: {
  grant: { currency: string; startDate: string; endDate: string };
  baseCurrency: string;
  lines: readonly LineTotals[];
  received: { grantMinor: number; baseMinor: number };
  /** Spending whose base-currency amount is known, in both currencies. */
  spentConverted: { grantMinor: number; baseMinor: number };
  today: string;
}): BudgetVsActual {
  const lines = input.lines.map(withShares);
  const sum = (pick: (l: LineTotals) => number) => input.lines.reduce((a, l) => a + pick(l), 0);
  const total = withShares({
    budgetMinor: sum((l) => l.budgetMinor),
    spentMinor: sum((l) => l.spentMinor),
    spentBaseMinor: sum((l) => l.spentBaseMinor),
    unconvertedCount: sum((l) => l.unconvertedCount),
  });
  const elapsed = elapsedShare(input.grant.startDate, input.grant.endDate, input.today);
  return {
    currency: input.grant.currency,
    baseCurrency: input.baseCurrency,
    lines,
    total,
    elapsedShare: elapsed,
    burnRatio: elapsed > 0 && total.spentShare !== null ? total.spentShare / elapsed : null,
    cash: {
      receivedMinor: input.received.grantMinor,
      receivedBaseMinor: input.received.baseMinor,
      spentMinor: total.spentMinor,
      spentBaseMinor: total.spentBaseMinor,
      onHandMinor: input.received.grantMinor - total.spentMinor,
      onHandBaseMinor: input.received.baseMinor - total.spentBaseMinor,
    },
    exchange: computeExchangeDifference({
      grantCurrency: input.grant.currency,
      baseCurrency: input.baseCurrency,
      received: input.received,
      spent: { grantMinor: total.spentMinor },
      spentConverted: input.spentConverted,
    }),
  };
}
