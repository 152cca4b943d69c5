import type {
  Actor,
  CreateIndicatorInput,
  CreateOutcomeInput,
  Disaggregation,
  Indicator,
  IndicatorResultRow,
  IndicatorValue,
  IndicatorValueInput,
  MeasureSpec,
  OutcomeRecord,
  ReportPeriod,
  Shown,
  ShownIndicatorValue,
  UpdateIndicatorInput,
  UpdateOutcomeInput,
} from '@tessera/domain';
import {
  cumulativeOf,
  indicatorAchievement,
  manualValue,
  messageKey,
  needsVarianceExplanation,
  orderGroupKeys,
  peopleCountThreshold,
  peopleMeasures,
  percentageOf,
  seriesPeriods,
  shownExactly,
  suppressAlong,
  suppressTable,
  targetFor,
} from '@tessera/domain';
import {
  deleteIndicator,
  deleteIndicatorValue,
  deleteOutcome,
  type Executor,
  findActivity,
  findIndicator,
  findIndicatorValue,
  findOutcome,
  findParticipant,
  findProject,
  indicatorCodeTaken,
  insertIndicator,
  insertOutcome,
  newId,
  listGrantIndicators as listGrantIndicatorRows,
  listIndicators as listIndicatorRows,
  listIndicatorValues,
  listOutcomes as listOutcomeRows,
  type MeasureGroup,
  measure,
  measureSplits,
  measureTotal,
  type ResultsScope,
  updateIndicator as updateIndicatorRow,
  updateOutcome as updateOutcomeRow,
  findIndicatorValueAt,
  upsertIndicatorValue,
} from '@tessera/db';
import { participantCrypto } from '../participant-crypto';
import { familyOf, type OrgRelease, orgRelease } from './org-release.service';
import { releasedFor, releasePeriods } from './results-release.service';
import { audit } from './audit.service';
import { invalid, notFound, stale } from './errors';
import { refuseParticipantCodes } from './free-text';
import { openOutcome, sealDescription } from './outcome-descriptions';
import type { ParticipantKeys } from './participants.service';
import { requireGrant, requireOrganization } from './grants.service';

/** The project or grant an indicator belongs to, if it is this organisation's. */
async function requireScope(
  db: Executor,
  actor: Actor,
  scope: { projectId: string | null; grantId: string | null },
): Promise<{ scope: ResultsScope; startDate: string; endDate: string }> {
  if (scope.projectId) {
    const project = await findProject(db, actor.orgId, scope.projectId);
    if (!project) throw notFound('project');
    return { scope: { projectId: project.id }, startDate: project.startDate, endDate: project.endDate };
  }
  const grant = await requireGrant(db, actor, scope.grantId ?? '');
  return { scope: { grantId: grant.id }, startDate: grant.startDate, endDate: grant.endDate };
}

async function checkMeasureProjects(db: Executor, actor: Actor, input: CreateIndicatorInput) {
  for (const field of ['numerator', 'denominator'] as const) {
    const projectId = input[field]?.filter.projectId;
    if (projectId && !(await findProject(db, actor.orgId, projectId))) {
      throw invalid('No such project.', { [`${field}.filter.projectId`]: [messageKey('validation.invalidChoice')] });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Indicators

export async function listIndicators(
  db: Executor,
  actor: Actor,
  scope: { projectId?: string | undefined; grantId?: string | undefined },
): Promise<Indicator[]> {
  const { scope: resolved } = await requireScope(db, actor, {
    projectId: scope.projectId ?? null,
    grantId: scope.grantId ?? null,
  });
  return listIndicatorRows(db, actor.orgId, resolved);
}

/** The indicators of a grant and of the projects it funds. */
export async function listGrantIndicators(db: Executor, actor: Actor, grantId: string): Promise<Indicator[]> {
  const grant = await requireGrant(db, actor, grantId);
  return listGrantIndicatorRows(db, actor.orgId, grant.id);
}

export async function getIndicator(db: Executor, actor: Actor, id: string): Promise<Indicator> {
  const indicator = await findIndicator(db, actor.orgId, id);
  if (!indicator) throw notFound('indicator');
  return indicator;
}

/** An indicator's free text: everything a funder's logframe shows beside the numbers. */
function indicatorTexts(input: CreateIndicatorInput): Record<string, string | null> {
  return {
    resultStatement: input.resultStatement,
    code: input.code,
    name: input.name,
    definition: input.definition,
    unit: input.unit,
    baselineComment: input.baselineComment,
    dataSource: input.dataSource,
    collectionMethod: input.collectionMethod,
    frequency: input.frequency,
    responsible: input.responsible,
  };
}

export async function createIndicator(db: Executor, actor: Actor, input: CreateIndicatorInput): Promise<Indicator> {
  await refuseParticipantCodes(db, actor, indicatorTexts(input));
  await requireScope(db, actor, input);
  await checkMeasureProjects(db, actor, input);
  if (await indicatorCodeTaken(db, actor.orgId, input)) {
    throw invalid('Another indicator here already has this code.', {
      code: [messageKey('validation.indicatorCode')],
    });
  }
  const id = await insertIndicator(db, actor.orgId, input);
  await audit(db, actor, 'create', 'indicator', id, ['code', 'name', 'level', 'source']);
  return getIndicator(db, actor, id);
}

export async function updateIndicator(db: Executor, actor: Actor, input: UpdateIndicatorInput): Promise<Indicator> {
  await refuseParticipantCodes(db, actor, indicatorTexts(input));
  const stored = await getIndicator(db, actor, input.id);
  if (stored.version !== input.version) throw stale('indicator');
  await requireScope(db, actor, input);
  await checkMeasureProjects(db, actor, input);
  if (await indicatorCodeTaken(db, actor.orgId, input, input.id)) {
    throw invalid('Another indicator here already has this code.', {
      code: [messageKey('validation.indicatorCode')],
    });
  }
  if (!(await updateIndicatorRow(db, actor.orgId, input))) throw stale('indicator');
  const { id: _id, version: _v, ...after } = input;
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
    (key) => JSON.stringify(after[key]) !== JSON.stringify(stored[key]),
  );
  await audit(db, actor, 'update', 'indicator', input.id, changed);
  return getIndicator(db, actor, input.id);
}

export async function removeIndicator(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const stored = await getIndicator(db, actor, input.id);
  if (stored.version !== input.version) throw stale('indicator');
  if (!(await deleteIndicator(db, actor.orgId, input.id, input.version))) throw stale('indicator');
  await audit(db, actor, 'delete', 'indicator', input.id, []);
}

/**
 * The hand-entered values of an indicator as this reader may see them. Roles that may read the
 * register get them exactly; finance and viewers get them by the results view's rule: each value
 * is decided as the results view decides a period that is exactly that value's (`manualRaw`,
 * `shownValue`), a number indicator's values are protected together as one line (`protectLine`),
 * and a hidden value hides its numerator and denominator with it.
 */
export async function listValues(db: Executor, actor: Actor, indicatorId: string): Promise<ShownIndicatorValue[]> {
  const indicator = await getIndicator(db, actor, indicatorId);
  const values = await listIndicatorValues(db, actor.orgId, [indicatorId]);
  const org = await requireOrganization(db, actor);
  const k = peopleCountThreshold(actor.role, org.suppressionThreshold);
  const raws = values.map((v) => manualRaw(indicator, [v], { from: v.periodStart, to: v.periodEnd }));
  const shown = indicator.type === 'number' ? protectLine(raws, k).shown : raws.map((r) => shownValue(r, k));
  // Values of nested periods (a year beside its quarters) differ by the people of the rest:
  // decided together, as the results view decides its periods (ADR 0012).
  const periods = values.map((v) => ({ from: v.periodStart, to: v.periodEnd }));
  const released =
    k === null
      ? () => true
      : releasedFor(
          periods,
          Array.from({ length: indicator.type === 'percentage' ? 2 : 1 }, (_, j) =>
            raws.map((r) => r.peopleCounts[j] ?? 0),
          ),
          k,
        );
  return values.map((v, i): ShownIndicatorValue => {
    const small =
      k !== null &&
      ((raws[i]?.peopleCounts ?? []).some((n) => n >= 1 && n < k) || !released(periods[i] as ReportPeriod));
    const hidden: Shown | null =
      k !== null && (small || shown[i]?.suppressed === true) ? { suppressed: true, threshold: k } : null;
    const figure = (n: number | null): Shown | null => (n === null ? null : (hidden ?? exact(n)));
    return {
      id: v.id,
      indicatorId: v.indicatorId,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      value: hidden ?? shown[i] ?? null,
      numerator: figure(v.numerator),
      denominator: figure(v.denominator),
      comment: v.comment,
      version: v.version,
    };
  });
}

export async function setValue(db: Executor, actor: Actor, input: IndicatorValueInput): Promise<IndicatorValue> {
  await refuseParticipantCodes(db, actor, { comment: input.comment });
  const indicator = await getIndicator(db, actor, input.indicatorId);
  if (indicator.source !== 'manual') {
    throw invalid('This indicator is worked out from the data; its values cannot be typed in.', {
      value: [messageKey('validation.invalid')],
    });
  }
  if (indicator.type === 'number' && input.numerator !== null) {
    throw invalid('A number indicator takes a value, not a numerator and denominator.', {
      numerator: [messageKey('validation.invalid')],
    });
  }
  const before = await findIndicatorValueAt(db, actor.orgId, input);
  const value = await upsertIndicatorValue(db, actor.orgId, input);
  const fields = (['comment', 'denominator', 'numerator', 'value'] as const).filter((field) =>
    before ? before[field] !== value[field] : value[field] !== null,
  );
  if (!before || fields.length > 0) {
    await audit(db, actor, before ? 'update' : 'create', 'indicator_value', value.id, fields);
  }
  return value;
}

export async function removeValue(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const stored = await findIndicatorValue(db, actor.orgId, input.id);
  if (!stored) throw notFound('indicator value');
  if (stored.version !== input.version) throw stale('indicator value');
  if (!(await deleteIndicatorValue(db, actor.orgId, input.id, input.version))) throw stale('indicator value');
  await audit(db, actor, 'delete', 'indicator_value', input.id, []);
}

// ---------------------------------------------------------------------------------------------
// Outcome records (participant-level: admin and coordinator only, audited)

async function requireLiveParticipant(db: Executor, actor: Actor, participantId: string) {
  const participant = await findParticipant(db, actor.orgId, participantId);
  if (!participant) throw notFound('participant');
  if (participant.erasedAt !== null) {
    throw invalid('This participant was erased.', { participantId: [messageKey('validation.erased')] });
  }
  return participant;
}

async function checkOutcomeActivity(db: Executor, actor: Actor, activityId: string | null) {
  if (activityId && !(await findActivity(db, actor.orgId, activityId))) {
    throw invalid('No such activity.', { activityId: [messageKey('validation.unknownActivity')] });
  }
}

export async function listOutcomes(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  participantId: string,
): Promise<OutcomeRecord[]> {
  const participant = await findParticipant(db, actor.orgId, participantId);
  if (!participant) throw notFound('participant');
  // Participant-level data: reading it is audited like opening the record.
  await audit(db, actor, 'read', 'participant', participantId, ['outcomes']);
  const crypto = participantCrypto(keys.secretKey);
  return (await listOutcomeRows(db, actor.orgId, participantId)).map((o) => openOutcome(crypto, actor.orgId, o));
}

/** The description is free text about a person: sealed like notes (ADR 0008). */
export async function createOutcome(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: CreateOutcomeInput,
): Promise<OutcomeRecord> {
  await requireLiveParticipant(db, actor, input.participantId);
  await checkOutcomeActivity(db, actor, input.activityId);
  const crypto = participantCrypto(keys.secretKey);
  const id = newId();
  const { description, ...values } = input;
  await insertOutcome(db, actor.orgId, {
    ...values,
    id,
    descriptionEnc: sealDescription(crypto, actor.orgId, id, description),
  });
  await audit(db, actor, 'create', 'outcome_record', id, ['kind', 'date']);
  const created = (await listOutcomeRows(db, actor.orgId, input.participantId)).find((o) => o.id === id);
  if (!created) throw notFound('outcome record');
  return openOutcome(crypto, actor.orgId, created);
}

/** The outcome's fields that differ (compared opened, so a re-sealed, unchanged description is no change). */
function outcomeChanges(before: OutcomeRecord, after: OutcomeRecord) {
  const changed: ('activityId' | 'date' | 'description' | 'kind' | 'scores')[] = [];
  if (before.activityId !== after.activityId) changed.push('activityId');
  if (before.date !== after.date) changed.push('date');
  if ((before.description ?? '') !== (after.description ?? '')) changed.push('description');
  if (before.kind !== after.kind) changed.push('kind');
  if (before.scoreBefore !== after.scoreBefore || before.scoreAfter !== after.scoreAfter) changed.push('scores');
  return changed;
}

export async function updateOutcome(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: UpdateOutcomeInput,
): Promise<OutcomeRecord> {
  const stored = await findOutcome(db, actor.orgId, input.id);
  if (!stored) throw notFound('outcome record');
  if (stored.version !== input.version) throw stale('outcome record');
  await requireLiveParticipant(db, actor, stored.participant_id);
  await checkOutcomeActivity(db, actor, input.activityId);
  const crypto = participantCrypto(keys.secretKey);
  const { id, version, description, ...values } = input;
  const previous = (await listOutcomeRows(db, actor.orgId, stored.participant_id)).find((o) => o.id === input.id);
  if (!previous) throw notFound('outcome record');
  const descriptionEnc = sealDescription(crypto, actor.orgId, id, description);
  if (!(await updateOutcomeRow(db, actor.orgId, { id, version }, { ...values, descriptionEnc }))) {
    throw stale('outcome record');
  }
  const updated = (await listOutcomeRows(db, actor.orgId, stored.participant_id)).find((o) => o.id === input.id);
  if (!updated) throw notFound('outcome record');
  const after = openOutcome(crypto, actor.orgId, updated);
  await audit(
    db,
    actor,
    'update',
    'outcome_record',
    input.id,
    outcomeChanges(openOutcome(crypto, actor.orgId, previous), after),
  );
  return after;
}

export async function removeOutcome(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const stored = await findOutcome(db, actor.orgId, input.id);
  if (!stored) throw notFound('outcome record');
  if (stored.version !== input.version) throw stale('outcome record');
  if (!(await deleteOutcome(db, actor.orgId, input.id, input.version))) throw stale('outcome record');
  await audit(db, actor, 'delete', 'outcome_record', input.id, []);
}

// ---------------------------------------------------------------------------------------------
// Indicator results: computed in the database, suppressed below k where they count people

const exact = shownExactly;

/** The earlier of two ISO dates. */
const earliestDate = (a: string, b: string): string => [a, b].sort()[0] as string;

function isPeople(spec: MeasureSpec | null): boolean {
  return spec !== null && peopleMeasures.includes(spec.measure);
}

interface RawValue {
  value: number | null;
  /** The counts of people behind the value, to decide suppression. */
  peopleCounts: number[];
}

async function derivedValue(
  db: Executor,
  orgId: string,
  indicator: Indicator,
  scope: ResultsScope,
  period: ReportPeriod,
): Promise<RawValue> {
  const total = (spec: MeasureSpec) => measureTotal(db, orgId, scope, spec, period);
  if (!indicator.numerator) return { value: null, peopleCounts: [] };
  const numerator = await total(indicator.numerator);
  const people = isPeople(indicator.numerator) ? [numerator] : [];
  if (indicator.type === 'percentage') {
    if (!indicator.denominator) return { value: null, peopleCounts: [] };
    const denominator = await total(indicator.denominator);
    if (isPeople(indicator.denominator)) people.push(denominator);
    return { value: percentageOf(numerator, denominator), peopleCounts: people };
  }
  // Participant hours of a small group reveal it too: suppress with the people behind them.
  if (indicator.numerator.measure === 'participantHours') {
    const heads = await total({ measure: 'uniqueParticipants', filter: indicator.numerator.filter });
    people.push(heads);
  }
  return { value: numerator, peopleCounts: people };
}

/**
 * Hand-entered values that make up a period without counting anything twice: the value for
 * exactly that period if there is one, else the values inside it that do not overlap (the
 * longest first: a year entered beside its quarters is taken once, as the year).
 */
export function valuesForPeriod(values: readonly IndicatorValue[], period: ReportPeriod): IndicatorValue[] {
  const exactMatch = values.find((v) => v.periodStart === period.from && v.periodEnd === period.to);
  if (exactMatch) return [exactMatch];
  const inside = values
    .filter((v) => v.periodStart >= period.from && v.periodEnd <= period.to)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || b.periodEnd.localeCompare(a.periodEnd));
  const chosen: IndicatorValue[] = [];
  for (const v of inside) {
    if (chosen.every((c) => v.periodStart > c.periodEnd || v.periodEnd < c.periodStart)) chosen.push(v);
  }
  return chosen;
}

function manualRaw(indicator: Indicator, values: readonly IndicatorValue[], period: ReportPeriod): RawValue {
  const parts = valuesForPeriod(values, period);
  if (parts.length === 0) return { value: null, peopleCounts: [] };
  // A typed figure may count people ("3 women referred"): where it leaves the organisation, a
  // whole number from 1 to k−1 (or such a numerator or denominator) is hidden like a computed one.
  const counts = parts.flatMap((v) =>
    v.numerator !== null && v.denominator !== null ? [v.numerator, v.denominator] : v.value !== null ? [v.value] : [],
  );
  const sum = (pick: (v: IndicatorValue) => number | null) => parts.reduce((t, v) => t + (pick(v) ?? 0), 0);
  const peopleCounts =
    indicator.type === 'percentage'
      ? [sum((v) => v.numerator), sum((v) => v.denominator)]
      : [counts.reduce((t, c) => t + c, 0)];
  const whole = peopleCounts.filter((c) => Number.isInteger(c));
  if (parts.length === 1) return { value: manualValue(parts[0] as IndicatorValue), peopleCounts: whole };
  return { value: cumulativeOf(indicator.type, parts), peopleCounts: whole };
}

/**
 * Values of one indicator that add up to a shown total (the series against the cumulative, the
 * period against what came before it): suppressed together, so that a hidden value gets a
 * hidden partner and cannot be recovered by subtraction. The people count behind each value
 * decides; the total is `protectLine`'s second result.
 */
function protectLine(
  raws: readonly RawValue[],
  k: number | null,
  withheld: readonly boolean[] = [],
): { shown: (Shown | null)[]; totalHidden: boolean } {
  if (k === null) return { shown: raws.map((r) => shownValue(r, null)), totalHidden: false };
  const deciding = raws.map((r) => (r.value === null || r.peopleCounts.length === 0 ? 0 : Math.min(...r.peopleCounts)));
  if (raws.every((r) => r.peopleCounts.length === 0))
    return { shown: raws.map((r) => shownValue(r, k)), totalHidden: false };
  // A value withheld by the release across periods is protected in the line like a small one.
  const table = suppressTable(
    deciding.map((d) => [Math.max(0, d)]),
    k,
    { rowTotals: false, columnTotals: true, forced: (r) => withheld[r] === true },
  );
  return {
    shown: raws.map((r, i) =>
      r.value === null ? null : table.cells[i]?.[0]?.suppressed ? { suppressed: true, threshold: k } : shownValue(r, k),
    ),
    totalHidden: table.columnTotals?.[0]?.suppressed ?? false,
  };
}

/**
 * The people a hand-entered indicator counts in each period, deciding its release across its
 * owner's periods: one series for a number, two for a percentage (numerator and denominator).
 */
function manualPeopleAcrossPeriods(
  indicator: Indicator,
  values: readonly IndicatorValue[],
  periods: readonly ReportPeriod[],
): number[][] {
  const counts = periods.map((p) => manualRaw(indicator, values, p).peopleCounts);
  const width = indicator.type === 'percentage' ? 2 : 1;
  return Array.from({ length: width }, (_, j) => counts.map((c) => c[j] ?? 0));
}

/** The count of people behind a derived number indicator: itself, or the people of its hours. */
function peopleSpec(indicator: Indicator): MeasureSpec | null {
  const spec = indicator.numerator;
  if (indicator.source !== 'derived' || indicator.type !== 'number' || !spec) return null;
  if (isPeople(spec)) return spec;
  return spec.measure === 'participantHours' ? { measure: 'uniqueParticipants', filter: spec.filter } : null;
}

function shownValue(raw: RawValue, k: number | null): Shown | null {
  if (raw.value === null) return null;
  if (k !== null && raw.peopleCounts.some((n) => n >= 1 && n < k)) return { suppressed: true, threshold: k };
  return exact(raw.value);
}

/** Groups (and the total) of a breakdown that the release across periods withholds. */
interface Withheld {
  group: (key: string) => boolean;
  total: boolean;
}

function forcedOf(rows: readonly { key: string | null }[], withheld: Withheld | null) {
  if (!withheld) return undefined;
  return (r: number, _c: number) => (r < rows.length ? withheld.group(rows[r]?.key ?? '') : withheld.total);
}

/**
 * The groups of one breakdown that the joint release withholds in `period` (derived measures:
 * the organisation's release; hand-entered values count no group).
 */
function groupRelease(
  release: OrgRelease,
  indicator: Indicator,
  scope: ResultsScope,
  dimension: Disaggregation,
  period: ReportPeriod,
): (key: string) => boolean {
  const heads = peopleSpec(indicator);
  const family = familyOf(heads);
  if (!heads || !family || !measureSplits(heads.measure, dimension as MeasureGroup)) return () => false;
  const activities = release.scopeOf(scope, heads.filter);
  return (key) => !release.shown(activities, family, `${dimension}=${key}`, period);
}

/** The people measures behind a derived indicator: its count, its hours' people, or both sides of a percentage. */
function peopleSpecs(indicator: Indicator): MeasureSpec[] {
  if (indicator.source !== 'derived') return [];
  return indicator.type === 'percentage'
    ? [indicator.numerator, indicator.denominator].filter((spec): spec is MeasureSpec => isPeople(spec))
    : [peopleSpec(indicator)].filter((spec): spec is MeasureSpec => spec !== null);
}

async function breakdown(
  db: Executor,
  orgId: string,
  indicator: Indicator,
  scope: ResultsScope,
  period: ReportPeriod,
  dimension: Disaggregation,
  k: number | null,
  withheld: Withheld | null = null,
): Promise<IndicatorResultRow['disaggregation'][number] | null> {
  const spec = indicator.numerator;
  if (indicator.source !== 'derived' || indicator.type !== 'number' || !spec) return null;
  if (!measureSplits(spec.measure, dimension as MeasureGroup)) return null;
  const rows = await measure(db, orgId, scope, spec, period, dimension);
  const order = orderGroupKeys(
    dimension,
    rows.map((r) => r.key ?? ''),
  );
  rows.sort((a, b) => order.indexOf(a.key ?? '') - order.indexOf(b.key ?? ''));
  const totalValue = rows.reduce((s, r) => s + r.value, 0);
  if (k === null) {
    return {
      dimension,
      rows: rows.map((r) => ({ key: r.key ?? '', value: exact(r.value) })),
      total: exact(totalValue),
    };
  }
  if (isPeople(spec)) {
    const table = suppressTable(
      rows.map((r) => [r.value]),
      k,
      { rowTotals: false, columnTotals: true, forced: forcedOf(rows, withheld) },
    );
    return {
      dimension,
      rows: rows.map((r, i) => ({ key: r.key ?? '', value: table.cells[i]?.[0] ?? exact(r.value) })),
      total: table.columnTotals?.[0] ?? exact(totalValue),
    };
  }
  if (spec.measure === 'participantHours') {
    // Hours of a group go with the group's head count, suppressed as a table of people.
    const heads = await measure(
      db,
      orgId,
      scope,
      { measure: 'uniqueParticipants', filter: spec.filter },
      period,
      dimension,
    );
    const headOf = new Map(heads.map((h) => [h.key, h.value]));
    const table = suppressTable(
      rows.map((r) => [headOf.get(r.key) ?? 0]),
      k,
      { rowTotals: false, columnTotals: true, forced: forcedOf(rows, withheld) },
    );
    const totalHeads = table.columnTotals?.[0] ?? exact(0);
    return {
      dimension,
      rows: rows.map((r, i) => ({ key: r.key ?? '', value: suppressAlong(table.cells[i]?.[0] ?? exact(0), r.value) })),
      total: suppressAlong(totalHeads, totalValue),
    };
  }
  return {
    dimension,
    rows: rows.map((r) => ({ key: r.key ?? '', value: exact(r.value) })),
    total: exact(totalValue),
  };
}

/**
 * The indicator table for a period: baseline, targets, actual, cumulative from the start of the
 * project or grant, % achieved, disaggregation and the series for a chart. `k` null gives exact
 * figures (admin and coordinator on screen); otherwise counts of people below k are hidden.
 */
export async function indicatorResults(
  db: Executor,
  actor: Actor,
  indicators: readonly Indicator[],
  period: ReportPeriod,
  k: number | null,
): Promise<IndicatorResultRow[]> {
  const values = await listIndicatorValues(
    db,
    actor.orgId,
    indicators.filter((i) => i.source === 'manual').map((i) => i.id),
  );
  const rows: IndicatorResultRow[] = [];
  // A grant's indicators share a few owners: look each up once.
  const owners = new Map<string, Awaited<ReturnType<typeof requireScope>>>();
  // The periods a figure is released over depend on its owner only: work them out once each.
  const releaseByOwner = new Map<string, ReportPeriod[]>();
  let release: OrgRelease | undefined;
  for (const indicator of indicators) {
    const ownerKey = `${indicator.projectId ?? ''}/${indicator.grantId ?? ''}`;
    const owner = owners.get(ownerKey) ?? (await requireScope(db, actor, indicator));
    owners.set(ownerKey, owner);
    const lifeStart = earliestDate(owner.startDate, period.from);
    const own = values.filter((v) => v.indicatorId === indicator.id);
    const compute = (p: ReportPeriod) =>
      indicator.source === 'derived'
        ? derivedValue(db, actor.orgId, indicator, owner.scope, p)
        : Promise.resolve(manualRaw(indicator, own, p));
    const actualRaw = await compute(period);
    const cumulativeRaw = await compute({ from: lifeStart, to: period.to });
    // The cumulative is what came before the period plus the period: hide them together.
    const additive = indicator.type === 'number' && actualRaw.value !== null && cumulativeRaw.value !== null;
    const before: RawValue = additive
      ? {
          value: (cumulativeRaw.value ?? 0) - (actualRaw.value ?? 0),
          peopleCounts: cumulativeRaw.peopleCounts.map((c, i) => c - (actualRaw.peopleCounts[i] ?? 0)),
        }
      : { value: null, peopleCounts: [] };
    const pair = additive ? protectLine([before, actualRaw], k) : null;
    let actual = pair ? (pair.shown[1] ?? null) : shownValue(actualRaw, k);
    let cumulative =
      pair?.totalHidden && k !== null ? { suppressed: true as const, threshold: k } : shownValue(cumulativeRaw, k);
    const periodTarget = targetFor(indicator.targets, period, indicator.type);
    // Readers of suppressed counts: one figure's people over every period they may ask for are
    // decided together, so no two requests differ by a small group (ADR 0012).
    const hidden = k === null ? null : ({ suppressed: true, threshold: k } as const);
    const releasePeriodList =
      k === null ? [] : (releaseByOwner.get(ownerKey) ?? (await releasePeriods(db, actor, indicator)));
    releaseByOwner.set(ownerKey, releasePeriodList);
    // Derived people figures: the organisation's joint release over scopes, groups and periods;
    // hand-entered values: their own periods.
    if (k !== null && indicator.source === 'derived' && !release) release = await orgRelease(db, actor, k);
    const orgWide = k === null || indicator.source !== 'derived' ? null : (release ?? null);
    const released =
      k === null
        ? () => true
        : orgWide
          ? (p: ReportPeriod) =>
              peopleSpecs(indicator).every((spec) =>
                orgWide.shown(orgWide.scopeOf(owner.scope, spec.filter), familyOf(spec) ?? 'people', null, p),
              )
          : releasedFor(releasePeriodList, manualPeopleAcrossPeriods(indicator, own, releasePeriodList), k);
    if (hidden && actual && !actual.suppressed && !released(period)) actual = hidden;
    if (hidden && cumulative && !cumulative.suppressed && !released({ from: lifeStart, to: period.to })) {
      cumulative = hidden;
    }
    const disaggregation: IndicatorResultRow['disaggregation'] = [];
    for (const dimension of indicator.disaggregation) {
      const withheld =
        k === null
          ? null
          : {
              group: orgWide ? groupRelease(orgWide, indicator, owner.scope, dimension, period) : () => false,
              total: actual?.suppressed === true,
            };
      const split = await breakdown(db, actor.orgId, indicator, owner.scope, period, dimension, k, withheld);
      if (split) disaggregation.push(split);
    }
    const periods = seriesPeriods(indicator.targets, period.to);
    const seriesRaw: RawValue[] = [];
    for (const t of periods)
      seriesRaw.push(await compute({ from: t.periodStart, to: earliestDate(t.periodEnd, period.to) }));
    // The points add up towards the cumulative: protect them as one line, and keep a point that
    // is the report's own period hidden exactly when its actual is.
    const seriesWithheld = periods.map(
      (t) => hidden !== null && !released({ from: t.periodStart, to: earliestDate(t.periodEnd, period.to) }),
    );
    const line =
      indicator.type === 'number'
        ? protectLine(seriesRaw, k, seriesWithheld)
        : { shown: seriesRaw.map((r, i) => (seriesWithheld[i] ? hidden : shownValue(r, k))), totalHidden: false };
    if (line.totalHidden && k !== null) cumulative = { suppressed: true, threshold: k };
    const series: IndicatorResultRow['series'] = periods.map((t, i) => {
      let point = line.shown[i] ?? null;
      if (hidden && point && !point.suppressed && seriesWithheld[i]) point = hidden;
      if (t.periodStart === period.from && t.periodEnd === period.to && k !== null) {
        if (point?.suppressed || actual?.suppressed) {
          point = { suppressed: true, threshold: k };
          actual = { suppressed: true, threshold: k };
        }
      }
      return { periodStart: t.periodStart, periodEnd: t.periodEnd, target: t.target, actual: point };
    });
    // Worked out once every hidden value is settled: a % of a shown target would reveal it.
    const plain = (s: Shown | null) => (s && !s.suppressed ? s.value : null);
    const achievedPeriod = indicatorAchievement({
      type: indicator.type,
      direction: indicator.direction,
      baseline: indicator.baselineValue,
      actual: plain(actual),
      target: periodTarget,
    });
    const achievedLife = indicatorAchievement({
      type: indicator.type,
      direction: indicator.direction,
      baseline: indicator.baselineValue,
      actual: plain(cumulative),
      target: indicator.lifeTarget,
    });
    const comment =
      own.find((v) => v.periodStart === period.from && v.periodEnd === period.to)?.comment ??
      own.filter((v) => v.periodStart >= period.from && v.periodEnd <= period.to).at(-1)?.comment ??
      null;
    rows.push({
      id: indicator.id,
      level: indicator.level,
      resultStatement: indicator.resultStatement,
      code: indicator.code,
      name: indicator.name,
      definition: indicator.definition,
      unit: indicator.unit,
      type: indicator.type,
      direction: indicator.direction,
      source: indicator.source,
      numeratorSpec: indicator.numerator,
      baseline: indicator.baselineValue,
      baselineYear: indicator.baselineYear,
      lifeTarget: indicator.lifeTarget,
      periodTarget,
      actual,
      cumulative,
      achievedPeriod,
      achievedLife,
      needsExplanation: needsVarianceExplanation(achievedPeriod),
      comment,
      meansOfVerification: {
        dataSource: indicator.dataSource,
        collectionMethod: indicator.collectionMethod,
        frequency: indicator.frequency,
        responsible: indicator.responsible,
      },
      disaggregation,
      series,
    });
  }
  return rows;
}
