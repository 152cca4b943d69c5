import { type AugmentedTable, feasibleRange, isProtected, type Position } from './suppression-audit';

/**
 * Small-count suppression (REPORTING.md, DESIGN.md rule 4). A count from 1 to k−1 is hidden;
 * zero is shown as 0. Where totals are shown, more entries are hidden (complementary
 * suppression) until no hidden small count can be narrowed by exact arithmetic to fewer than k
 * possible values (`suppression-audit.ts`). Hours and money that belong to a hidden count are
 * hidden with it (`suppressAlong`).
 */

/**
 * A figure as a reader sees it: the value, or hidden. A hidden figure is printed as
 * `suppressedMark` whatever its value and whatever hid it (a small count, or a partner hidden to
 * protect one), so no two hidden cells can be told apart. `threshold` records the k in force for
 * code that needs it; it is never printed ("<k" beside a hidden 8 would be false).
 */
export type Shown = { suppressed: false; value: number } | { suppressed: true; threshold: number };

/**
 * The one neutral mark of every hidden figure, on every screen and in every export (REPORTING.md
 * "Small-count suppression"; the "x" statistical offices use). It claims no value. A footnote in
 * the reader's language says what it means: "not shown, to protect people in small groups".
 */
export const suppressedMark = 'x';

export interface SuppressedTable {
  cells: Shown[][];
  rowTotals: Shown[] | null;
  columnTotals: Shown[] | null;
  grandTotal: Shown | null;
}

function isSmall(value: number, k: number): boolean {
  return value >= 1 && value < k;
}

/** A figure shown as it is (for readers who see exact counts, and for figures never hidden). */
export function shownExactly(value: number): Shown {
  return { suppressed: false, value };
}

/** One count on its own (no total beside it). */
export function suppressCount(value: number, k: number): Shown {
  return isSmall(value, k) ? { suppressed: true, threshold: k } : { suppressed: false, value };
}

/**
 * Suppresses a table of counts (rows × columns) shown with row totals and/or column totals.
 * Primary suppression hides every count (cell or total) from 1 to k−1. Then, while an attacker
 * could narrow a hidden small count to fewer than k values by exact arithmetic on what is shown
 * (`feasibleRange`), one more entry is hidden: the smallest non-zero cell in the same row or
 * column that protects it, else the smallest such total. Deterministic: ties go to the first in
 * reading order.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  k: number,
  options: {
    rowTotals: boolean;
    columnTotals: boolean;
    /**
     * Entries that must be hidden whatever their value (on the grid with totals: row r's total
     * is (r, columns), column c's is (rows, c), the grand total (rows, columns)), for example a
     * figure another release already decided to withhold; they are protected like small counts.
     */
    forced?: (row: number, column: number) => boolean;
  },
): SuppressedTable {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`Not a suppression threshold: ${k}`);
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError('Every row needs the same number of columns.');
    for (const value of row) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(`Not a count: ${value}`);
    }
  }
  const grid = augment(counts, options);
  const hidden = grid.values.map((line, r) =>
    line.map(
      (value, c) => grid.exists(r, c) && (isSmall(value, k) || (value > 0 && (options.forced?.(r, c) ?? false))),
    ),
  );
  const table: AugmentedTable = { values: grid.values, hidden, lines: grid.lines };
  const sensitive = grid.positions.filter(([r, c]) => hidden[r]?.[c]);
  const hide = ([r, c]: Position) => {
    (hidden[r] as boolean[])[c] = true;
  };
  for (;;) {
    const exposed = sensitive.find((position) => !isProtected(feasibleRange(table, position), k));
    if (!exposed) break;
    const candidates = partnersOf(grid, hidden, exposed);
    const protecting = candidates.find((candidate) => {
      hide(candidate);
      const enough = isProtected(feasibleRange(table, exposed), k);
      (hidden[candidate[0]] as boolean[])[candidate[1]] = false;
      return enough;
    });
    const chosen = protecting ?? candidates[0];
    if (!chosen) throw new Error('Suppression found no entry left to hide.');
    hide(chosen);
  }

  const shown = (value: number, isHidden: boolean | undefined): Shown =>
    isHidden ? { suppressed: true, threshold: k } : { suppressed: false, value };
  const hasTotals = options.rowTotals || options.columnTotals;
  return {
    cells: counts.map((row, r) => row.map((value, c) => shown(value, hidden[r]?.[c]))),
    rowTotals: options.rowTotals
      ? counts.map((_, r) => shown(grid.values[r]?.[columns] ?? 0, hidden[r]?.[columns]))
      : null,
    columnTotals: options.columnTotals
      ? Array.from({ length: columns }, (_, c) => shown(grid.values[rows]?.[c] ?? 0, hidden[rows]?.[c]))
      : null,
    grandTotal: hasTotals ? shown(grid.values[rows]?.[columns] ?? 0, hidden[rows]?.[columns]) : null,
  };
}

interface Grid {
  values: number[][];
  lines: { parts: Position[]; sum: Position }[];
  /** Every entry that is published, in reading order. */
  positions: Position[];
  exists(r: number, c: number): boolean;
  rows: number;
  columns: number;
}

/** The table with its totals as one (R+1)×(C+1) grid, and the lines that add up in it. */
function augment(counts: readonly (readonly number[])[], options: { rowTotals: boolean; columnTotals: boolean }): Grid {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const values = Array.from({ length: rows + 1 }, (_, r) =>
    Array.from({ length: columns + 1 }, (_, c) => {
      if (r < rows && c < columns) return counts[r]?.[c] ?? 0;
      let sum = 0;
      for (let i = 0; i < rows; i += 1)
        for (let j = 0; j < columns; j += 1)
          if ((r === rows || i === r) && (c === columns || j === c)) sum += counts[i]?.[j] ?? 0;
      return sum;
    }),
  );
  const hasTotals = options.rowTotals || options.columnTotals;
  const exists = (r: number, c: number): boolean => {
    if (r < rows && c < columns) return true;
    if (r < rows && c === columns) return options.rowTotals;
    if (r === rows && c < columns) return options.columnTotals;
    return r === rows && c === columns && hasTotals;
  };
  const lines: Grid['lines'] = [];
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (options.rowTotals) {
    for (const r of range(rows)) lines.push({ parts: range(columns).map((c) => [r, c] as const), sum: [r, columns] });
    lines.push({ parts: range(rows).map((r) => [r, columns] as const), sum: [rows, columns] });
  }
  if (options.columnTotals) {
    for (const c of range(columns)) lines.push({ parts: range(rows).map((r) => [r, c] as const), sum: [rows, c] });
    lines.push({ parts: range(columns).map((c) => [rows, c] as const), sum: [rows, columns] });
  }
  const positions = range(rows + 1)
    .flatMap((r) => range(columns + 1).map((c) => [r, c] as const))
    .filter(([r, c]) => exists(r, c));
  return { values, lines, positions, exists, rows, columns };
}

/**
 * Entries that could protect `exposed`: shown, non-zero, in its row or column of the grid;
 * cells before totals, smallest first, then reading order. Where its lines have none left,
 * any shown non-zero entry (the loop always ends: a table hidden whole is unbounded).
 */
function partnersOf(grid: Grid, hidden: readonly (readonly boolean[])[], exposed: Position): Position[] {
  const open = grid.positions.filter(([r, c]) => !hidden[r]?.[c] && (grid.values[r]?.[c] ?? 0) > 0);
  const isTotal = ([r, c]: Position) => r === grid.rows || c === grid.columns;
  const order = (a: Position, b: Position) =>
    Number(isTotal(a)) - Number(isTotal(b)) || (grid.values[a[0]]?.[a[1]] ?? 0) - (grid.values[b[0]]?.[b[1]] ?? 0);
  const near = open.filter(([r, c]) => r === exposed[0] || c === exposed[1]).sort(order);
  return near.length > 0 ? near : open.sort(order);
}

/** A figure that belongs to a count (hours of a group, money per head): hidden when it is. */
export function suppressAlong(count: Shown, value: number): Shown {
  return count.suppressed ? count : { suppressed: false, value };
}

/** `suppressedMark` or the number, for exports and screens that show plain text. */
export function shownText(shown: Shown, format: (value: number) => string = String): string {
  return shown.suppressed ? suppressedMark : format(shown.value);
}
