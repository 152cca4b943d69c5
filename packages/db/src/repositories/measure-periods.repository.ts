import type { MeasureSpec } from '@tessera/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../connection';
import {
  groupKey,
  type MeasureGroup,
  type MeasureRow,
  measure,
  type ResultsScope,
  scopedActivities,
} from './results.repository';

/**
 * One measure over many periods at once, as `measure` would give it for each (the same
 * definitions, one scan): what deciding a figure across every period of the lattice needs
 * (ADR 0012). The people measures (unique participants, participant hours, completions) are
 * counted with one column per period; the others fall back to one `measure` call per period.
 * Answers in the order of `periods`.
 */
export async function measureAcrossPeriods(
  db: Executor,
  orgId: string,
  scope: ResultsScope,
  spec: MeasureSpec,
  periods: readonly { from: string; to: string }[],
  group: MeasureGroup | null = null,
): Promise<MeasureRow[][]> {
  if (periods.length === 0) return [];
  const activities = scopedActivities(orgId, scope, spec.filter);
  const key = groupKey(group, 'participant');
  let query: RawBuilder<Record<string, unknown>>;
  if ((spec.measure === 'uniqueParticipants' || spec.measure === 'participantHours') && key) {
    // ISO dates order as text: the scan covers the earliest start to the latest end.
    const first = periods.map((p) => p.from).sort()[0] ?? '';
    const last =
      periods
        .map((p) => p.to)
        .sort()
        .at(-1) ?? '';
    const columns = periods.map((p, i) => {
      const inside = sql`s.date >= ${p.from} and s.date <= ${p.to}`;
      const value =
        spec.measure === 'uniqueParticipants'
          ? sql`count(distinct case when ${inside} then att.participant_id end)`
          : sql`coalesce(sum(case when ${inside} then att.minutes else 0 end), 0) / 60.0`;
      return sql`${value} as ${sql.ref(`v${i}`)}`;
    });
    query = sql`select ${key} as key, ${sql.join(columns)}
      from attendance att
      join activity_session s on s.id = att.session_id
      join activity a on a.id = att.activity_id
      join participant p on p.id = att.participant_id
      where att.org_id = ${orgId} and att.minutes > 0 and s.date >= ${first} and s.date <= ${last}
        and att.activity_id in (${activities})
      group by 1`;
  } else if (spec.measure === 'completions' && key) {
    // Reached in a period: attendance up to its end meets the threshold, before its start did
    // not; an override of "completed" counts in the period the activity ends (as `measure`).
    const sums = periods.map(
      (p, i) => sql`sum(case when s.date <= ${p.to} then att.minutes else 0 end) as ${sql.ref(`upto${i}`)},
        sum(case when s.date < ${p.from} then att.minutes else 0 end) as ${sql.ref(`before${i}`)}`,
    );
    const counts = periods.map(
      (p, i) => sql`sum(case when
          (e.completion_override = 'completed' and a.end_date >= ${p.from} and a.end_date <= ${p.to})
          or (e.completion_override is null and e.status <> 'dropped' and a.planned_minutes > 0
            and coalesce(${sql.ref(`t.upto${i}`)}, 0) * 100 >= a.planned_minutes * a.completion_threshold
            and coalesce(${sql.ref(`t.before${i}`)}, 0) * 100 < a.planned_minutes * a.completion_threshold)
        then 1 else 0 end) as ${sql.ref(`v${i}`)}`,
    );
    query = sql`select ${key} as key, ${sql.join(counts)}
      from enrollment e
      join activity a on a.id = e.activity_id
      join participant p on p.id = e.participant_id
      left join (
        select att.activity_id, att.participant_id, ${sql.join(sums)}
        from attendance att join activity_session s on s.id = att.session_id
        where att.org_id = ${orgId} and att.activity_id in (${activities})
        group by att.activity_id, att.participant_id
      ) t on t.activity_id = e.activity_id and t.participant_id = e.participant_id
      where e.org_id = ${orgId} and e.activity_id in (${activities})
      group by 1`;
  } else {
    const out: MeasureRow[][] = [];
    for (const period of periods) out.push(await measure(db, orgId, scope, spec, period, group));
    return out;
  }
  const result = await query.execute(db);
  return periods.map((_, i) =>
    result.rows
      .map((r) => ({ key: r.key === null ? null : String(r.key), value: Number(r[`v${i}`] ?? 0) }))
      .filter((r) => r.value !== 0),
  );
}
