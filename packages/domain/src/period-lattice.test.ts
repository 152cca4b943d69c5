import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { isLatticePeriod, type PeriodCount, periodKey, periodLattice, releaseAcrossPeriods } from './period-lattice';

const grant = { startDate: '2026-03-01', endDate: '2026-11-30' };

describe('the period lattice', () => {
  it('holds the span, clipped years and quarters, and the reporting periods', () => {
    const lattice = periodLattice(grant, [{ from: '2026-03-01', to: '2026-08-31', kind: 'reporting' }]);
    expect(lattice.map((p) => `${p.kind} ${p.from}..${p.to}`)).toEqual([
      'span 2026-03-01..2026-11-30',
      'reporting 2026-03-01..2026-08-31',
      'quarter 2026-03-01..2026-03-31',
      'quarter 2026-04-01..2026-06-30',
      'quarter 2026-07-01..2026-09-30',
      'quarter 2026-10-01..2026-11-30',
    ]);
  });

  it('names a reporting period that is also a quarter or a year as the reporting period', () => {
    const lattice = periodLattice(grant, [
      { from: '2026-04-01', to: '2026-06-30', kind: 'reporting' },
      { from: '2026-04-01', to: '2026-06-30', kind: 'target' },
      { from: '2026-03-01', to: '2026-11-30', kind: 'reporting' },
    ]);
    expect(lattice.filter((p) => p.from === '2026-04-01' && p.to === '2026-06-30').map((p) => p.kind)).toEqual([
      'reporting',
    ]);
    expect(lattice.find((p) => p.from === grant.startDate && p.to === grant.endDate)?.kind).toBe('span');
  });

  it('lets a reader ask for a lattice period or one "to date", and nothing else', () => {
    const lattice = periodLattice(grant);
    expect(isLatticePeriod(lattice, grant, { from: '2026-04-01', to: '2026-06-30' })).toBe(true);
    expect(isLatticePeriod(lattice, grant, { from: '2026-03-01', to: '2026-09-30' })).toBe(true);
    // The attack of issue 10: two periods that differ by a month.
    expect(isLatticePeriod(lattice, grant, { from: '2026-04-01', to: '2026-08-31' })).toBe(false);
    expect(isLatticePeriod(lattice, grant, { from: '2026-04-01', to: '2026-09-30' })).toBe(false);
    expect(isLatticePeriod(lattice, grant, { from: '2026-04-02', to: '2026-06-30' })).toBe(false);
  });
});

/** Unique people of a period, from each person's attendance days. */
function countIn(people: readonly string[][], from: string, to: string): number {
  return people.filter((days) => days.some((d) => d >= from && d <= to)).length;
}

const day = (offset: number) => addDays(grant.startDate, offset);

describe('releasing counts of people across periods', () => {
  it('hides a period that is its superset less a small group (26 beside 28)', () => {
    const counts: PeriodCount[] = [
      { from: '2026-03-01', to: '2026-11-30', count: 28 },
      { from: '2026-03-01', to: '2026-09-30', count: 26 },
    ];
    const shown = releaseAcrossPeriods(counts, 5);
    expect(shown.has('2026-03-01/2026-11-30')).toBe(true);
    expect(shown.has('2026-03-01/2026-09-30')).toBe(false);
  });

  it('hides a cumulative beside a period that differ by 3 (20 beside 17)', () => {
    const shown = releaseAcrossPeriods(
      [
        { from: '2026-03-01', to: '2026-09-30', count: 20 },
        { from: '2026-07-01', to: '2026-09-30', count: 17 },
      ],
      5,
    );
    expect([...shown]).toEqual(['2026-03-01/2026-09-30']);
  });

  it('hides two halves whose overlap with the whole is small', () => {
    const shown = releaseAcrossPeriods(
      [
        { from: '2026-01-01', to: '2026-12-31', count: 30 },
        { from: '2026-01-01', to: '2026-06-30', count: 18 },
        { from: '2026-07-01', to: '2026-12-31', count: 14 },
      ],
      5,
    );
    // 18 + 14 − 30 = 2 people in both halves: the second half is not shown beside the first.
    expect(shown.has('2026-01-01/2026-12-31')).toBe(true);
    expect(shown.size).toBe(2);
  });

  it('shows the whole span whenever it is not itself small', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 270 }), { minLength: 1, maxLength: 5 })), (offsets) => {
        const people = offsets.map((o) => o.map(day));
        const total = countIn(people, grant.startDate, grant.endDate);
        const shown = releaseAcrossPeriods([{ from: grant.startDate, to: grant.endDate, count: total }], 5);
        expect(shown.has(periodKey({ from: grant.startDate, to: grant.endDate }))).toBe(total === 0 || total >= 5);
      }),
    );
  });

  it('never shows two counts whose difference or overlap is a small group, whatever the attendance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 273 }), { minLength: 1, maxLength: 6 }), { maxLength: 40 }),
        fc.integer({ min: 3, max: 8 }),
        (offsets, k) => {
          const people = offsets.map((o) => o.map(day));
          const lattice = periodLattice(grant, [{ from: '2026-03-01', to: '2026-08-31', kind: 'reporting' }]);
          const toDate = lattice.map((p) => ({ from: grant.startDate, to: p.to }));
          const periods = [...lattice, ...toDate];
          const counts = periods.map((p) => ({ from: p.from, to: p.to, count: countIn(people, p.from, p.to) }));
          const shown = releaseAcrossPeriods(counts, k);
          const visible = counts.filter((c) => shown.has(periodKey(c)));
          const small = (n: number) => n >= 1 && n < k;
          for (const a of visible) {
            expect(small(a.count)).toBe(false);
            for (const b of visible) {
              // Nested periods: the people of the difference, worked out from the people themselves.
              if (a.from <= b.from && b.to <= a.to) {
                const only = people.filter(
                  (days) => days.some((d) => d >= a.from && d <= a.to) && !days.some((d) => d >= b.from && d <= b.to),
                ).length;
                expect(small(only), `${periodKey(a)} less ${periodKey(b)}`).toBe(false);
              }
              // Adjacent parts beside their union: the people in both parts.
              const union = visible.find((u) => u.from === a.from && u.to === b.to);
              if (union && addDays(a.to, 1) === b.from) {
                const both = people.filter(
                  (days) => days.some((d) => d >= a.from && d <= a.to) && days.some((d) => d >= b.from && d <= b.to),
                ).length;
                expect(small(both), `${periodKey(a)} and ${periodKey(b)}`).toBe(false);
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
