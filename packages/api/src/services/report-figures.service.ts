import type {
  AgeBand,
  Disaggregation,
  Gender,
  PackActivityRow,
  PackFinance,
  PackReach,
  ReachBreakdown,
} from '@tessera/domain';
import type { ActivityKind } from '@tessera/domain';
import {
  ageBands,
  computeExchangeDifference,
  genders,
  matchSummary,
  maskParticipantCodes,
  noFilter,
  orderGroupKeys,
  shownExactly,
  suppressAlong,
  suppressCount,
  suppressTable,
} from '@tessera/domain';
import {
  countRateSources,
  type Executor,
  findParticipantSettings,
  headCountGrid,
  listPeriodExpenditures,
  listTranches,
  measure,
  measureTotal,
  packActivities,
  type ResultsScope,
  spendingByLineBetween,
  sumConvertedSpending,
  sumMatchContributions,
  sumReceived,
} from '@tessera/db';

/**
 * The figures of a report pack (reach, activities, finance), counted in the database and
 * suppressed at the organisation's threshold: what `packContent` (reports.service) puts together.
 */

const exact = shownExactly;

async function reachBreakdown(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
  dimension: Disaggregation,
  k: number,
  withheld: Withheld,
): Promise<ReachBreakdown> {
  const [people, hours, completions] = await Promise.all([
    measure(db, orgId, scope, { measure: 'uniqueParticipants', filter: noFilter }, period, dimension),
    measure(db, orgId, scope, { measure: 'participantHours', filter: noFilter }, period, dimension),
    measure(db, orgId, scope, { measure: 'completions', filter: noFilter }, period, dimension),
  ]);
  const byKey = (rows: { key: string | null; value: number }[]) => new Map(rows.map((r) => [r.key ?? '', r.value]));
  const p = byKey(people);
  const h = byKey(hours);
  const c = byKey(completions);
  const keys = orderGroupKeys(dimension, [...p.keys(), ...c.keys()]);
  const families = [`people/${dimension}`, `completions/${dimension}`];
  const table = suppressTable(
    keys.map((key) => [p.get(key) ?? 0, c.get(key) ?? 0]),
    k,
    {
      rowTotals: false,
      columnTotals: true,
      forced: (r, col) =>
        r < keys.length ? withheld(`${families[col]}=${keys[r]}`) : withheld(col === 0 ? 'people' : 'completions'),
    },
  );
  const totalHours = [...h.values()].reduce((s, v) => s + v, 0);
  const totalPeople = table.columnTotals?.[0] ?? exact(0);
  return {
    dimension,
    rows: keys.map((key, i) => {
      const participants = table.cells[i]?.[0] ?? exact(0);
      return {
        key,
        participants,
        hours: suppressAlong(participants, h.get(key) ?? 0),
        completions: table.cells[i]?.[1] ?? exact(0),
      };
    }),
    total: {
      participants: totalPeople,
      hours: suppressAlong(totalPeople, totalHours),
      completions: table.columnTotals?.[1] ?? exact(0),
    },
  };
}

/** Which of a pack's people figures the organisation's joint release withholds (ADR 0012). */
export type Withheld = (figure: string) => boolean;

export async function reachOf(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
  k: number,
  withheld: Withheld,
): Promise<PackReach & { raw: { participants: number; headCount: number } }> {
  const total = (m: 'uniqueParticipants' | 'participantHours' | 'completions' | 'headCount' | 'sessionsHeld') =>
    measureTotal(db, orgId, scope, { measure: m, filter: noFilter }, period);
  const [participants, hours, completions, heads, sessionsHeld, grid] = await Promise.all([
    total('uniqueParticipants'),
    total('participantHours'),
    total('completions'),
    total('headCount'),
    total('sessionsHeld'),
    headCountGrid(db, orgId, scope, period),
  ]);
  const breakdowns: ReachBreakdown[] = [];
  for (const dimension of ['gender', 'ageBand', 'city'] as const) {
    breakdowns.push(await reachBreakdown(db, orgId, scope, period, dimension, k, withheld));
  }
  const gridGenders = genders.filter((g) => grid.some((c) => c.gender === g && c.count > 0));
  const gridBands = ageBands.filter((b) => grid.some((c) => c.ageBand === b && c.count > 0));
  const cell = (g: string, b: string) => grid.find((c) => c.gender === g && c.ageBand === b)?.count ?? 0;
  const table = suppressTable(
    gridGenders.map((g) => gridBands.map((b) => cell(g, b))),
    k,
    { rowTotals: true, columnTotals: true },
  );
  const hidden = { suppressed: true, threshold: k } as const;
  const participantsShown = withheld('people') ? hidden : suppressCount(participants, k);
  return {
    participants: participantsShown,
    participantHours: suppressAlong(participantsShown, hours),
    completions: withheld('completions') ? hidden : suppressCount(completions, k),
    headCount: table.grandTotal ?? suppressCount(heads, k),
    sessionsHeld,
    breakdowns,
    headCounts: {
      genders: gridGenders as Gender[],
      ageBands: gridBands as AgeBand[],
      cells: table.cells,
      genderTotals: table.rowTotals ?? [],
      ageBandTotals: table.columnTotals ?? [],
      total: table.grandTotal ?? exact(0),
    },
    raw: { participants, headCount: heads },
  };
}

export async function activityRows(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
  k: number,
  withheld: Withheld,
): Promise<PackActivityRow[]> {
  const activities = await packActivities(db, orgId, scope, period);
  const byActivity = async (
    m: 'uniqueParticipants' | 'participantHours' | 'completions' | 'headCount' | 'sessionsHeld',
  ) =>
    new Map(
      (await measure(db, orgId, scope, { measure: m, filter: noFilter }, period, 'activity')).map((r) => [
        r.key ?? '',
        r.value,
      ]),
    );
  const [people, hours, completions, heads, sessions] = await Promise.all([
    byActivity('uniqueParticipants'),
    byActivity('participantHours'),
    byActivity('completions'),
    byActivity('headCount'),
    byActivity('sessionsHeld'),
  ]);
  // One table: activities × (people, completions, head count), shown beside the reach totals,
  // so a hidden activity gets a hidden partner in each column (complementary suppression) and
  // cannot be recovered by subtracting the shown activities from the totals.
  const table = suppressTable(
    activities.map((a) => [people.get(a.id) ?? 0, completions.get(a.id) ?? 0, heads.get(a.id) ?? 0]),
    k,
    {
      rowTotals: false,
      columnTotals: true,
      forced: (r, col) => {
        const family = col === 0 ? 'people' : col === 1 ? 'completions' : null;
        if (!family) return false;
        return r < activities.length ? withheld(`${family}/activity=${activities[r]?.id}`) : withheld(family);
      },
    },
  );
  return activities.map((a, i) => {
    const cells = table.cells[i] ?? [];
    const participants = cells[0] ?? suppressCount(people.get(a.id) ?? 0, k);
    return {
      reference: a.reference,
      title: a.title,
      kind: a.kind as ActivityKind,
      project: a.project,
      city: a.city,
      startDate: a.startDate,
      endDate: a.endDate,
      sessionsHeld: sessions.get(a.id) ?? 0,
      hoursDelivered: a.minutesHeld / 60,
      participants,
      participantHours: suppressAlong(participants, hours.get(a.id) ?? 0),
      completions: cells[1] ?? suppressCount(completions.get(a.id) ?? 0, k),
      headCount: cells[2] ?? suppressCount(heads.get(a.id) ?? 0, k),
    };
  });
}

/**
 * The pack's money: per budget line this period and to date, the tranches and cash to the end
 * of the period, how spending was converted, and the period's list of expenditure (payees and
 * descriptions with any participant code masked: they leave the organisation).
 */
export async function financeOf(
  db: Executor,
  orgId: string,
  grant: { id: string; currency: string; costShareMinor: number | null },
  baseCurrency: string,
  period: { from: string; to: string },
): Promise<PackFinance> {
  const lines = await spendingByLineBetween(db, orgId, grant.id, period);
  const matchInPeriod = matchSummary(null, await sumMatchContributions(db, orgId, grant.id, period));
  const { codePrefix } = await findParticipantSettings(db, orgId);
  const masked = (text: string) => maskParticipantCodes(text, { prefix: codePrefix });
  const expenditures = (await listPeriodExpenditures(db, orgId, grant.id, period)).map((e) => ({
    date: e.date,
    lineCode: e.budgetLineCode,
    payee: masked(e.payee),
    description: masked(e.description),
    amountMinor: e.amountMinor,
    currency: e.currency,
    rateToGrant: e.rateToGrant,
    rateSource: e.rateSource,
    amountGrantMinor: e.amountGrantMinor,
    receiptReference: e.receiptReference === null ? null : masked(e.receiptReference),
  }));
  const rateSources = await countRateSources(db, orgId, grant.id, period.to);
  const received = await sumReceived(db, orgId, grant.id, period.to);
  const spentConverted = await sumConvertedSpending(db, orgId, grant.id, period.to);
  const tranches = (await listTranches(db, orgId, grant.id)).filter(
    (t) => t.expectedDate <= period.to || (t.receivedDate !== null && t.receivedDate <= period.to),
  );
  const withVariance = <T extends { budgetMinor: number; spentToDateMinor: number }>(l: T) => ({
    ...l,
    remainingMinor: l.budgetMinor - l.spentToDateMinor,
    varianceMinor: l.spentToDateMinor - l.budgetMinor,
    variancePercent: l.budgetMinor > 0 ? ((l.spentToDateMinor - l.budgetMinor) / l.budgetMinor) * 100 : null,
  });
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const spentMinor = sum((l) => l.spentToDateMinor);
  const spentBaseMinor = sum((l) => l.spentToDateBaseMinor);
  return {
    currency: grant.currency,
    baseCurrency,
    lines: lines.map(({ unconvertedCount: _u, ...l }) => withVariance(l)),
    total: withVariance({
      originalBudgetMinor: sum((l) => l.originalBudgetMinor),
      revisedBudgetMinor: sum((l) => l.revisedBudgetMinor),
      budgetMinor: sum((l) => l.budgetMinor),
      spentPeriodMinor: sum((l) => l.spentPeriodMinor),
      spentToDateMinor: spentMinor,
      spentToDateBaseMinor: spentBaseMinor,
    }),
    tranches: tranches.map((t) => ({
      expectedDate: t.expectedDate,
      expectedAmountMinor: t.expectedAmountMinor,
      receivedDate: t.receivedDate !== null && t.receivedDate <= period.to ? t.receivedDate : null,
      receivedAmountMinor: t.receivedDate !== null && t.receivedDate <= period.to ? t.receivedAmountMinor : null,
      receivedBaseMinor: t.receivedDate !== null && t.receivedDate <= period.to ? t.receivedBaseMinor : null,
    })),
    cash: {
      receivedMinor: received.grantMinor,
      receivedBaseMinor: received.baseMinor,
      spentMinor,
      spentBaseMinor,
      onHandMinor: received.grantMinor - spentMinor,
      onHandBaseMinor: received.baseMinor - spentBaseMinor,
    },
    exchange: computeExchangeDifference({
      grantCurrency: grant.currency,
      baseCurrency,
      received,
      spent: { grantMinor: spentMinor },
      spentConverted,
    }),
    unconvertedCount: sum((l) => l.unconvertedCount),
    match: {
      period: {
        cashMinor: matchInPeriod.cashMinor,
        inKindMinor: matchInPeriod.inKindMinor,
        contributedMinor: matchInPeriod.contributedMinor,
      },
      // From the start of the award: contributions are dated within the grant's period.
      toDate: matchSummary(grant.costShareMinor, await sumMatchContributions(db, orgId, grant.id, { to: period.to })),
    },
    rateSources,
    expenditures,
  };
}
