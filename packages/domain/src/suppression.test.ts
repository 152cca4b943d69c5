import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Shown, shownText, suppressAlong, suppressCount, suppressTable } from './suppression';

const hidden = (s: Shown | undefined) => s?.suppressed === true;

describe('small-count suppression', () => {
  it('shows 1 to k−1 as "<k", and zero and k or more as they are', () => {
    expect([0, 1, 4, 5, 12].map((v) => shownText(suppressCount(v, 5)))).toEqual(['0', '<5', '<5', '5', '12']);
    expect(shownText(suppressCount(3, 10))).toBe('<10');
  });

  it('hides a second cell where a total would give the first away (the smallest non-zero)', () => {
    // One city with 3 participants beside cities of 20 and 8: 8 is hidden too.
    const table = suppressTable([[20, 3, 8, 0]], 5, { rowTotals: true, columnTotals: false });
    expect(table.cells[0]?.map((s) => shownText(s))).toEqual(['20', '<5', '<5', '0']);
    expect(table.rowTotals?.map((s) => shownText(s))).toEqual(['31']);
  });

  it('hides the total when no other cell can hide the small one', () => {
    const table = suppressTable([[3, 0, 0]], 5, { rowTotals: true, columnTotals: false });
    expect(table.cells[0]?.map((s) => shownText(s))).toEqual(['<5', '0', '0']);
    expect(table.rowTotals?.map((s) => shownText(s))).toEqual(['<5']);
    expect(table.grandTotal && shownText(table.grandTotal)).toBe('<5');
  });

  it('hides hours and money that belong to a hidden count', () => {
    expect(shownText(suppressAlong(suppressCount(2, 5), 960))).toBe('<5');
    expect(shownText(suppressAlong(suppressCount(20, 5), 96_000))).toBe('96000');
  });

  it('leaves no hidden cell recoverable from a total shown, whatever the table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((columns) =>
          fc.array(
            fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
              minLength: columns,
              maxLength: columns,
            }),
            {
              minLength: 1,
              maxLength: 5,
            },
          ),
        ),
        fc.integer({ min: 2, max: 11 }),
        fc.boolean(),
        fc.boolean(),
        (counts, k, rowTotals, columnTotals) => {
          const t = suppressTable(counts, k, { rowTotals, columnTotals });
          counts.forEach((row, r) => {
            row.forEach((value, c) => {
              const cell = t.cells[r]?.[c];
              // Every small count is hidden; whatever is shown is the true count.
              if (value >= 1 && value < k) expect(hidden(cell)).toBe(true);
              if (cell && !cell.suppressed) expect(cell.value).toBe(value);
              if (value === 0) expect(hidden(cell)).toBe(false);
            });
          });
          // A line whose total is shown never hides exactly one cell.
          if (rowTotals) {
            t.cells.forEach((row, r) => {
              if (!hidden(t.rowTotals?.[r])) expect(row.filter(hidden).length).not.toBe(1);
            });
          }
          if (columnTotals) {
            counts[0]?.forEach((_, c) => {
              if (!hidden(t.columnTotals?.[c])) expect(t.cells.filter((row) => hidden(row[c])).length).not.toBe(1);
            });
          }
          // The grand total never gives away a single hidden total, nor is it itself small.
          if (t.grandTotal && !t.grandTotal.suppressed) {
            expect(t.grandTotal.value === 0 || t.grandTotal.value >= k).toBe(true);
            if (t.rowTotals) expect(t.rowTotals.filter(hidden).length).not.toBe(1);
            if (t.columnTotals) expect(t.columnTotals.filter(hidden).length).not.toBe(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
