import type { Actor, DeadlineState, MoneyAlarm, ReportingDeadline } from '@tessera/domain';
import { addDays, allocateMinor, deadlineState, moneyAlarms, todayIn } from '@tessera/domain';
import { type Executor, type GrantSummary, listDeadlines, listGrants, sumSpendingByMonth } from '@tessera/db';
import { getBudgetVsActual, requireOrganization } from './grants.service';

export interface DashboardDeadline extends ReportingDeadline {
  grantTitle: string;
  grantReference: string | null;
  state: DeadlineState;
}

export interface CurrencyTotals {
  currency: string;
  grants: number;
  awardedMinor: number;
  receivedMinor: number;
  spentMinor: number;
  remainingMinor: number;
}

export interface SpendingPoint {
  month: string;
  spentMinor: number;
  cumulativeSpentMinor: number;
  /** The budget spread evenly over each grant's months, added up: where spending "should" be. */
  cumulativePlannedMinor: number;
}

/** A money alarm of one awarded or active grant (issue 11 item 4). */
export interface DashboardAlarm {
  grantId: string;
  grantTitle: string;
  grantReference: string | null;
  currency: string;
  alarm: MoneyAlarm;
}

export interface FinanceDashboard {
  today: string;
  /** Overspending and negative balances, first thing on the page. */
  alarms: DashboardAlarm[];
  overdue: DashboardDeadline[];
  dueSoon: DashboardDeadline[];
  endingSoon: GrantSummary[];
  totals: CurrencyTotals[];
  spending: { currency: string; points: SpendingPoint[] }[];
}

function monthsBetween(start: string, end: string): string[] {
  const months: string[] = [];
  let [year, month] = start.slice(0, 7).split('-').map(Number) as [number, number];
  const last = end.slice(0, 7);
  for (let guard = 0; guard < 600; guard += 1) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * What finance staff open first: deadlines overdue and due within 30 days, grants ending within
 * 60 days, money by currency for awarded and active grants, and spending month by month against
 * an even spread of the budget.
 */
export async function getFinanceDashboard(db: Executor, actor: Actor, now: Date): Promise<FinanceDashboard> {
  const org = await requireOrganization(db, actor);
  const today = todayIn(org.timeZone, now);
  const grants = await listGrants(db, actor.orgId, { search: '' }, today);
  const byId = new Map(grants.map((g) => [g.id, g]));
  const open = (await listDeadlines(db, actor.orgId, { openOnly: true })).map((d) => ({
    ...d,
    grantTitle: byId.get(d.grantId)?.title ?? '',
    grantReference: byId.get(d.grantId)?.reference ?? null,
    state: deadlineState(d, today),
  }));
  const funded = grants.filter((g) => g.status === 'awarded' || g.status === 'active');

  const totals = new Map<string, CurrencyTotals>();
  for (const g of funded) {
    const t = totals.get(g.currency) ?? {
      currency: g.currency,
      grants: 0,
      awardedMinor: 0,
      receivedMinor: 0,
      spentMinor: 0,
      remainingMinor: 0,
    };
    t.grants += 1;
    t.awardedMinor += g.amountMinor;
    t.receivedMinor += g.receivedMinor;
    t.spentMinor += g.spentMinor;
    t.remainingMinor = t.awardedMinor - t.spentMinor;
    totals.set(g.currency, t);
  }

  const monthly = await sumSpendingByMonth(
    db,
    actor.orgId,
    funded.map((g) => g.id),
  );
  const spending = [...totals.keys()].sort().map((currency) => {
    const inCurrency = funded.filter((g) => g.currency === currency);
    const first = inCurrency.map((g) => g.startDate).sort()[0] ?? today;
    const last =
      inCurrency
        .map((g) => g.endDate)
        .sort()
        .at(-1) ?? today;
    const months = monthsBetween(first, last);
    const planned = new Map<string, number>();
    for (const g of inCurrency) {
      const span = monthsBetween(g.startDate, g.endDate);
      const shares = allocateMinor(
        g.amountMinor,
        span.map(() => 1),
      );
      span.forEach((m, i) => {
        planned.set(m, (planned.get(m) ?? 0) + (shares[i] ?? 0));
      });
    }
    let cumulativeSpent = 0;
    let cumulativePlanned = 0;
    const points = months.map((month) => {
      const spent = monthly
        .filter((r) => r.month === month && byId.get(r.grantId)?.currency === currency)
        .reduce((a, r) => a + r.spentMinor, 0);
      cumulativeSpent += spent;
      cumulativePlanned += planned.get(month) ?? 0;
      return {
        month,
        spentMinor: spent,
        cumulativeSpentMinor: cumulativeSpent,
        cumulativePlannedMinor: cumulativePlanned,
      };
    });
    return { currency, points };
  });

  const alarms: DashboardAlarm[] = [];
  for (const g of funded) {
    const report = await getBudgetVsActual(db, actor, g.id, now);
    for (const alarm of moneyAlarms(report, g.amountMinor)) {
      alarms.push({ grantId: g.id, grantTitle: g.title, grantReference: g.reference, currency: g.currency, alarm });
    }
  }

  return {
    today,
    alarms,
    overdue: open.filter((d) => d.state === 'overdue'),
    dueSoon: open.filter((d) => d.state === 'due-soon'),
    endingSoon: grants.filter(
      (g) => (g.status === 'awarded' || g.status === 'active') && g.endDate >= today && g.endDate <= addDays(today, 60),
    ),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    spending,
  };
}
