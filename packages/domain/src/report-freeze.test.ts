import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  packFigures,
  protectAgainstReleased,
  protectPackAgainstReleased,
  revealsSmallDifference,
} from './report-freeze';
import type { ReportPackContent } from './report-pack';
import { type Shown, shownExactly, suppressCount } from './suppression';

const show = shownExactly;
const hidden = (k: number): Shown => ({ suppressed: true, threshold: k });
const figures = (entries: Record<string, Shown>) => new Map(Object.entries(entries));

describe('revealsSmallDifference', () => {
  it('is true from 1 to k−1 apart, either way, and false at 0 and at k', () => {
    expect(revealsSmallDifference(20, 20, 5)).toBe(false);
    expect(revealsSmallDifference(20, 21, 5)).toBe(true);
    expect(revealsSmallDifference(21, 20, 5)).toBe(true);
    expect(revealsSmallDifference(20, 24, 5)).toBe(true);
    expect(revealsSmallDifference(20, 25, 5)).toBe(false);
    expect(revealsSmallDifference(0, 5, 5)).toBe(false);
  });
});

describe('protectAgainstReleased', () => {
  it('hides a figure that moved by 1 to k−1 since it was released, and whatever else changed with it', () => {
    const previous = figures({ total: show(20), women: show(12), men: show(8), other: show(0) });
    const next = figures({ total: show(21), women: show(13), men: show(8), other: show(0) });
    const out = protectAgainstReleased(previous, next, 5);
    expect(out.get('total')).toEqual(hidden(5));
    // Women moved by one too; men and "other" are as released.
    expect(out.get('women')).toEqual(hidden(5));
    expect(out.get('men')).toEqual(show(8));
    expect(out.get('other')).toEqual(show(0));
  });

  it('hides a change of k or more too when a small change sits beside it (the total would give it away)', () => {
    const previous = figures({ total: show(30), a: show(20), b: show(10) });
    const next = figures({ total: show(37), a: show(22), b: show(15) });
    const out = protectAgainstReleased(previous, next, 5);
    expect(out.get('a')).toEqual(hidden(5));
    expect(out.get('b')).toEqual(hidden(5));
    expect(out.get('total')).toEqual(hidden(5));
  });

  it('shows a new release unchanged when every change is k or more', () => {
    const previous = figures({ total: show(30), a: show(20), b: show(10) });
    const next = figures({ total: show(40), a: show(25), b: show(15), c: show(0) });
    expect(protectAgainstReleased(previous, next, 5)).toEqual(next);
  });

  it('never shows what the new release hides, and ignores figures hidden in the old one', () => {
    const previous = figures({ a: hidden(5), b: show(9) });
    const next = figures({ a: show(7), b: hidden(5) });
    expect(protectAgainstReleased(previous, next, 5)).toEqual(next);
  });

  it('refuses a threshold below 2', () => {
    expect(() => protectAgainstReleased(new Map(), new Map(), 1)).toThrow(RangeError);
  });

  const shownArb = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map(show),
    fc.integer({ min: 2, max: 10 }).map((k) => hidden(k)),
  );
  const figuresArb = fc
    .dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), shownArb)
    .map((d) => new Map(Object.entries(d)));

  it('property: no figure shown in both releases differs by 1 to k−1', () => {
    fc.assert(
      fc.property(figuresArb, figuresArb, fc.integer({ min: 2, max: 10 }), (previous, next, k) => {
        const out = protectAgainstReleased(previous, next, k);
        for (const [key, shown] of out) {
          const before = previous.get(key);
          if (shown.suppressed || !before || before.suppressed) continue;
          const difference = Math.abs(shown.value - before.value);
          expect(difference === 0 || difference >= k).toBe(true);
        }
      }),
    );
  });

  it('property: the same keys come out, each as it went in or hidden; untouched when nothing moved by less than k', () => {
    fc.assert(
      fc.property(figuresArb, figuresArb, fc.integer({ min: 2, max: 10 }), (previous, next, k) => {
        const out = protectAgainstReleased(previous, next, k);
        expect([...out.keys()].sort()).toEqual([...next.keys()].sort());
        for (const [key, shown] of out) {
          if (!shown.suppressed) expect(shown).toEqual(next.get(key));
        }
        const small = [...next].some(([key, s]) => {
          const before = previous.get(key);
          return !s.suppressed && before && !before.suppressed && revealsSmallDifference(before.value, s.value, k);
        });
        if (!small) expect(out).toEqual(next);
      }),
    );
  });
});

/** The people part of a pack, enough for the walker (other parts are not read). */
function content(people: number, women: number, men: number, k = 5): ReportPackContent {
  const c = (n: number) => suppressCount(n, k);
  return {
    organization: { name: 'O', country: 'MK', baseCurrency: 'MKD', suppressionThreshold: k },
    reach: {
      participants: c(people),
      participantHours: show(people * 10),
      completions: c(people),
      headCount: show(0),
      sessionsHeld: 4,
      breakdowns: [
        {
          dimension: 'gender',
          rows: [
            { key: 'woman', participants: c(women), hours: show(women * 10), completions: c(women) },
            { key: 'man', participants: c(men), hours: show(men * 10), completions: c(men) },
          ],
          total: { participants: c(people), hours: show(people * 10), completions: c(people) },
        },
      ],
      headCounts: { genders: [], ageBands: [], cells: [], genderTotals: [], ageBandTotals: [], total: show(0) },
    },
    activities: [],
    indicators: [],
  } as unknown as ReportPackContent;
}

describe('protectPackAgainstReleased', () => {
  it('hides the moved people figures of a new version and the hours that go with them', () => {
    const released = content(20, 12, 8);
    const next = protectPackAgainstReleased(released, content(21, 13, 8));
    expect(next.reach.participants.suppressed).toBe(true);
    expect(next.reach.participantHours.suppressed).toBe(true);
    const rows = next.reach.breakdowns[0]?.rows ?? [];
    expect(rows[0]?.participants.suppressed).toBe(true);
    expect(rows[0]?.hours.suppressed).toBe(true);
    expect(rows[1]?.participants).toEqual(show(8));
    expect(rows[1]?.hours).toEqual(show(80));
  });

  it('keys the same figure the same way in both versions', () => {
    expect([...packFigures(content(20, 12, 8)).keys()]).toEqual([...packFigures(content(30, 17, 13)).keys()]);
    expect(protectPackAgainstReleased(content(20, 12, 8), content(30, 17, 13))).toEqual(content(30, 17, 13));
  });
});
