import { addDays } from './dates';

/**
 * The periods that may be asked for where small counts are suppressed (finance and viewers on
 * screen, every report pack and export): a fixed lattice instead of any two dates, so that two
 * requests cannot be chosen to differ by a small group (ADR 0012). For a grant or project
 * running from `start` to `end`: the whole span, the calendar years and quarters inside it
 * (clipped to the span), the reporting periods it owes (clipped), and indicator target periods.
 */
export type LatticeKind = 'span' | 'year' | 'quarter' | 'reporting' | 'target';

export interface LatticePeriod {
  from: string;
  to: string;
  kind: LatticeKind;
}

export interface LatticeSpan {
  startDate: string;
  endDate: string;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

function clip(span: LatticeSpan, from: string, to: string): { from: string; to: string } | null {
  const f = later(span.startDate, from);
  const t = earlier(span.endDate, to);
  return f <= t ? { from: f, to: t } : null;
}

/** The lattice in reading order (span, years, reporting and target periods, quarters), each period once. */
export function periodLattice(
  span: LatticeSpan,
  extra: readonly { from: string; to: string; kind: 'reporting' | 'target' }[] = [],
): LatticePeriod[] {
  const periods: LatticePeriod[] = [{ from: span.startDate, to: span.endDate, kind: 'span' }];
  const firstYear = Number(span.startDate.slice(0, 4));
  const lastYear = Number(span.endDate.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year += 1) {
    const clipped = clip(span, `${year}-01-01`, `${year}-12-31`);
    if (clipped) periods.push({ ...clipped, kind: 'year' });
    for (const [from, to] of [
      ['01-01', '03-31'],
      ['04-01', '06-30'],
      ['07-01', '09-30'],
      ['10-01', '12-31'],
    ] as const) {
      const quarter = clip(span, `${year}-${from}`, `${year}-${to}`);
      if (quarter) periods.push({ ...quarter, kind: 'quarter' });
    }
  }
  for (const period of extra) {
    const clipped = clip(span, period.from, period.to);
    if (clipped) periods.push({ ...clipped, kind: period.kind });
  }
  // A period named twice keeps its most telling name: a reporting period that is also a quarter
  // is shown as the reporting period the funder knows.
  const byKey = new Map<string, LatticePeriod>();
  for (const p of periods) {
    const key = `${p.from}/${p.to}`;
    const kept = byKey.get(key);
    if (!kept || naming.indexOf(p.kind) < naming.indexOf(kept.kind)) byKey.set(key, p);
  }
  return [...byKey.values()].sort(
    (a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
}

const naming: readonly LatticeKind[] = ['span', 'reporting', 'target', 'year', 'quarter'];
const kinds: readonly LatticeKind[] = ['span', 'year', 'reporting', 'target', 'quarter'];

function lengthOf(p: { from: string; to: string }): number {
  return Date.parse(p.to) - Date.parse(p.from);
}

/** Whether a period is one of the lattice's, or runs from the span's start to one's end ("to date"). */
export function isLatticePeriod(
  lattice: readonly LatticePeriod[],
  span: LatticeSpan,
  period: { from: string; to: string },
): boolean {
  return lattice.some((p) => p.to === period.to && (p.from === period.from || period.from === span.startDate));
}

/** One people count of a figure for one period of the lattice (or a "to date" period). */
export interface PeriodCount {
  from: string;
  to: string;
  count: number;
}

const contains = (outer: PeriodCount, inner: PeriodCount) => outer.from <= inner.from && inner.to <= outer.to;
const keyOf = (p: { from: string; to: string }) => `${p.from}/${p.to}`;

/**
 * Which counts of one figure (the same measure, scope and group over several periods) may be
 * shown together. People counted over a longer period include those of a shorter one inside it,
 * so two shown counts of nested periods give away the people of the difference, and two
 * adjacent parts shown beside their union give away the people in both. A count is shown only
 * if it is 0 or at least k and no such difference or overlap with the counts already shown is
 * from 1 to k−1; the widest periods are decided first, so the whole span is shown whenever it
 * can be. Hours and other figures of the same people follow their count (`suppressAlong`).
 */
export function releaseAcrossPeriods(counts: readonly PeriodCount[], k: number): Set<string> {
  const isSmall = (n: number) => n >= 1 && n < k;
  const order = [...counts].sort((a, b) => lengthOf(b) - lengthOf(a) || a.from.localeCompare(b.from));
  const shown: PeriodCount[] = [];
  const byKey = new Map<string, PeriodCount>();
  for (const candidate of order) {
    if (isSmall(candidate.count)) continue;
    const leaks = shown.some((other) => {
      if (contains(other, candidate) || contains(candidate, other))
        return isSmall(Math.abs(other.count - candidate.count));
      return false;
    });
    // Two adjacent parts beside their union, with the candidate as one of the three; the other
    // two are looked up among the shown counts by their dates.
    const at = (from: string, to: string) => byKey.get(keyOf({ from, to }));
    const overlap = (left?: PeriodCount, right?: PeriodCount, union?: PeriodCount) =>
      left !== undefined &&
      right !== undefined &&
      union !== undefined &&
      isSmall(left.count + right.count - union.count);
    const overlapLeaks = shown.some((other) => {
      if (other.from === candidate.from && other.to < candidate.to) {
        // candidate is the union, other its left part
        return overlap(other, at(addDays(other.to, 1), candidate.to), candidate);
      }
      if (other.from === candidate.from && other.to > candidate.to) {
        // candidate is the left part of other
        return overlap(candidate, at(addDays(candidate.to, 1), other.to), other);
      }
      if (other.to === candidate.to && other.from < candidate.from) {
        // candidate is the right part of other
        return overlap(at(other.from, addDays(candidate.from, -1)), candidate, other);
      }
      return false;
    });
    if (!leaks && !overlapLeaks) {
      shown.push(candidate);
      byKey.set(keyOf(candidate), candidate);
    }
  }
  return new Set(shown.map(keyOf));
}

export function periodKey(p: { from: string; to: string }): string {
  return keyOf(p);
}
