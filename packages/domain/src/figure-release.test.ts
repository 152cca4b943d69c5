import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figureKey, groupAncestors, type ReleaseFigure, releaseFigures, scopeKey } from './figure-release';

/** One person's attendance: at which activity, on which day (as an ISO date). */
interface Fact {
  person: number;
  activity: string;
  day: string;
  gender: 'woman' | 'man';
}

const periods = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-01-01', to: '2026-06-30' },
  { from: '2026-07-01', to: '2026-12-31' },
  { from: '2026-04-01', to: '2026-06-30' },
];
// A grant funding two projects, one of them with two activities; a second grant funding one.
const scopes = [scopeKey(['a', 'b', 'c']), scopeKey(['a', 'b']), scopeKey(['c']), scopeKey(['a']), scopeKey(['b'])];
const groups = ['people', 'people/gender=woman', 'people/gender=man'];

/** Every figure counted straight from the facts, without the engine's indexes. */
function figuresOf(facts: readonly Fact[]): (ReleaseFigure & { people: Set<number> })[] {
  const out: (ReleaseFigure & { people: Set<number> })[] = [];
  scopes.forEach((scope, rank) => {
    for (const group of groups) {
      for (const p of periods) {
        const people = new Set(
          facts
            .filter((f) => scope.split(',').includes(f.activity) && p.from <= f.day && f.day <= p.to)
            .filter((f) => group === 'people' || group === `people/gender=${f.gender}`)
            .map((f) => f.person),
        );
        if (people.size > 0) out.push({ scope, group, ...p, count: people.size, rank, people });
      }
    }
  });
  return out;
}

const nested = (inner: ReleaseFigure, outer: ReleaseFigure) =>
  inner.scope.split(',').every((a) => outer.scope.split(',').includes(a)) &&
  (inner.group === outer.group || groupAncestors(inner.group).includes(outer.group)) &&
  outer.from <= inner.from &&
  inner.to <= outer.to;

const facts = fc.array(
  fc.record({
    person: fc.integer({ min: 0, max: 14 }),
    activity: fc.constantFrom('a', 'b', 'c'),
    day: fc.constantFrom('2026-02-01', '2026-05-01', '2026-08-01', '2026-11-01'),
    gender: fc.constantFrom<'woman' | 'man'>('woman', 'man'),
  }),
  { maxLength: 40 },
);

describe('releaseFigures', () => {
  it('shows a grant figure and hides a project that differs from it by a small group', () => {
    const span = periods[0] as { from: string; to: string };
    const grant = { scope: scopeKey(['a', 'b']), group: 'people', ...span, count: 20, rank: 0 };
    const project = { scope: scopeKey(['a']), group: 'people', ...span, count: 18, rank: 1 };
    const shown = releaseFigures([project, grant], 5);
    expect(shown.has(figureKey(grant.scope, grant.group, span))).toBe(true);
    expect(shown.has(figureKey(project.scope, project.group, span))).toBe(false);
  });

  it('hides women in a quarter beside everyone in the year when the difference is small', () => {
    const year = periods[0] as { from: string; to: string };
    const quarter = periods[3] as { from: string; to: string };
    const all = { scope: 'a', group: 'people', ...year, count: 12, rank: 0 };
    const women = { scope: 'a', group: 'people/gender=woman', ...quarter, count: 10, rank: 0 };
    expect([...releaseFigures([all, women], 5)]).toEqual([figureKey('a', 'people', year)]);
  });

  it('hides two activities beside their project when they share a small group', () => {
    const span = periods[0] as { from: string; to: string };
    const both = { scope: scopeKey(['a', 'b']), group: 'people', ...span, count: 16, rank: 0 };
    const a = { scope: 'a', group: 'people', ...span, count: 9, rank: 1 };
    const b = { scope: 'b', group: 'people', ...span, count: 9, rank: 1 };
    // 9 + 9 − 16 = 2 people attend both.
    const shown = releaseFigures([both, a, b], 5);
    expect(shown.has(figureKey(both.scope, 'people', span))).toBe(true);
    expect([shown.has(figureKey('a', 'people', span)), shown.has(figureKey('b', 'people', span))]).toContain(false);
  });

  it('hides completions when they fall short of the people by a small group', () => {
    const span = periods[0] as { from: string; to: string };
    const people = { scope: 'a', group: 'people', ...span, count: 20, rank: 0 };
    const done = { scope: 'a', group: 'completions', ...span, count: 18, rank: 0 };
    expect(releaseFigures([people, done], 5).has(figureKey('a', 'completions', span))).toBe(false);
  });

  it('leaves no nested pair or disjoint parts beside their union that gives a small group', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(3, 5), (data, k) => {
        const all = figuresOf(data);
        const keys = releaseFigures(all, k);
        const shown = all.filter((f) => keys.has(figureKey(f.scope, f.group, f)));
        const small = (n: number) => n >= 1 && n < k;
        for (const a of shown) {
          expect(small(a.count)).toBe(false);
          for (const b of shown) {
            if (a !== b && nested(a, b)) expect(small(b.count - a.count)).toBe(false);
            // Two disjoint scopes (or two adjacent periods) beside a shown union.
            for (const u of shown) {
              const sameGroup = a.group === b.group && b.group === u.group;
              const scopeSplit =
                a.from === b.from &&
                a.to === b.to &&
                u.from === a.from &&
                u.to === a.to &&
                a.scope < b.scope &&
                scopeKey([...a.scope.split(','), ...b.scope.split(',')]) === u.scope &&
                a.scope.split(',').every((x) => !b.scope.split(',').includes(x));
              const periodSplit =
                a.scope === b.scope && b.scope === u.scope && u.from === a.from && u.to === b.to && a.to < b.from;
              if (sameGroup && (scopeSplit || periodSplit)) expect(small(a.count + b.count - u.count)).toBe(false);
            }
          }
        }
        // A figure shown is never the only one of its family that could be: the whole span of
        // the widest scope shows whenever it is not small itself.
        const top = all.find(
          (f) => f.rank === 0 && f.group === 'people' && f.from === '2026-01-01' && f.to === '2026-12-31',
        );
        if (top && !small(top.count)) expect(keys.has(figureKey(top.scope, top.group, top))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('decides the same whatever order the figures come in', () => {
    fc.assert(
      fc.property(facts, (data) => {
        const all = figuresOf(data);
        expect([...releaseFigures([...all].reverse(), 5)].sort()).toEqual([...releaseFigures(all, 5)].sort());
      }),
      { numRuns: 100 },
    );
  });
});
