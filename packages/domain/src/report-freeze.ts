import type { IndicatorResultRow, ReportPackContent } from './report-pack';
import { peopleMeasures } from './results';
import type { Shown } from './suppression';

/**
 * Frozen report packs (docs/decisions/0011-report-packs.md, "Frozen packs"). A submitted pack is
 * kept as it was sent; a new version of the same period is checked against every version already
 * released, because the funder holds both: two releases of one figure that differ by 1 to k−1
 * people give away a small group as surely as a small count does.
 */

/** A pack's people figures, keyed by what they count and where (same measure, same cell). */
export type PackFigures = ReadonlyMap<string, Shown>;

/** A file kept as it was sent at submission (bytes are served by the API, not listed here). */
export interface SubmittedPackFile {
  id: string;
  format: string;
  locale: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

function hide(k: number): Shown {
  return { suppressed: true, threshold: k };
}

/** True when two shown values of one figure, side by side, would reveal 1 to k−1 people. */
export function revealsSmallDifference(previous: number, next: number, k: number): boolean {
  const difference = Math.abs(next - previous);
  return difference > 0 && difference < k;
}

/**
 * The figures of a new release (`next`) as they may be shown beside a release already out
 * (`previous`), at threshold k:
 *
 * 1. a figure shown in both whose values differ by 1 to k−1 is hidden in the new release;
 * 2. if rule 1 hid anything, every other figure of the new release that is not shown exactly as
 *    released (changed, new, or hidden before) is hidden too: the figures of one pack are linked
 *    by their totals (a breakdown adds up to the reach, activities sit beside it), so a hidden
 *    change could otherwise be worked out by subtracting the shown changes from a new total.
 *
 * Never shows what `next` hides. Pure: no figure outside the maps is considered.
 */
export function protectAgainstReleased(previous: PackFigures, next: PackFigures, k: number): Map<string, Shown> {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`Not a suppression threshold: ${k}`);
  const out = new Map(next);
  let hidSome = false;
  for (const [key, shown] of next) {
    const before = previous.get(key);
    if (shown.suppressed || !before || before.suppressed) continue;
    if (revealsSmallDifference(before.value, shown.value, k)) {
      out.set(key, hide(k));
      hidSome = true;
    }
  }
  if (!hidSome) return out;
  for (const [key, shown] of out) {
    if (shown.suppressed) continue;
    const before = previous.get(key);
    if (!before || before.suppressed || before.value !== shown.value) out.set(key, hide(k));
  }
  return out;
}

/** Indicators whose values count people (by a people measure, or typed by hand as whole people). */
function countsPeople(row: IndicatorResultRow): boolean {
  if (row.type === 'percentage') return false;
  if (row.source === 'manual') return true;
  const measure = row.numeratorSpec?.measure;
  return measure !== undefined && (peopleMeasures.includes(measure) || measure === 'participantHours');
}

type Visit = (key: string, shown: Shown) => Shown;

/** Visits every people figure of a copy of the content (with its key), writing back what the visit returns. */
function mapPeopleFigures(content: ReportPackContent, visit: Visit): ReportPackContent {
  const copy = JSON.parse(JSON.stringify(content)) as ReportPackContent;
  const along = (people: Shown, value: Shown): Shown => (people.suppressed ? people : value);
  const reach = copy.reach;
  reach.participants = visit('reach.participants', reach.participants);
  reach.participantHours = along(reach.participants, reach.participantHours);
  reach.completions = visit('reach.completions', reach.completions);
  reach.headCount = visit('reach.headCount', reach.headCount);
  for (const b of reach.breakdowns) {
    for (const row of b.rows) {
      row.participants = visit(`reach.${b.dimension}[${row.key}].participants`, row.participants);
      row.hours = along(row.participants, row.hours);
      row.completions = visit(`reach.${b.dimension}[${row.key}].completions`, row.completions);
    }
    b.total.participants = visit(`reach.${b.dimension}.total.participants`, b.total.participants);
    b.total.hours = along(b.total.participants, b.total.hours);
    b.total.completions = visit(`reach.${b.dimension}.total.completions`, b.total.completions);
  }
  const grid = reach.headCounts;
  grid.cells = grid.cells.map((line, g) =>
    line.map((cell, a) => visit(`headCounts[${grid.genders[g]}][${grid.ageBands[a]}]`, cell)),
  );
  grid.genderTotals = grid.genderTotals.map((cell, g) => visit(`headCounts[${grid.genders[g]}]`, cell));
  grid.ageBandTotals = grid.ageBandTotals.map((cell, a) => visit(`headCounts[*][${grid.ageBands[a]}]`, cell));
  grid.total = visit('headCounts.total', grid.total);
  for (const a of copy.activities) {
    const key = `activity[${a.reference ?? ''}|${a.title}]`;
    a.participants = visit(`${key}.participants`, a.participants);
    a.participantHours = along(a.participants, a.participantHours);
    a.completions = visit(`${key}.completions`, a.completions);
    a.headCount = visit(`${key}.headCount`, a.headCount);
  }
  for (const row of copy.indicators) {
    if (!countsPeople(row)) continue;
    const key = `indicator[${row.id}]`;
    if (row.actual) row.actual = visit(`${key}.actual`, row.actual);
    if (row.cumulative) row.cumulative = visit(`${key}.cumulative`, row.cumulative);
    if (row.actual?.suppressed) row.achievedPeriod = null;
    if (row.cumulative?.suppressed) row.achievedLife = null;
    for (const d of row.disaggregation) {
      d.rows = d.rows.map((r) => ({ ...r, value: visit(`${key}.${d.dimension}[${r.key}]`, r.value) }));
      d.total = visit(`${key}.${d.dimension}.total`, d.total);
    }
    for (const point of row.series) {
      if (point.actual) point.actual = visit(`${key}.series[${point.periodStart}..${point.periodEnd}]`, point.actual);
    }
  }
  return copy;
}

/** The people figures of a pack, by key. */
export function packFigures(content: ReportPackContent): Map<string, Shown> {
  const figures = new Map<string, Shown>();
  mapPeopleFigures(content, (key, shown) => {
    figures.set(key, shown);
    return shown;
  });
  return figures;
}

/**
 * A new version of a pack checked against a version already released (`protectAgainstReleased`
 * on their people figures); hours, % achieved and the like go with the people they belong to.
 */
export function protectPackAgainstReleased(released: ReportPackContent, next: ReportPackContent): ReportPackContent {
  const k = next.organization.suppressionThreshold;
  const shown = protectAgainstReleased(packFigures(released), packFigures(next), k);
  return mapPeopleFigures(next, (key, figure) => shown.get(key) ?? figure);
}
