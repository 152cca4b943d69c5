import { type Actor, type Indicator, periodKey, releaseAcrossPeriods } from '@tessera/domain';
import { type Executor, findProject } from '@tessera/db';
import { type LatticeOwner, latticeOf } from './period-lattice.service';

export interface Period {
  from: string;
  to: string;
}

/**
 * Every period in which an owner's people figures can be seen by a reader whose counts are
 * suppressed: its lattice, each period also "to date" from the owner's start, and each target
 * or reporting period (a target period may carry a reporting period's name) cut at every
 * lattice end (a chart's point when a shorter period is asked for). The set
 * depends on the owner only, never on the request, so every request about a figure is decided
 * against the same periods (ADR 0012).
 */
export async function ownerReleasePeriods(db: Executor, actor: Actor, owner: LatticeOwner): Promise<Period[]> {
  const { span, periods } = await latticeOf(db, actor, owner);
  const toDate = periods.map((p) => ({ from: span.startDate, to: p.to }));
  const cut = periods
    .filter((t) => t.kind === 'target' || t.kind === 'reporting')
    .flatMap((t) => periods.filter((p) => p.to >= t.from && p.to < t.to).map((p) => ({ from: t.from, to: p.to })));
  return unique([...periods, ...toDate, ...cut]);
}

/** The periods of one indicator: its grant's, or its project's and those of every grant funding it. */
export async function releasePeriods(db: Executor, actor: Actor, indicator: Indicator): Promise<Period[]> {
  if (indicator.grantId) return ownerReleasePeriods(db, actor, { grantId: indicator.grantId });
  if (!indicator.projectId) return [];
  const periods = await ownerReleasePeriods(db, actor, { projectId: indicator.projectId });
  const project = await findProject(db, actor.orgId, indicator.projectId);
  for (const { grantId } of project?.grants ?? []) periods.push(...(await ownerReleasePeriods(db, actor, { grantId })));
  return unique(periods);
}

function unique(periods: readonly Period[]): Period[] {
  const seen = new Set<string>();
  return periods
    .map((p) => ({ from: p.from, to: p.to }))
    .filter((p) => {
      const key = periodKey(p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Decides which periods of one figure may be shown together (`releaseAcrossPeriods`): `series`
 * holds, for each count of people behind the figure (one for a count, two for a percentage's
 * numerator and denominator), its value in each of `periods`; a period is shown only where every
 * series may be. No series (the figure counts no people): nothing is withheld. Periods asked for
 * outside the set are withheld.
 */
export function releasedFor(
  periods: readonly Period[],
  series: readonly (readonly number[])[],
  k: number,
): (period: Period) => boolean {
  if (series.length === 0) return () => true;
  const shown = series.map((counts) =>
    releaseAcrossPeriods(
      periods.map((p, i) => ({ ...p, count: counts[i] ?? 0 })),
      k,
    ),
  );
  return (period) => shown.every((set) => set.has(periodKey(period)));
}
