import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Shown,
  type SuppressedTable,
  shownText,
  suppressedMark,
  suppressAlong,
  suppressCount,
  suppressTable,
} from './suppression';
import { type AugmentedTable, feasibleRange, isProtected } from './suppression-audit';
import {
  isFeasible,
  linesOf,
  positionOf,
  isNarrowed,
  type Published,
  publishedOf,
  publishedOfAugmented,
} from './suppression-oracle.test-helpers';

describe('small-count suppression', () => {
  it('shows 1 to k−1 as the neutral mark, and zero and k or more as they are', () => {
    expect(suppressedMark).toBe('x');
    expect([0, 1, 4, 5, 12].map((v) => shownText(suppressCount(v, 5)))).toEqual(['0', 'x', 'x', '5', '12']);
    expect(shownText(suppressCount(3, 10))).toBe('x');
  });

  it('marks a cell hidden to protect another exactly as a small one, claiming no value', () => {
    // 8 is hidden only as the partner of 3: both read "x", never "<5" (which 8 is not).
    const table = suppressTable([[20, 3, 8]], 5, { rowTotals: true, columnTotals: false });
    const [, small, partner] = table.cells[0] ?? [];
    expect(small && shownText(small)).toBe(suppressedMark);
    expect(partner && shownText(partner)).toBe(suppressedMark);
    expect(shownText(suppressAlong(suppressCount(2, 5), 960), (minutes) => `${minutes / 60} h`)).toBe('x');
  });

  it('hides a second cell where a total would give the first away (the smallest non-zero)', () => {
    // One city with 3 participants beside cities of 20 and 8: 8 is hidden too.
    const table = suppressTable([[20, 3, 8, 0]], 5, { rowTotals: true, columnTotals: false });
    expect(table.cells[0]?.map((s) => shownText(s))).toEqual(['20', 'x', 'x', '0']);
    expect(table.rowTotals?.map((s) => shownText(s))).toEqual(['31']);
  });

  it('hides the total when no other cell can hide the small one', () => {
    const table = suppressTable([[3, 0, 0]], 5, { rowTotals: true, columnTotals: false });
    expect(table.cells[0]?.map((s) => shownText(s))).toEqual(['x', '0', '0']);
    expect(table.rowTotals?.map((s) => shownText(s))).toEqual(['x']);
    expect(table.grandTotal && shownText(table.grandTotal)).toBe('x');
  });

  it('hides hours and money that belong to a hidden count', () => {
    expect(shownText(suppressAlong(suppressCount(2, 5), 960))).toBe('x');
    expect(shownText(suppressAlong(suppressCount(20, 5), 96_000))).toBe('96000');
  });
});

/** Every hidden entry whose true value is a small count, as the oracle's keys with that value. */
function hiddenSmall(counts: number[][], table: SuppressedTable, k: number): [string, number][] {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const sum = (f: (r: number, c: number) => boolean) =>
    counts.reduce((s, row, r) => s + row.reduce((t, v, c) => t + (f(r, c) ? v : 0), 0), 0);
  const out: [string, number][] = [];
  const check = (key: string, shown: Shown | null | undefined, value: number) => {
    if (shown?.suppressed && value >= 1 && value < k) out.push([key, value]);
  };
  counts.forEach((row, r) => {
    row.forEach((v, c) => {
      check(`${r}:${c}`, table.cells[r]?.[c], v);
    });
  });
  for (let r = 0; r < rows; r += 1)
    check(
      `${r}:${columns}`,
      table.rowTotals?.[r],
      sum((i) => i === r),
    );
  for (let c = 0; c < columns; c += 1)
    check(
      `${rows}:${c}`,
      table.columnTotals?.[c],
      sum((_, j) => j === c),
    );
  check(
    `${rows}:${columns}`,
    table.grandTotal,
    sum(() => true),
  );
  return out;
}

function cap(counts: number[][], k: number): number {
  return counts.flat().reduce((s, v) => s + v, 0) + 2 * k;
}

/** The published view of a pattern hidden by hand (what today's main published, for instance). */
function handMade(cells: (number | null)[], total: number | null): Published {
  const entries = new Map<string, number | null>(cells.map((v, c) => [`0:${c}`, v]));
  entries.set(`0:${cells.length}`, total);
  entries.set(`1:${cells.length}`, total);
  const parts = cells.map((_, c) => `0:${c}`);
  return {
    entries,
    lines: [
      { parts, sum: `0:${cells.length}` },
      { parts: [`0:${cells.length}`], sum: `1:${cells.length}` },
    ],
  };
}

describe('the attacker (brute force over what is shown)', () => {
  it('recovers both hidden cells of "20 | x | x, total 22": what today’s main published', () => {
    const published = handMade([20, null, null], 22);
    expect(isFeasible(published, new Map([['0:1', 2]]), 40)).toBe(false);
    expect(isNarrowed(published, '0:1', 1, 4, 40)).toBe(true);
  });

  it('cannot narrow "20 | x | x, total 31" (3 and 8) to fewer than 5 values', () => {
    expect(isNarrowed(handMade([20, null, null], 31), '0:1', 3, 4, 50)).toBe(false);
  });

  it('narrows "17 | x | x, total 20" (2 and 1) to 1..2', () => {
    const published = handMade([17, null, null], 20);
    expect(isFeasible(published, new Map([['0:1', 2]]), 40)).toBe(true);
    expect(isFeasible(published, new Map([['0:1', 3]]), 40)).toBe(false);
    expect(isNarrowed(published, '0:1', 2, 4, 40)).toBe(true);
  });
});

describe('the suppression audit (linear programming) agrees with the brute-force attacker', () => {
  it('on random patterns hidden in tiny tables', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }).chain((rows) =>
          fc.integer({ min: 1, max: 3 }).chain((columns) =>
            fc.record({
              counts: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: columns, maxLength: columns }), {
                minLength: rows,
                maxLength: rows,
              }),
              mask: fc.array(fc.array(fc.boolean(), { minLength: columns + 1, maxLength: columns + 1 }), {
                minLength: rows + 1,
                maxLength: rows + 1,
              }),
              rowTotals: fc.boolean(),
              columnTotals: fc.boolean(),
            }),
          ),
        ),
        ({ counts, mask, rowTotals, columnTotals }) => {
          const rows = counts.length;
          const columns = counts[0]?.length ?? 0;
          // Nothing hidden yet: k above every count's reach only shapes the lines.
          const published = publishedOf(suppressTable(counts, 1000, { rowTotals, columnTotals }));
          const values = [...Array(rows + 1).keys()].map((r) =>
            [...Array(columns + 1).keys()].map((c) =>
              counts.reduce(
                (s, row, i) =>
                  s + row.reduce((t, v, j) => t + ((r === rows || i === r) && (c === columns || j === c) ? v : 0), 0),
                0,
              ),
            ),
          );
          // Hide only non-zero entries (zeros are always shown).
          const hidden = values.map((row, r) => row.map((v, c) => v > 0 && (mask[r]?.[c] ?? false)));
          const table: AugmentedTable = {
            values,
            hidden,
            lines: linesOf(published),
          };
          const view = publishedOfAugmented(table, ([r, c]) => published.entries.has(`${r}:${c}`));
          const limit = cap(counts, 2);
          for (const [key, shown] of view.entries) {
            if (shown !== null) continue;
            const at = positionOf(key);
            const range = feasibleRange(table, at);
            expect(isFeasible(view, new Map([[key, range.low]]), limit)).toBe(true);
            if (range.low > 1) expect(isFeasible(view, new Map([[key, range.low - 1]]), limit)).toBe(false);
            if (Number.isFinite(range.high)) {
              expect(isFeasible(view, new Map([[key, range.high]]), limit)).toBe(true);
              expect(isFeasible(view, new Map([[key, range.high + 1]]), limit + 1)).toBe(false);
            } else {
              expect(isFeasible(view, new Map([[key, limit]]), limit)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

const table = (columnsMax: number, rowsMax: number, valueMax: number) =>
  fc.integer({ min: 1, max: columnsMax }).chain((columns) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: valueMax })), {
        minLength: columns,
        maxLength: columns,
      }),
      { minLength: 1, maxLength: rowsMax },
    ),
  );

function checkShownAreTrue(counts: number[][], t: SuppressedTable, k: number) {
  counts.forEach((row, r) => {
    row.forEach((value, c) => {
      const cell = t.cells[r]?.[c];
      if (value >= 1 && value < k) expect(cell?.suppressed).toBe(true);
      if (cell && !cell.suppressed) expect(cell.value).toBe(value);
      if (value === 0) expect(cell?.suppressed).toBe(false);
    });
  });
}

describe('no hidden small count can be narrowed to fewer than k values from what is shown', () => {
  const named: [string, number[][], number, { rowTotals: boolean; columnTotals: boolean }][] = [
    ['20 | 1 | 1 with its total', [[20, 1, 1]], 5, { rowTotals: true, columnTotals: false }],
    ['17 | 2 | 1 with its total', [[17, 2, 1]], 5, { rowTotals: true, columnTotals: false }],
    ['20 | 2 | 3 with its total', [[20, 2, 3]], 5, { rowTotals: true, columnTotals: false }],
    [
      'two rows of ones with both totals',
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
      5,
      { rowTotals: true, columnTotals: true },
    ],
    [
      'a diagonal of small counts',
      [
        [1, 10],
        [10, 1],
      ],
      5,
      { rowTotals: true, columnTotals: true },
    ],
    ['one small activity in a column', [[20], [3], [9]], 5, { rowTotals: false, columnTotals: true }],
  ];
  it.each(named)('%s', (_name, counts, k, options) => {
    const t = suppressTable(counts, k, options);
    checkShownAreTrue(counts, t, k);
    const published = publishedOf(t);
    for (const [key, value] of hiddenSmall(counts, t, k)) {
      expect(isNarrowed(published, key, value, k - 1, cap(counts, k)), key).toBe(false);
    }
  });

  it('in tiny tables, checked by brute force', () => {
    fc.assert(
      fc.property(
        table(3, 2, 12),
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        (counts, k, rowTotals, columnTotals) => {
          const t = suppressTable(counts, k, { rowTotals, columnTotals });
          checkShownAreTrue(counts, t, k);
          const published = publishedOf(t);
          for (const [key, value] of hiddenSmall(counts, t, k)) {
            expect(isNarrowed(published, key, value, k - 1, cap(counts, k)), key).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('in larger tables, checked by the linear-programming audit of the published table', () => {
    fc.assert(
      fc.property(
        table(5, 5, 60),
        fc.integer({ min: 2, max: 11 }),
        fc.boolean(),
        fc.boolean(),
        (counts, k, rowTotals, columnTotals) => {
          const t = suppressTable(counts, k, { rowTotals, columnTotals });
          checkShownAreTrue(counts, t, k);
          const published = publishedOf(t);
          const rows = counts.length;
          const columns = counts[0]?.length ?? 0;
          const values = [...Array(rows + 1).keys()].map((r) =>
            [...Array(columns + 1).keys()].map((c) => published.entries.get(`${r}:${c}`) ?? 0),
          );
          const hidden = values.map((row, r) => row.map((_, c) => published.entries.get(`${r}:${c}`) === null));
          const audit: AugmentedTable = {
            values,
            hidden,
            lines: linesOf(published),
          };
          for (const [key, value] of hiddenSmall(counts, t, k)) {
            const at = positionOf(key);
            // The audit sees the shown values only; hidden entries are unknowns.
            const range = feasibleRange(audit, at);
            expect(range.low <= value && value <= range.high, key).toBe(true);
            expect(isProtected(range, k), `${key}: ${range.low}..${range.high}`).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
