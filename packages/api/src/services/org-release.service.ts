import {
  type Actor,
  figureKey,
  type MeasureFilter,
  type MeasureSpec,
  periodKey,
  type ReleaseFigure,
  releaseFigures,
  scopeKey,
} from '@tessera/domain';
import { type Executor, type ReleaseFacts, type ResultsScope, releaseFacts } from '@tessera/db';
import { ownerReleasePeriods, type Period } from './results-release.service';

/**
 * Every people figure an organisation shows to readers whose counts are suppressed, decided
 * together (ADR 0012, `releaseFigures`): over the scopes they may look at (each grant, each
 * project, each indicator's filter of them, each activity), the groups of the breakdowns, and
 * the periods of each scope (its owners' lattices, "to date" and target periods; all time for
 * an activity's totals). The universe depends on the organisation's data only, never on the
 * request, so no two requests differ by a small group, whatever scope or period they name.
 */
export interface OrgRelease {
  /** The activities of a grant or project, narrowed by an indicator's filter. */
  scopeOf(owner: ResultsScope, filter?: MeasureFilter): string[];
  /**
   * Whether the figure may be shown: `family` is "people" (also their hours) or "completions";
   * `split` a breakdown group such as "gender=woman", or null for everyone. A figure of a scope
   * or period outside the universe is withheld; one that counts nobody is shown (it is 0).
   */
  shown(activityIds: readonly string[], family: Family, split: string | null, period: Period): boolean;
  /** The count the decision was made on (0 where nobody is counted): for checks against the measures. */
  count(activityIds: readonly string[], family: Family, split: string | null, period: Period): number;
}

/** People attending (and their hours), enrolments completed, people enrolled (an activity's, over all time). */
export type Family = 'people' | 'completions' | 'enrolled';

/** An activity's totals on the delivery screens count over all time. */
export const allTime: Period = { from: '0000-01-01', to: '9999-12-31' };

const splitsOf = (p: { gender: string; ageBand: string; city: string }) => [
  `gender=${p.gender}`,
  `ageBand=${p.ageBand}`,
  `city=${p.city}`,
];

/** The family of a measure's people: hours follow the people they belong to. */
export function familyOf(spec: MeasureSpec | null | undefined): Family | null {
  if (!spec) return null;
  if (spec.measure === 'uniqueParticipants' || spec.measure === 'participantHours') return 'people';
  if (spec.measure === 'completions') return 'completions';
  return null;
}

interface View {
  scope: string;
  rank: number;
  periods: Period[];
  /** Whether the view's breakdowns (gender, age band, city) are shown too. */
  splits: boolean;
}

export async function orgRelease(db: Executor, actor: Actor, k: number): Promise<OrgRelease> {
  const facts = await releaseFacts(db, actor.orgId);
  const byId = new Map(facts.activities.map((a) => [a.id, a]));
  const projectActivities = new Map<string, string[]>();
  for (const a of facts.activities) push(projectActivities, a.projectId, a.id);
  const ownerActivities = (owner: ResultsScope): string[] =>
    'projectId' in owner
      ? (projectActivities.get(owner.projectId) ?? [])
      : facts.projectGrants
          .filter((pg) => pg.grantId === owner.grantId)
          .flatMap((pg) => projectActivities.get(pg.projectId) ?? []);
  const scopeOf = (owner: ResultsScope, filter?: MeasureFilter) =>
    ownerActivities(owner).filter((id) => {
      const a = byId.get(id);
      if (!a || !filter) return a !== undefined;
      if (filter.projectId && a.projectId !== filter.projectId) return false;
      if (filter.activityKind && a.kind !== filter.activityKind) return false;
      if (filter.city && (a.city ?? '').toLowerCase() !== filter.city.toLowerCase()) return false;
      return true;
    });

  const views = await viewsOf(db, actor, facts, scopeOf);
  const figures = countFigures(facts, views);
  const shownKeys = releaseFigures(figures, k);
  const counted = new Map(figures.map((f) => [figureKey(f.scope, f.group, f), f.count]));
  const periodsOf = new Map<string, Set<string>>();
  for (const view of views) {
    const known = periodsOf.get(view.scope) ?? new Set<string>();
    for (const p of view.periods) known.add(periodKey(p));
    periodsOf.set(view.scope, known);
  }
  return {
    scopeOf,
    shown(activityIds, family, split, period) {
      const scope = scopeKey(activityIds);
      if (scope === '') return true;
      if (!periodsOf.get(scope)?.has(periodKey(period))) return false;
      const key = figureKey(scope, split ? `${family}/${split}` : family, period);
      return !counted.has(key) || shownKeys.has(key);
    },
    count(activityIds, family, split, period) {
      return counted.get(figureKey(scopeKey(activityIds), split ? `${family}/${split}` : family, period)) ?? 0;
    },
  };
}

/** The scopes readers may look at, each with its rank and periods. */
async function viewsOf(
  db: Executor,
  actor: Actor,
  facts: ReleaseFacts,
  scopeOf: (owner: ResultsScope, filter?: MeasureFilter) => string[],
): Promise<View[]> {
  const views: View[] = [];
  const grantPeriods = new Map<string, Period[]>();
  for (const grantId of facts.grantIds) grantPeriods.set(grantId, await ownerReleasePeriods(db, actor, { grantId }));
  const owners: { owner: ResultsScope; rank: number; periods: Period[] }[] = facts.grantIds.map((grantId) => ({
    owner: { grantId },
    rank: 0,
    periods: grantPeriods.get(grantId) ?? [],
  }));
  for (const projectId of facts.projectIds) {
    // A project's figures are seen over its own periods and those of every grant funding it.
    const periods = await ownerReleasePeriods(db, actor, { projectId });
    for (const pg of facts.projectGrants)
      if (pg.projectId === projectId) periods.push(...(grantPeriods.get(pg.grantId) ?? []));
    owners.push({ owner: { projectId }, rank: 1, periods });
  }
  for (const { owner, rank, periods } of owners) {
    views.push({ scope: scopeKey(scopeOf(owner)), rank, periods, splits: true });
    const own = facts.indicators.filter((i) =>
      'grantId' in owner ? i.grantId === owner.grantId : i.projectId === owner.projectId,
    );
    for (const indicator of own) {
      for (const spec of [indicator.numerator, indicator.denominator]) {
        if (familyOf(spec) && spec)
          views.push({ scope: scopeKey(scopeOf(owner, spec.filter)), rank: 2, periods, splits: true });
      }
    }
    // Each activity: a pack's activity rows and a breakdown by activity.
    for (const id of scopeOf(owner)) views.push({ scope: id, rank: 3, periods, splits: false });
  }
  // The delivery screens: each activity's totals over all time, and each session's day.
  const days = new Map<string, Set<string>>();
  for (const f of facts.attendance) days.set(f.activityId, (days.get(f.activityId) ?? new Set()).add(f.date));
  for (const a of facts.activities) {
    views.push({ scope: a.id, rank: 4, periods: [allTime], splits: false });
    const sessionDays = [...(days.get(a.id) ?? [])].map((date) => ({ from: date, to: date }));
    views.push({ scope: a.id, rank: 5, periods: sessionDays, splits: false });
  }
  return views.filter((v) => v.scope !== '');
}

/**
 * Counts every figure of every view from the facts in one pass: distinct people attending (at
 * least a minute) and distinct enrolments completing, by the same rules as the SQL measures.
 */
function countFigures(facts: ReleaseFacts, views: readonly View[]): ReleaseFigure[] {
  // Per scope: its best rank, its periods, whether its splits count, and the scopes holding each activity.
  const scopes = new Map<string, { rank: number; periods: Map<string, Period>; splits: boolean }>();
  for (const v of views) {
    const s = scopes.get(v.scope) ?? { rank: v.rank, periods: new Map<string, Period>(), splits: false };
    s.rank = Math.min(s.rank, v.rank);
    s.splits ||= v.splits;
    for (const p of v.periods) s.periods.set(periodKey(p), { from: p.from, to: p.to });
    scopes.set(v.scope, s);
  }
  const scopesOfActivity = new Map<string, string[]>();
  for (const scope of scopes.keys()) {
    for (const id of scope.split(',')) push(scopesOfActivity, id, scope);
  }
  const members = new Map<string, Set<string>>();
  const add = (
    activityId: string,
    date: string,
    family: Family,
    who: string,
    person: Parameters<typeof splitsOf>[0],
  ) => {
    for (const scope of scopesOfActivity.get(activityId) ?? []) {
      const s = scopes.get(scope);
      if (!s) continue;
      const groups = s.splits ? [family, ...splitsOf(person).map((x) => `${family}/${x}`)] : [family];
      for (const p of s.periods.values()) {
        if (date < p.from || date > p.to) continue;
        for (const group of groups) {
          const key = figureKey(scope, group, p);
          const set = members.get(key) ?? new Set<string>();
          set.add(who);
          members.set(key, set);
        }
      }
    }
  };
  for (const f of facts.attendance) if (f.minutes > 0) add(f.activityId, f.date, 'people', f.participantId, f);
  for (const c of completionsOf(facts))
    add(c.activityId, c.date, 'completions', `${c.participantId}|${c.activityId}`, c);
  // Those enrolled are counted per activity over all time (the delivery screens' totals).
  for (const e of facts.enrollments) {
    const key = figureKey(e.activityId, 'enrolled', allTime);
    members.set(key, (members.get(key) ?? new Set<string>()).add(e.participantId));
  }

  const figures: ReleaseFigure[] = [];
  for (const [key, set] of members) {
    const [scope = '', group = '', period = ''] = key.split('|');
    const [from = '', to = ''] = period.split('/');
    figures.push({ scope, group, from, to, count: set.size, rank: scopes.get(scope)?.rank ?? 9 });
  }
  return figures;
}

/**
 * The day each enrolment completes: an override of "completed" on the activity's last day; else
 * the first day its minutes reach the activity's threshold (not for dropped enrolments).
 */
function completionsOf(facts: ReleaseFacts) {
  const minutes = new Map<string, { date: string; minutes: number }[]>();
  for (const f of facts.attendance) {
    const key = `${f.participantId}|${f.activityId}`;
    push(minutes, key, { date: f.date, minutes: f.minutes });
  }
  const out: (Parameters<typeof splitsOf>[0] & { participantId: string; activityId: string; date: string })[] = [];
  const activities = new Map(facts.activities.map((a) => [a.id, a]));
  for (const e of facts.enrollments) {
    const activity = activities.get(e.activityId);
    if (!activity) continue;
    if (e.completionOverride === 'completed') {
      out.push({ ...e, date: activity.endDate });
      continue;
    }
    if (e.completionOverride !== null || e.status === 'dropped' || activity.plannedMinutes <= 0) continue;
    let total = 0;
    for (const day of minutes.get(`${e.participantId}|${e.activityId}`) ?? []) {
      total += day.minutes;
      if (total * 100 >= activity.plannedMinutes * activity.completionThreshold) {
        out.push({ ...e, date: day.date });
        break;
      }
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
