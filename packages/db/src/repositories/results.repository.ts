import type {
  CreateIndicatorInput,
  CreateOutcomeInput,
  Disaggregation,
  Indicator,
  IndicatorDirection,
  IndicatorLevel,
  IndicatorTarget,
  IndicatorType,
  IndicatorValue,
  IndicatorValueInput,
  MeasureFilter,
  MeasureSpec,
  NarrativeSectionKey,
  VarianceExplanation,
  OutcomeKind,
  OutcomeRecord,
  PackStatus,
  ReportPack,
  UpdateIndicatorInput,
} from '@tessera/domain';
import { noFilter } from '@tessera/domain';
import { type RawBuilder, sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import type { IndicatorRow, IndicatorValueRow, ReportPackRow } from '../schema';
import { deleteAtVersion, updateAtVersion } from '../versioned';

// ---------------------------------------------------------------------------------------------
// Derived measures, computed in SQL: no attendance, participant or outcome row leaves the
// database, only counts and sums (grouped by a disaggregation when asked).

/** Which activities a measure looks at: a grant's projects, or one project. */
export type ResultsScope = { grantId: string } | { projectId: string };

export type MeasureGroup = Disaggregation | 'activity';

export interface MeasureRow {
  /** The group's key (gender, age band, city, activity id); null for the ungrouped total. */
  key: string | null;
  value: number;
}

export function scopedActivities(orgId: string, scope: ResultsScope, filter: MeasureFilter): RawBuilder<unknown> {
  const conditions = [sql`a.org_id = ${orgId}`];
  if ('grantId' in scope) {
    conditions.push(
      sql`a.project_id in (select pg.project_id from project_grant pg where pg.org_id = ${orgId} and pg.grant_id = ${scope.grantId})`,
    );
  } else {
    conditions.push(sql`a.project_id = ${scope.projectId}`);
  }
  if (filter.projectId) conditions.push(sql`a.project_id = ${filter.projectId}`);
  if (filter.activityKind) conditions.push(sql`a.kind = ${filter.activityKind}`);
  if (filter.city) conditions.push(sql`lower(a.city) = lower(${filter.city})`);
  return sql`select a.id from activity a where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The group key expression. Participant-based measures split by the participant (alias p), head
 * counts by their own cells (alias hc); city is the participant's, or the activity's (alias a)
 * where there is no participant; activity-based measures split only by city and activity.
 */
export function groupKey(
  group: MeasureGroup | null,
  source: 'participant' | 'headCount' | 'activity',
): RawBuilder<unknown> | null {
  if (group === null) return sql`null`;
  if (group === 'activity') return sql`a.id`;
  if (source === 'activity' && group !== 'city') return null;
  if (group === 'city') return source === 'participant' ? sql`coalesce(p.city, '')` : sql`coalesce(a.city, '')`;
  const alias = source === 'participant' ? sql`p` : sql`hc`;
  return group === 'gender' ? sql`${alias}.gender` : sql`${alias}.age_band`;
}

/** Whether a measure can be split by a dimension (sessions and outputs have no gender). */
export function measureSplits(measure: MeasureSpec['measure'], group: MeasureGroup): boolean {
  switch (measure) {
    case 'sessionsHeld':
    case 'activities':
    case 'outputQuantity':
      return group === 'city' || group === 'activity';
    default:
      return true;
  }
}

/**
 * One derived measure over a period [from, to] (inclusive ISO dates), optionally grouped.
 * - uniqueParticipants: distinct participants with minutes > 0 at a session dated in the period.
 * - participantHours: attended minutes ÷ 60 at sessions in the period.
 * - completions: enrolments whose completion was reached in the period (attendance up to `to`
 *   meets the threshold and attendance before `from` did not; an override of "completed" counts
 *   in the period the activity ends). Mirrors `enrollmentCompleted` in the domain.
 * - sessionsHeld: sessions marked held, dated in the period.
 * - activities: activities running at any time in the period.
 * - outputQuantity: quantities of outputs dated in the period.
 * - headCount: head counts of sessions dated in the period.
 * - outcomeRecords: distinct participants with an outcome record dated in the period, where the
 *   record names an activity in scope or the participant is enrolled in one.
 */
export async function measure(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  spec: MeasureSpec,
  period: { from: string; to: string },
  group: MeasureGroup | null = null,
): Promise<MeasureRow[]> {
  const activities = scopedActivities(orgId, scope, spec.filter);
  const { from, to } = period;
  let query: RawBuilder<{ key: string | null; value: number }>;
  switch (spec.measure) {
    case 'uniqueParticipants':
    case 'participantHours': {
      const value =
        spec.measure === 'uniqueParticipants'
          ? sql`count(distinct att.participant_id)`
          : sql`coalesce(sum(att.minutes), 0) / 60.0`;
      const key = groupKey(group, 'participant');
      query = sql`select ${key} as key, ${value} as value
        from attendance att
        join activity_session s on s.id = att.session_id
        join activity a on a.id = att.activity_id
        join participant p on p.id = att.participant_id
        where att.org_id = ${orgId} and att.minutes > 0 and s.date >= ${from} and s.date <= ${to}
          and att.activity_id in (${activities})
        group by 1`;
      break;
    }
    case 'completions': {
      const key = groupKey(group, 'participant');
      query = sql`select ${key} as key, count(*) as value
        from enrollment e
        join activity a on a.id = e.activity_id
        join participant p on p.id = e.participant_id
        left join (
          select att.activity_id, att.participant_id,
            sum(case when s.date <= ${to} then att.minutes else 0 end) as upto,
            sum(case when s.date < ${from} then att.minutes else 0 end) as before
          from attendance att join activity_session s on s.id = att.session_id
          where att.org_id = ${orgId} and att.activity_id in (${activities})
          group by att.activity_id, att.participant_id
        ) t on t.activity_id = e.activity_id and t.participant_id = e.participant_id
        where e.org_id = ${orgId} and e.activity_id in (${activities})
          and (
            (e.completion_override = 'completed' and a.end_date >= ${from} and a.end_date <= ${to})
            or (e.completion_override is null and e.status <> 'dropped' and a.planned_minutes > 0
              and coalesce(t.upto, 0) * 100 >= a.planned_minutes * a.completion_threshold
              and coalesce(t.before, 0) * 100 < a.planned_minutes * a.completion_threshold)
          )
        group by 1`;
      break;
    }
    case 'sessionsHeld':
    case 'activities':
    case 'outputQuantity': {
      const key = groupKey(group, 'activity');
      if (key === null) return [];
      if (spec.measure === 'sessionsHeld') {
        query = sql`select ${key} as key, count(*) as value
          from activity_session s join activity a on a.id = s.activity_id
          where s.org_id = ${orgId} and s.held_at is not null and s.date >= ${from} and s.date <= ${to}
            and s.activity_id in (${activities})
          group by 1`;
      } else if (spec.measure === 'activities') {
        query = sql`select ${key} as key, count(*) as value
          from activity a
          where a.id in (${activities}) and a.start_date <= ${to} and a.end_date >= ${from}
          group by 1`;
      } else {
        const kind = spec.filter.outputKind ? sql`and o.kind = ${spec.filter.outputKind}` : sql``;
        query = sql`select ${key} as key, coalesce(sum(o.quantity), 0) as value
          from output o join activity a on a.id = o.activity_id
          where o.org_id = ${orgId} and o.date >= ${from} and o.date <= ${to}
            and o.activity_id in (${activities}) ${kind}
          group by 1`;
      }
      break;
    }
    case 'headCount': {
      const key = groupKey(group, 'headCount');
      query = sql`select ${key} as key, coalesce(sum(hc.count), 0) as value
        from head_count hc
        join activity_session s on s.id = hc.session_id
        join activity a on a.id = s.activity_id
        where hc.org_id = ${orgId} and s.date >= ${from} and s.date <= ${to}
          and s.activity_id in (${activities})
        group by 1`;
      break;
    }
    case 'outcomeRecords': {
      const key = group === 'activity' ? sql`o.activity_id` : groupKey(group, 'participant');
      const kind = spec.filter.outcomeKind ? sql`and o.kind = ${spec.filter.outcomeKind}` : sql``;
      query = sql`select ${key} as key, count(distinct o.participant_id) as value
        from outcome_record o
        join participant p on p.id = o.participant_id
        where o.org_id = ${orgId} and o.date >= ${from} and o.date <= ${to} ${kind}
          and (o.activity_id in (${activities})
            or (o.activity_id is null and exists (
              select 1 from enrollment e where e.participant_id = o.participant_id and e.activity_id in (${activities}))))
        group by 1`;
      break;
    }
  }
  const result = await query.execute(db);
  return result.rows.map((r) => ({ key: r.key === null ? null : String(r.key), value: Number(r.value) }));
}

/** The ungrouped value of a measure (0 when nothing matched). */
export async function measureTotal(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  spec: MeasureSpec,
  period: { from: string; to: string },
): Promise<number> {
  const rows = await measure(db, orgId, scope, spec, period, null);
  return rows.reduce((s, r) => s + r.value, 0);
}

// ---------------------------------------------------------------------------------------------
// Indicators

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toIndicator(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    projectId: row.project_id,
    grantId: row.grant_id,
    level: row.level as IndicatorLevel,
    resultStatement: row.result_statement,
    code: row.code,
    name: row.name,
    definition: row.definition,
    unit: row.unit,
    type: row.type as IndicatorType,
    direction: row.direction as IndicatorDirection,
    baselineValue: row.baseline_value,
    baselineYear: row.baseline_year,
    baselineComment: row.baseline_comment,
    lifeTarget: row.life_target,
    targets: parseJson<IndicatorTarget[]>(row.targets, []),
    dataSource: row.data_source,
    collectionMethod: row.collection_method,
    frequency: row.frequency,
    responsible: row.responsible,
    disaggregation: parseJson<Disaggregation[]>(row.disaggregation, []),
    source: row.source === 'derived' ? 'derived' : 'manual',
    numerator: parseJson<MeasureSpec | null>(row.numerator, null),
    denominator: parseJson<MeasureSpec | null>(row.denominator, null),
    version: row.version,
  };
}

function indicatorColumns(input: CreateIndicatorInput) {
  return {
    project_id: input.projectId,
    grant_id: input.grantId,
    level: input.level,
    result_statement: input.resultStatement,
    code: input.code,
    name: input.name,
    definition: input.definition,
    unit: input.unit,
    type: input.type,
    direction: input.direction,
    baseline_value: input.baselineValue,
    baseline_year: input.baselineYear,
    baseline_comment: input.baselineComment,
    life_target: input.lifeTarget,
    targets: JSON.stringify([...input.targets].sort((a, b) => a.periodStart.localeCompare(b.periodStart))),
    data_source: input.dataSource,
    collection_method: input.collectionMethod,
    frequency: input.frequency,
    responsible: input.responsible,
    disaggregation: JSON.stringify(input.disaggregation),
    source: input.source,
    numerator: input.source === 'derived' && input.numerator ? JSON.stringify(input.numerator) : null,
    denominator:
      input.source === 'derived' && input.type === 'percentage' && input.denominator
        ? JSON.stringify(input.denominator)
        : null,
  };
}

export async function insertIndicator(db: Executor, orgId: string, input: CreateIndicatorInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('indicator')
    .values({ id, org_id: orgId, ...indicatorColumns(input), version: 1, created_at: now, updated_at: now })
    .execute();
  return id;
}

export function updateIndicator(db: Executor, orgId: string, input: UpdateIndicatorInput): Promise<boolean> {
  return updateAtVersion(db, 'indicator', { orgId, id: input.id, version: input.version }, indicatorColumns(input));
}

export function deleteIndicator(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'indicator', { orgId, id, version });
}

export async function findIndicator(db: Executor, orgId: string, id: string): Promise<Indicator | undefined> {
  const row = await db
    .selectFrom('indicator')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toIndicator(row) : undefined;
}

export async function listIndicators(db: Executor, orgId: string, scope: ResultsScope): Promise<Indicator[]> {
  let query = db.selectFrom('indicator').selectAll().where('org_id', '=', orgId);
  query =
    'grantId' in scope ? query.where('grant_id', '=', scope.grantId) : query.where('project_id', '=', scope.projectId);
  const rows = await query.orderBy('level').orderBy('code').execute();
  return rows.map(toIndicator);
}

/** Indicators of a grant and of the projects it funds (the grant's report shows both). */
export async function listGrantIndicators(db: Executor, orgId: string, grantId: string): Promise<Indicator[]> {
  const rows = await db
    .selectFrom('indicator')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('grant_id', '=', grantId),
        eb(
          'project_id',
          'in',
          eb
            .selectFrom('project_grant')
            .select('project_id')
            .where('org_id', '=', orgId)
            .where('grant_id', '=', grantId),
        ),
      ]),
    )
    .orderBy('level')
    .orderBy('code')
    .execute();
  return rows.map(toIndicator);
}

export async function indicatorCodeTaken(
  db: Executor,
  orgId: string,
  input: { projectId: string | null; grantId: string | null; code: string },
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('indicator')
    .select('id')
    .where('org_id', '=', orgId)
    .where((eb) => eb(eb.fn('lower', ['code']), '=', input.code.toLowerCase()));
  query = input.projectId
    ? query.where('project_id', '=', input.projectId)
    : query.where('grant_id', '=', input.grantId ?? '');
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

function toIndicatorValue(row: IndicatorValueRow): IndicatorValue {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    comment: row.comment,
    version: row.version,
  };
}

export async function listIndicatorValues(
  db: Executor,
  orgId: string,
  indicatorIds: readonly string[],
): Promise<IndicatorValue[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .selectFrom('indicator_value')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('indicator_id', 'in', [...indicatorIds])
    .orderBy('period_start')
    .orderBy('period_end')
    .execute();
  return rows.map(toIndicatorValue);
}

/** Inserts or replaces the value of one period (one row per indicator and period). */
export async function upsertIndicatorValue(
  db: Executor,
  orgId: string,
  input: IndicatorValueInput,
): Promise<IndicatorValue> {
  const now = nowIso();
  const columns = {
    value: input.numerator !== null ? null : input.value,
    numerator: input.numerator,
    denominator: input.denominator,
    comment: input.comment,
  };
  await db
    .insertInto('indicator_value')
    .values({
      id: newId(),
      org_id: orgId,
      indicator_id: input.indicatorId,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      ...columns,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['indicator_id', 'period_start', 'period_end']).doUpdateSet({
        ...columns,
        version: sql`indicator_value.version + 1`,
        updated_at: now,
      }),
    )
    .execute();
  const row = await db
    .selectFrom('indicator_value')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('indicator_id', '=', input.indicatorId)
    .where('period_start', '=', input.periodStart)
    .where('period_end', '=', input.periodEnd)
    .executeTakeFirstOrThrow();
  return toIndicatorValue(row);
}

/** The value stored for this indicator and period, if any. */
export async function findIndicatorValueAt(
  db: Executor,
  orgId: string,
  at: { indicatorId: string; periodStart: string; periodEnd: string },
) {
  const row = await db
    .selectFrom('indicator_value')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('indicator_id', '=', at.indicatorId)
    .where('period_start', '=', at.periodStart)
    .where('period_end', '=', at.periodEnd)
    .executeTakeFirst();
  return row ? toIndicatorValue(row) : undefined;
}

export async function findIndicatorValue(db: Executor, orgId: string, id: string) {
  const row = await db
    .selectFrom('indicator_value')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toIndicatorValue(row) : undefined;
}

export function deleteIndicatorValue(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'indicator_value', { orgId, id, version });
}

// ---------------------------------------------------------------------------------------------
// Outcome records

/**
 * An outcome record as stored: the description sealed by the API (`descriptionEnc`), or, in a
 * row written before descriptions were sealed and not yet sealed at start, in clear (`description`).
 */
export type StoredOutcome = Omit<OutcomeRecord, 'description'> & {
  descriptionEnc: string | null;
  description: string | null;
};

/** What the API writes: the input with its description already sealed. */
export type OutcomeValues = Omit<CreateOutcomeInput, 'participantId' | 'description'> & {
  descriptionEnc: string | null;
};

export async function listOutcomes(db: Executor, orgId: string, participantId: string): Promise<StoredOutcome[]> {
  const rows = await db
    .selectFrom('outcome_record as o')
    .leftJoin('activity as a', 'a.id', 'o.activity_id')
    .select([
      'o.id',
      'o.participant_id',
      'o.activity_id',
      'a.title as activity_title',
      'o.kind',
      'o.date',
      'o.score_before',
      'o.score_after',
      'o.description',
      'o.description_enc',
      'o.version',
    ])
    .where('o.org_id', '=', orgId)
    .where('o.participant_id', '=', participantId)
    .orderBy('o.date', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    activityId: r.activity_id,
    activityTitle: r.activity_title ?? null,
    kind: r.kind as OutcomeKind,
    date: r.date,
    scoreBefore: r.score_before,
    scoreAfter: r.score_after,
    description: r.description,
    descriptionEnc: r.description_enc,
    version: r.version,
  }));
}

export async function findOutcome(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('outcome_record')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

function outcomeColumns(input: OutcomeValues) {
  return {
    activity_id: input.activityId,
    kind: input.kind,
    date: input.date,
    score_before: input.kind === 'score' ? input.scoreBefore : null,
    score_after: input.kind === 'score' ? input.scoreAfter : null,
    description: null,
    description_enc: input.descriptionEnc,
  };
}

/** Inserts under the id the caller chose (the sealed description is bound to it). */
export async function insertOutcome(
  db: Executor,
  orgId: string,
  input: OutcomeValues & { id: string; participantId: string },
): Promise<string> {
  const now = nowIso();
  await db
    .insertInto('outcome_record')
    .values({
      id: input.id,
      org_id: orgId,
      participant_id: input.participantId,
      ...outcomeColumns(input),
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return input.id;
}

export function updateOutcome(
  db: Executor,
  orgId: string,
  target: { id: string; version: number },
  values: OutcomeValues,
): Promise<boolean> {
  return updateAtVersion(db, 'outcome_record', { orgId, ...target }, outcomeColumns(values));
}

export function deleteOutcome(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'outcome_record', { orgId, id, version });
}

/** Erasure keeps the numbers: an erased participant's outcome records lose their free text. */
export async function clearOutcomeText(db: Executor, orgId: string, participantId: string): Promise<void> {
  await db
    .updateTable('outcome_record')
    .set({ description: null, description_enc: null, updated_at: nowIso() })
    .where('org_id', '=', orgId)
    .where('participant_id', '=', participantId)
    .execute();
}

/** Outcome descriptions still in clear (written before they were sealed), in every organisation. */
export async function outcomesWithClearDescription(
  db: Executor,
  limit: number,
): Promise<{ id: string; orgId: string; description: string }[]> {
  const rows = await db
    .selectFrom('outcome_record')
    .select(['id', 'org_id', 'description'])
    .where('description', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, description: r.description ?? '' }));
}

/** Replaces a clear description by its sealed form (the version stays: the content did not change). */
export async function sealOutcomeDescription(db: Executor, orgId: string, id: string, sealed: string): Promise<void> {
  await db
    .updateTable('outcome_record')
    .set({ description: null, description_enc: sealed })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('description', 'is not', null)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Report packs

type PackSelection = Omit<ReportPackRow, 'frozen_content'> & { replaces_submitted_date: string | null };

function toReportPack(row: PackSelection): ReportPack {
  return {
    id: row.id,
    grantId: row.grant_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status as PackStatus,
    submittedDate: row.submitted_date,
    deadlineId: row.deadline_id,
    narrative: parseJson<{ key: NarrativeSectionKey; body: string }[]>(row.narrative, []),
    varianceExplanations: parseJson<VarianceExplanation[]>(row.variance_explanations, []),
    updatedAt: row.updated_at,
    version: row.version,
    edition: row.edition,
    replaces: row.replaces_id ? { id: row.replaces_id, submittedDate: row.replaces_submitted_date } : null,
    frozenAt: row.frozen_at,
  };
}

/** A pack with the submission date of the one it replaces; never the (large, sealed) frozen content. */
function selectPacks(db: Executor, orgId: string) {
  return db
    .selectFrom('report_pack as p')
    .leftJoin('report_pack as r', (join) => join.onRef('r.id', '=', 'p.replaces_id').onRef('r.org_id', '=', 'p.org_id'))
    .select([
      'p.id',
      'p.org_id',
      'p.grant_id',
      'p.period_start',
      'p.period_end',
      'p.status',
      'p.submitted_date',
      'p.deadline_id',
      'p.narrative',
      'p.variance_explanations',
      'p.version',
      'p.created_at',
      'p.updated_at',
      'p.edition',
      'p.replaces_id',
      'p.frozen_at',
      'r.submitted_date as replaces_submitted_date',
    ])
    .where('p.org_id', '=', orgId);
}

export async function findReportPack(db: Executor, orgId: string, id: string): Promise<ReportPack | undefined> {
  const row = await selectPacks(db, orgId).where('p.id', '=', id).executeTakeFirst();
  return row ? toReportPack(row) : undefined;
}

/** The latest version of the pack for a grant and period. */
export async function findReportPackFor(
  db: Executor,
  orgId: string,
  grantId: string,
  period: { from: string; to: string },
): Promise<ReportPack | undefined> {
  const row = await selectPacks(db, orgId)
    .where('p.grant_id', '=', grantId)
    .where('p.period_start', '=', period.from)
    .where('p.period_end', '=', period.to)
    .orderBy('p.edition', 'desc')
    .executeTakeFirst();
  return row ? toReportPack(row) : undefined;
}

export async function listReportPacks(db: Executor, orgId: string, grantId: string): Promise<ReportPack[]> {
  const rows = await selectPacks(db, orgId)
    .where('p.grant_id', '=', grantId)
    .orderBy('p.period_start', 'desc')
    .orderBy('p.period_end', 'desc')
    .orderBy('p.edition', 'desc')
    .execute();
  return rows.map(toReportPack);
}

/**
 * Creates a pack for a grant and period unless that version exists (concurrent prepares meet the
 * unique key). A new version (`edition` 2, 3, …) names the submitted pack it replaces.
 */
export async function insertReportPack(
  db: Executor,
  orgId: string,
  input: {
    grantId: string;
    from: string;
    to: string;
    deadlineId: string | null;
    edition?: number;
    replacesId?: string | null;
  },
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('report_pack')
    .values({
      id: newId(),
      org_id: orgId,
      grant_id: input.grantId,
      period_start: input.from,
      period_end: input.to,
      status: 'draft',
      submitted_date: null,
      deadline_id: input.deadlineId,
      narrative: '[]',
      version: 1,
      created_at: now,
      updated_at: now,
      edition: input.edition ?? 1,
      replaces_id: input.replacesId ?? null,
      frozen_content: null,
      frozen_at: null,
    })
    .onConflict((oc) => oc.columns(['grant_id', 'period_start', 'period_end', 'edition']).doNothing())
    .execute();
}

export function saveReportNarrative(
  db: Executor,
  orgId: string,
  input: { id: string; version: number; narrative: { key: NarrativeSectionKey; body: string }[] },
): Promise<boolean> {
  return updateAtVersion(
    db,
    'report_pack',
    { orgId, id: input.id, version: input.version },
    { narrative: JSON.stringify(input.narrative) },
  );
}

export function saveReportVarianceExplanations(
  db: Executor,
  orgId: string,
  input: { id: string; version: number; explanations: VarianceExplanation[] },
): Promise<boolean> {
  return updateAtVersion(
    db,
    'report_pack',
    { orgId, id: input.id, version: input.version },
    { variance_explanations: JSON.stringify(input.explanations) },
  );
}

export function markReportSubmitted(
  db: Executor,
  orgId: string,
  input: { id: string; version: number; submittedDate: string; deadlineId: string | null },
): Promise<boolean> {
  return updateAtVersion(
    db,
    'report_pack',
    { orgId, id: input.id, version: input.version },
    {
      status: 'submitted',
      submitted_date: input.submittedDate,
      deadline_id: input.deadlineId,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// What a report pack lists for its period

export interface PackActivityRecord {
  id: string;
  reference: string | null;
  title: string;
  kind: string;
  project: string;
  city: string | null;
  startDate: string;
  endDate: string;
  /** Minutes of the sessions held in the period. */
  minutesHeld: number;
}

/** The activities in scope that run at any time in the period, with the minutes held in it. */
export async function packActivities(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
): Promise<PackActivityRecord[]> {
  const activities = scopedActivities(orgId, scope, noFilter);
  const result = await sql<{
    id: string;
    reference: string | null;
    title: string;
    kind: string;
    project: string;
    city: string | null;
    start_date: string;
    end_date: string;
    minutes_held: number;
  }>`select a.id, a.reference, a.title, a.kind, pr.title as project, a.city, a.start_date, a.end_date,
      coalesce((select sum(s.minutes) from activity_session s
        where s.activity_id = a.id and s.held_at is not null and s.date >= ${period.from} and s.date <= ${period.to}), 0)
        as minutes_held
    from activity a join project pr on pr.id = a.project_id
    where a.id in (${activities}) and a.start_date <= ${period.to} and a.end_date >= ${period.from}
    order by a.start_date, a.title`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    kind: r.kind,
    project: r.project,
    city: r.city,
    startDate: r.start_date,
    endDate: r.end_date,
    minutesHeld: Number(r.minutes_held),
  }));
}

export async function packOutputs(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
) {
  const activities = scopedActivities(orgId, scope, noFilter);
  const result = await sql<{
    activity: string;
    kind: string;
    title: string;
    quantity: number;
    date: string;
    link: string | null;
  }>`select a.title as activity, o.kind, o.title, o.quantity, o.date, o.link
    from output o join activity a on a.id = o.activity_id
    where o.org_id = ${orgId} and o.activity_id in (${activities}) and o.date >= ${period.from} and o.date <= ${period.to}
    order by o.date, o.title`.execute(db);
  return result.rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Head counts in the period by gender × age band. */
export async function headCountGrid(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  period: { from: string; to: string },
): Promise<{ gender: string; ageBand: string; count: number }[]> {
  const activities = scopedActivities(orgId, scope, noFilter);
  const result = await sql<{ gender: string; age_band: string; count: number }>`
    select hc.gender, hc.age_band, sum(hc.count) as count
    from head_count hc join activity_session s on s.id = hc.session_id
    where hc.org_id = ${orgId} and s.date >= ${period.from} and s.date <= ${period.to}
      and s.activity_id in (${activities})
    group by hc.gender, hc.age_band`.execute(db);
  return result.rows.map((r) => ({ gender: r.gender, ageBand: r.age_band, count: Number(r.count) }));
}

/**
 * Per budget line: its budget as first agreed, as revised by the period's end and as it is now;
 * spent in the period and to its end (grant currency; base where known).
 */
export async function spendingByLineBetween(
  db: Executor,
  orgId: string,
  grantId: string,
  period: { from: string; to: string },
) {
  const result = await sql<{
    code: string;
    category: string;
    description: string | null;
    original: number;
    revised: number;
    budget: number;
    spent_period: number;
    spent_to_date: number;
    spent_to_date_base: number;
    unconverted: number;
  }>`select l.code, l.category, l.description, l.original_amount_minor as original, l.amount_minor as budget,
      coalesce((select rl.amount_after_minor from budget_revision_line rl
          join budget_revision r on r.id = rl.revision_id
        where rl.budget_line_id = l.id and r.date <= ${period.to}
        order by r.date desc, r.created_at desc limit 1), l.original_amount_minor) as revised,
      coalesce(sum(case when e.date >= ${period.from} and e.date <= ${period.to} then e.amount_grant_minor end), 0) as spent_period,
      coalesce(sum(case when e.date <= ${period.to} then e.amount_grant_minor end), 0) as spent_to_date,
      coalesce(sum(case when e.date <= ${period.to} then e.amount_base_minor end), 0) as spent_to_date_base,
      sum(case when e.date <= ${period.to} and e.id is not null and e.amount_base_minor is null then 1 else 0 end) as unconverted
    from budget_line l left join expenditure e on e.budget_line_id = l.id
    where l.org_id = ${orgId} and l.grant_id = ${grantId}
    group by l.id, l.code, l.category, l.description, l.original_amount_minor, l.amount_minor
    order by l.code`.execute(db);
  return result.rows.map((r) => ({
    code: r.code,
    category: r.category,
    description: r.description,
    originalBudgetMinor: Number(r.original),
    revisedBudgetMinor: Number(r.revised),
    budgetMinor: Number(r.budget),
    spentPeriodMinor: Number(r.spent_period),
    spentToDateMinor: Number(r.spent_to_date),
    spentToDateBaseMinor: Number(r.spent_to_date_base),
    unconvertedCount: Number(r.unconverted),
  }));
}

/** An activity's enrolled participants' ids, in code order (for the demo loader). */
export async function enrolledParticipantIds(db: Executor, orgId: string, activityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enrollment as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .select('p.id')
    .where('e.org_id', '=', orgId)
    .where('e.activity_id', '=', activityId)
    .orderBy('p.code')
    .execute();
  return rows.map((r) => r.id);
}

/** The organisations that have a grant with this reference (the CLI may be run without --org). */
export async function organizationsWithGrantReference(db: Executor, reference: string): Promise<string[]> {
  const rows = await db.selectFrom('grant').select('org_id').distinct().where('reference', '=', reference).execute();
  return rows.map((r) => r.org_id);
}
