import type { Disaggregation, Measure, MeasureFilter } from '@tessera/domain';

/**
 * Which filters and splits a derived measure honours, mirroring how packages/db
 * (results.repository) computes it: every measure looks at a set of activities (kind, city and,
 * on a grant, the project narrow it); output and outcome kinds narrow only their own measure;
 * activity-based measures (sessions, activities, outputs) have no people to split by gender or
 * age band. The form shows only what applies and drops the rest before saving.
 */

export type FilterKey = keyof MeasureFilter;
export type IndicatorOwner = 'project' | 'grant';

export const filterKeys: readonly FilterKey[] = ['activityKind', 'projectId', 'city', 'outputKind', 'outcomeKind'];

const activityBased: readonly Measure[] = ['sessionsHeld', 'activities', 'outputQuantity'];

/** The filters that change what `measure` counts, in the order the form shows them. */
export function applicableFilters(measure: Measure | '', owner: IndicatorOwner): FilterKey[] {
  if (measure === '') return [];
  const keys: FilterKey[] = ['activityKind'];
  // A project's indicator already counts only that project's activities.
  if (owner === 'grant') keys.push('projectId');
  keys.push('city');
  if (measure === 'outputQuantity') keys.push('outputKind');
  if (measure === 'outcomeRecords') keys.push('outcomeKind');
  return keys;
}

/** The filter with everything that does not apply to `measure` cleared. */
export function keepApplicable(measure: Measure, owner: IndicatorOwner, filter: MeasureFilter): MeasureFilter {
  const keep = new Set(applicableFilters(measure, owner));
  return {
    activityKind: keep.has('activityKind') ? filter.activityKind : null,
    projectId: keep.has('projectId') ? filter.projectId : null,
    city: keep.has('city') ? filter.city : null,
    outputKind: keep.has('outputKind') ? filter.outputKind : null,
    outcomeKind: keep.has('outcomeKind') ? filter.outcomeKind : null,
  };
}

/**
 * The splits a derived indicator's results can show. Only derived number indicators are split
 * by the server; a hand-entered one may still name its splits for the logframe.
 */
export function applicableDisaggregations(source: 'manual' | 'derived', measure: Measure | ''): Disaggregation[] {
  if (source === 'derived' && measure !== '' && activityBased.includes(measure)) return ['city'];
  return ['gender', 'ageBand', 'city'];
}
