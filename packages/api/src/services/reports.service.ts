import type {
  Actor,
  AgeBand,
  Disaggregation,
  FunderKind,
  Gender,
  Locale,
  PackActivityRow,
  PackFinance,
  PackReach,
  PreparePackInput,
  ReachBreakdown,
  ReportPack,
  ReportPackContent,
  SaveNarrativeInput,
  SubmitPackInput,
} from '@tessera/domain';
import type { ActivityKind, OutputKind } from '@tessera/domain';
import {
  ageBands,
  DomainError,
  genders,
  isUsFederal,
  mentionsParticipantCode,
  locales,
  messageKey,
  narrativeSectionKeys,
  noFilter,
  orderGroupKeys,
  sf425Lines,
  shownExactly,
  suppressAlong,
  suppressCount,
  suppressTable,
} from '@tessera/domain';
import {
  type Executor,
  findDeadline,
  findFunder,
  findGrantByReference,
  findParticipantSettings,
  findReportPack,
  findReportPackFor,
  headCountGrid,
  insertReportPack,
  listDeadlines,
  listGrantIndicators,
  listReportPacks,
  listTranches,
  markDeadlineSubmitted,
  markReportSubmitted,
  measure,
  measureTotal,
  packActivities,
  packOutputs,
  type ResultsScope,
  saveReportNarrative,
  spendingByLineBetween,
  sumReceived,
} from '@tessera/db';
import { requireLatticePeriod } from './period-lattice.service';
import { audit } from './audit.service';
import { invalid, notFound, stale } from './errors';
import { requireGrant, requireOrganization } from './grants.service';
import { indicatorResults } from './results.service';

/**
 * Report packs: one grant, one period. The stored pack holds the narrative and the status; its
 * figures are worked out from the data whenever it is shown or exported, so the screen, the PDF,
 * the spreadsheet and the CSV files always agree. Every count of people is suppressed below the
 * organisation's threshold here, for every role: this is what leaves the organisation.
 */

export async function listPacks(db: Executor, actor: Actor, grantId: string): Promise<ReportPack[]> {
  await requireGrant(db, actor, grantId);
  return listReportPacks(db, actor.orgId, grantId);
}

export async function getPack(db: Executor, actor: Actor, id: string): Promise<ReportPack> {
  const pack = await findReportPack(db, actor.orgId, id);
  if (!pack) throw notFound('report');
  return pack;
}

/** Opens the draft for a grant and period, creating it (linked to the matching deadline) if new. */
export async function preparePack(db: Executor, actor: Actor, input: PreparePackInput): Promise<ReportPack> {
  const grant = await requireGrant(db, actor, input.grantId);
  // A pack leaves the organisation: its period comes from the lattice, whoever prepares it.
  await requireLatticePeriod(db, actor, { grantId: grant.id }, input);
  const existing = await findReportPackFor(db, actor.orgId, grant.id, input);
  if (existing) return existing;
  const deadlines = await listDeadlines(db, actor.orgId, { grantId: grant.id });
  const matching = deadlines.filter((d) => d.periodStart === input.from && d.periodEnd === input.to);
  const deadline = matching.find((d) => d.submittedDate === null) ?? matching[0] ?? null;
  await insertReportPack(db, actor.orgId, {
    grantId: grant.id,
    from: input.from,
    to: input.to,
    deadlineId: deadline?.id ?? null,
  });
  const created = await findReportPackFor(db, actor.orgId, grant.id, input);
  if (!created) throw notFound('report');
  await audit(db, actor, 'create', 'report_pack', created.id, ['period']);
  return created;
}

function refuseSubmitted(pack: ReportPack) {
  if (pack.status === 'submitted') {
    throw invalid('This report has been submitted and can no longer change.', {
      id: [messageKey('validation.packSubmitted')],
    });
  }
}

export async function saveNarrative(db: Executor, actor: Actor, input: SaveNarrativeInput): Promise<ReportPack> {
  const pack = await getPack(db, actor, input.id);
  if (pack.version !== input.version) throw stale('report');
  refuseSubmitted(pack);
  const { codePrefix } = await findParticipantSettings(db, actor.orgId);
  const naming: Record<string, string[]> = {};
  input.sections.forEach((section, i) => {
    if (mentionsParticipantCode(section.body, codePrefix))
      naming[`sections.${i}.body`] = [messageKey('validation.mentionsCode')];
  });
  if (Object.keys(naming).length > 0) {
    throw invalid('A report must not name participants by code.', naming);
  }
  // One entry per section, in the template's order; later entries for a key win.
  const bodies = new Map(pack.narrative.map((s) => [s.key, s.body]));
  for (const section of input.sections) bodies.set(section.key, section.body);
  const narrative = narrativeSectionKeys
    .filter((key) => (bodies.get(key) ?? '').trim() !== '')
    .map((key) => ({ key, body: bodies.get(key) ?? '' }));
  if (!(await saveReportNarrative(db, actor.orgId, { id: pack.id, version: pack.version, narrative }))) {
    throw stale('report');
  }
  await audit(
    db,
    actor,
    'update',
    'report_pack',
    pack.id,
    input.sections.map((s) => `narrative.${s.key}`),
  );
  return getPack(db, actor, pack.id);
}

/** Marks the pack submitted and closes the reporting deadline for the same grant and period. */
export async function submitPack(db: Executor, actor: Actor, input: SubmitPackInput): Promise<ReportPack> {
  const pack = await getPack(db, actor, input.id);
  if (pack.version !== input.version) throw stale('report');
  refuseSubmitted(pack);
  if (input.submittedDate < pack.periodStart) {
    throw invalid('A report cannot be submitted before its period starts.', {
      submittedDate: [messageKey('validation.invalidDate')],
    });
  }
  let deadlineId = pack.deadlineId;
  if (!deadlineId) {
    const deadlines = await listDeadlines(db, actor.orgId, { grantId: pack.grantId, openOnly: true });
    deadlineId =
      deadlines.find((d) => d.periodStart === pack.periodStart && d.periodEnd === pack.periodEnd)?.id ?? null;
  }
  const ok = await markReportSubmitted(db, actor.orgId, {
    id: pack.id,
    version: pack.version,
    submittedDate: input.submittedDate,
    deadlineId,
  });
  if (!ok) throw stale('report');
  // The pack answers every open deadline of its grant for exactly its period (narrative and
  // financial alike), and the one it was prepared for.
  const open = await listDeadlines(db, actor.orgId, { grantId: pack.grantId, openOnly: true });
  const closing = new Set(
    open.filter((d) => d.periodStart === pack.periodStart && d.periodEnd === pack.periodEnd).map((d) => d.id),
  );
  if (deadlineId) closing.add(deadlineId);
  for (const id of closing) await markDeadlineSubmitted(db, actor.orgId, id, input.submittedDate);
  await audit(db, actor, 'update', 'report_pack', pack.id, ['status', 'submittedDate']);
  return getPack(db, actor, pack.id);
}

// ---------------------------------------------------------------------------------------------
// Content

const exact = shownExactly;

async function reachBreakdown(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
  dimension: Disaggregation,
  k: number,
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
  const table = suppressTable(
    keys.map((key) => [p.get(key) ?? 0, c.get(key) ?? 0]),
    k,
    { rowTotals: false, columnTotals: true },
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

async function reachOf(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
  k: number,
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
    breakdowns.push(await reachBreakdown(db, orgId, scope, period, dimension, k));
  }
  const gridGenders = genders.filter((g) => grid.some((c) => c.gender === g && c.count > 0));
  const gridBands = ageBands.filter((b) => grid.some((c) => c.ageBand === b && c.count > 0));
  const cell = (g: string, b: string) => grid.find((c) => c.gender === g && c.ageBand === b)?.count ?? 0;
  const table = suppressTable(
    gridGenders.map((g) => gridBands.map((b) => cell(g, b))),
    k,
    { rowTotals: true, columnTotals: true },
  );
  const participantsShown = suppressCount(participants, k);
  return {
    participants: participantsShown,
    participantHours: suppressAlong(participantsShown, hours),
    completions: suppressCount(completions, k),
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

async function activityRows(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
  k: number,
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
    { rowTotals: false, columnTotals: true },
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

async function financeOf(
  db: Executor,
  orgId: string,
  grant: { id: string; currency: string },
  baseCurrency: string,
  period: { from: string; to: string },
): Promise<PackFinance> {
  const lines = await spendingByLineBetween(db, orgId, grant.id, period);
  const received = await sumReceived(db, orgId, grant.id, period.to);
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
    unconvertedCount: sum((l) => l.unconvertedCount),
  };
}

/**
 * Everything a report pack shows, worked out in the database and suppressed for export.
 * No participant code, name, contact or id is in it.
 */
export async function packContent(
  db: Executor,
  actor: Actor,
  input: { id: string; locale?: Locale | undefined },
  now: Date,
): Promise<ReportPackContent> {
  const pack = await getPack(db, actor, input.id);
  const grant = await requireGrant(db, actor, pack.grantId);
  const org = await requireOrganization(db, actor);
  const funder = await findFunder(db, actor.orgId, grant.funderId);
  const k = org.suppressionThreshold;
  const period = { from: pack.periodStart, to: pack.periodEnd };
  const scope: ResultsScope = { grantId: grant.id };
  const [activities, outputs, reach, finance, indicators] = await Promise.all([
    activityRows(db, actor.orgId, scope, period, k),
    packOutputs(db, actor.orgId, scope, period),
    reachOf(db, actor.orgId, scope, period, k),
    financeOf(db, actor.orgId, grant, org.baseCurrency, period),
    listGrantIndicators(db, actor.orgId, grant.id),
  ]);
  const indicatorRows = await indicatorResults(db, actor, indicators, period, k);
  const deadline = pack.deadlineId ? await findDeadline(db, actor.orgId, pack.deadlineId) : undefined;
  const funderInfo = {
    name: funder?.name ?? grant.funderName,
    kind: (funder?.kind ?? 'other') as FunderKind,
    country: funder?.country ?? null,
  };
  const { raw, ...reachShown } = reach;
  const empty =
    reach.sessionsHeld === 0 &&
    raw.participants === 0 &&
    raw.headCount === 0 &&
    outputs.length === 0 &&
    finance.total.spentPeriodMinor === 0 &&
    !finance.tranches.some((t) => t.receivedDate !== null && t.receivedDate >= period.from);
  const locale: Locale =
    input.locale ?? ((locales as readonly string[]).includes(org.defaultLocale) ? (org.defaultLocale as Locale) : 'en');
  return {
    pack,
    generatedAt: now.toISOString(),
    locale,
    organization: {
      name: org.name,
      country: org.country,
      baseCurrency: org.baseCurrency,
      suppressionThreshold: k,
    },
    grant: {
      id: grant.id,
      title: grant.title,
      reference: grant.reference,
      currency: grant.currency,
      amountMinor: grant.amountMinor,
      costShareMinor: grant.costShareMinor,
      startDate: grant.startDate,
      endDate: grant.endDate,
      funder: funderInfo,
    },
    period,
    deadline: deadline
      ? { id: deadline.id, kind: deadline.kind, dueDate: deadline.dueDate, submittedDate: deadline.submittedDate }
      : null,
    empty,
    activities,
    outputs: outputs.map((o) => ({ ...o, kind: o.kind as OutputKind })),
    reach: reachShown,
    indicators: indicatorRows,
    finance,
    sf425: isUsFederal(funderInfo, grant.currency)
      ? {
          reportingPeriodEnd: period.to,
          projectPeriod: { from: grant.startDate, to: grant.endDate },
          lines: sf425Lines({
            cashReceiptsMinor: finance.cash.receivedMinor,
            cashDisbursementsMinor: finance.cash.spentMinor,
            authorisedMinor: grant.amountMinor,
            federalExpendituresMinor: finance.cash.spentMinor,
            unliquidatedObligationsMinor: 0,
            costShareRequiredMinor: grant.costShareMinor ?? 0,
            recipientExpendituresMinor: 0,
            programIncomeEarnedMinor: 0,
            programIncomeDeductionMinor: 0,
            programIncomeAdditionMinor: 0,
          }),
        }
      : null,
  };
}

/** For the CLI: the pack for a grant reference and period, prepared if new. */
export async function packForReference(
  db: Executor,
  actor: Actor,
  input: { reference: string; from: string; to: string },
): Promise<ReportPack> {
  const grant = await findGrantByReference(db, actor.orgId, input.reference);
  if (!grant)
    throw new DomainError('NOT_FOUND', `No grant with the reference ${input.reference} in this organisation.`);
  return preparePack(db, actor, { grantId: grant.id, from: input.from, to: input.to });
}
