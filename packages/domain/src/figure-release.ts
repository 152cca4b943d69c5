import { addDays } from './dates';

/**
 * Joint release of an organisation's people figures across scopes, groups and periods (ADR 0012).
 *
 * A figure counts people (or completions) in a scope (a set of activities), a group ("people",
 * "people/gender=woman", "completions/city=Skopje") and a period. Two shown figures nested in
 * all three (a project inside its grant, women inside everyone, a quarter inside its year, one
 * activity inside a city filter) give away the people of their difference; two disjoint parts
 * shown beside their union (two halves of a period, two activities beside their project) give
 * away the people in both. A figure is shown only if it is 0 or at least k and no such
 * difference or overlap with the figures already shown is from 1 to k−1. Figures are decided in
 * a fixed order that depends on the organisation's data only, never on a request: the funders'
 * figures first (`rank`), then the largest counts, so every request about a figure gets the
 * same answer and no two requests differ by a small group.
 */
export interface ReleaseFigure {
  /** The activities counted: `scopeKey` of their ids. */
  scope: string;
  /** "family" or "family/dimension=value"; see `groupAncestors`. */
  group: string;
  from: string;
  to: string;
  count: number;
  /** Lower is decided first: 0 for a grant's own scope, more for narrower views. */
  rank: number;
}

/** The canonical key of a set of activities: their ids, sorted, comma-separated. */
export function scopeKey(activityIds: Iterable<string>): string {
  return [...new Set(activityIds)].sort().join(',');
}

export function figureKey(scope: string, group: string, period: { from: string; to: string }): string {
  return `${scope}|${group}|${period.from}/${period.to}`;
}

/**
 * The groups a group's people are part of: "completions/gender=woman" is inside
 * "completions", "people/gender=woman" and "people" (who completes has attended);
 * "people/gender=woman" is inside "people"; whoever attends or completes is inside "enrolled".
 */
export function groupAncestors(group: string): string[] {
  const [family, split] = group.split('/', 2) as [string, string | undefined];
  const out: string[] = [];
  if (split) out.push(family);
  if (family === 'completions') {
    if (split) out.push(`people/${split}`);
    out.push('people');
  }
  if (family === 'completions' || family === 'people') out.push('enrolled');
  return out;
}

const lengthOf = (p: { from: string; to: string }) => Date.parse(p.to) - Date.parse(p.from);
const depthOf = (group: string) => groupAncestors(group).length;

interface Indexed extends ReleaseFigure {
  key: string;
  size: number;
}

/** Which figures may be shown together: the keys (`figureKey`) of those shown. */
export function releaseFigures(figures: readonly ReleaseFigure[], k: number): Set<string> {
  const isSmall = (n: number) => n >= 1 && n < k;
  const scopes = [...new Set(figures.map((f) => f.scope))];
  const members = new Map(scopes.map((s) => [s, new Set(s === '' ? [] : s.split(','))]));
  const subset = (a: string, b: string) => {
    const inner = members.get(a) as Set<string>;
    const outer = members.get(b) as Set<string>;
    if (inner.size > outer.size) return false;
    for (const id of inner) if (!outer.has(id)) return false;
    return true;
  };
  // Scopes around and inside each scope (itself included), and its splits into two disjoint scopes.
  const wider = new Map(scopes.map((s) => [s, scopes.filter((o) => subset(s, o))]));
  const narrower = new Map(scopes.map((s) => [s, scopes.filter((o) => subset(o, s))]));
  const known = new Set(scopes);
  const splits = new Map<string, [string, string][]>();
  const unionsOf = new Map<string, { union: string; partner: string }[]>();
  for (const union of scopes) {
    const all = members.get(union) as Set<string>;
    for (const part of narrower.get(union) ?? []) {
      if (part === union || part === '') continue;
      const partSet = members.get(part) as Set<string>;
      const rest = scopeKey([...all].filter((id) => !partSet.has(id)));
      if (rest === '' || !known.has(rest) || part > rest) continue;
      splits.set(union, [...(splits.get(union) ?? []), [part, rest]]);
      unionsOf.set(part, [...(unionsOf.get(part) ?? []), { union, partner: rest }]);
      unionsOf.set(rest, [...(unionsOf.get(rest) ?? []), { union, partner: part }]);
    }
  }
  const groups = [...new Set(figures.map((f) => f.group))];
  const above = new Map(groups.map((g) => [g, [g, ...groupAncestors(g)]]));
  const below = new Map(groups.map((g) => [g, groups.filter((o) => (above.get(o) ?? []).includes(g))]));

  const order: Indexed[] = figures
    .map((f) => ({ ...f, key: figureKey(f.scope, f.group, f), size: members.get(f.scope)?.size ?? 0 }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        b.count - a.count ||
        b.size - a.size ||
        depthOf(a.group) - depthOf(b.group) ||
        lengthOf(b) - lengthOf(a) ||
        a.key.localeCompare(b.key),
    );
  const shown = new Map<string, Indexed>();
  const bucket = new Map<string, Indexed[]>();
  const at = (scope: string, group: string, from: string, to: string) =>
    shown.get(figureKey(scope, group, { from, to }));

  const nestedLeak = (c: Indexed) => {
    // Figures around the candidate (wider or equal in every dimension), then inside it.
    for (const [scopesOf, groupsOf, inPeriod] of [
      [wider, above, (o: Indexed) => o.from <= c.from && c.to <= o.to],
      [narrower, below, (o: Indexed) => c.from <= o.from && o.to <= c.to],
    ] as const) {
      for (const s of scopesOf.get(c.scope) ?? []) {
        for (const g of groupsOf.get(c.group) ?? []) {
          for (const other of bucket.get(`${s}|${g}`) ?? []) {
            if (inPeriod(other) && isSmall(Math.abs(other.count - c.count))) return true;
          }
        }
      }
    }
    return false;
  };
  const overlaps = (left?: Indexed, right?: Indexed, union?: Indexed) =>
    left !== undefined && right !== undefined && union !== undefined && isSmall(left.count + right.count - union.count);
  const periodHalvesLeak = (c: Indexed) =>
    (bucket.get(`${c.scope}|${c.group}`) ?? []).some((o) => {
      const find = (from: string, to: string) => at(c.scope, c.group, from, to);
      if (o.from === c.from && o.to < c.to) return overlaps(o, find(addDays(o.to, 1), c.to), c);
      if (o.from === c.from && o.to > c.to) return overlaps(c, find(addDays(c.to, 1), o.to), o);
      if (o.to === c.to && o.from < c.from) return overlaps(find(o.from, addDays(c.from, -1)), c, o);
      return false;
    });
  const scopeHalvesLeak = (c: Indexed) => {
    const find = (scope: string) => at(scope, c.group, c.from, c.to);
    for (const [left, right] of splits.get(c.scope) ?? []) if (overlaps(find(left), find(right), c)) return true;
    for (const { union, partner } of unionsOf.get(c.scope) ?? []) {
      if (overlaps(c, find(partner), find(union))) return true;
    }
    return false;
  };

  for (const c of order) {
    if (isSmall(c.count)) continue;
    if (nestedLeak(c) || periodHalvesLeak(c) || scopeHalvesLeak(c)) continue;
    shown.set(c.key, c);
    const b = `${c.scope}|${c.group}`;
    const list = bucket.get(b);
    if (list) list.push(c);
    else bucket.set(b, [c]);
  }
  return new Set(shown.keys());
}
