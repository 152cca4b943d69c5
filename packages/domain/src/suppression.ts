/**
 * Small-count suppression (REPORTING.md, DESIGN.md rule 4). A count from 1 to k−1 is shown as
 * "<k"; zero is shown as 0. Where a row or column total is shown, a line that hides one cell
 * hides at least one more (complementary suppression, the smallest non-zero cell), so the hidden
 * cell cannot be recovered by subtracting the shown cells from the total. When a line has no
 * other non-zero cell to hide, its total is hidden instead. Hours and money that belong to a
 * hidden count are hidden with it (`suppressAlong`).
 */

export type Shown = { suppressed: false; value: number } | { suppressed: true; threshold: number };

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
 * Deterministic: ties between candidate cells go to the first in reading order.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  k: number,
  options: { rowTotals: boolean; columnTotals: boolean },
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
  const hidden = counts.map((row) => row.map((value) => isSmall(value, k)));
  const rowSums = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const columnSums = Array.from({ length: columns }, (_, c) => counts.reduce((s, row) => s + (row[c] ?? 0), 0));
  const grand = rowSums.reduce((s, v) => s + v, 0);
  const rowTotalHidden = rowSums.map((v) => isSmall(v, k));
  const columnTotalHidden = columnSums.map((v) => isSmall(v, k));

  // A line (its cells and whether its total shows) that hides exactly one cell gets a partner.
  const protect = (cellsOf: [number, number][], totalShown: () => boolean, hideTotal: () => void): boolean => {
    if (!totalShown()) return false;
    const hiddenCells = cellsOf.filter(([r, c]) => hidden[r]?.[c]);
    if (hiddenCells.length !== 1) return false;
    let best: [number, number] | null = null;
    for (const [r, c] of cellsOf) {
      const value = counts[r]?.[c] ?? 0;
      if (hidden[r]?.[c] || value === 0) continue;
      if (best === null || value < (counts[best[0]]?.[best[1]] ?? 0)) best = [r, c];
    }
    if (best) (hidden[best[0]] as boolean[])[best[1]] = true;
    else hideTotal();
    return true;
  };

  for (let changed = true; changed; ) {
    changed = false;
    if (options.rowTotals) {
      for (let r = 0; r < rows; r += 1) {
        const line = Array.from({ length: columns }, (_, c) => [r, c] as [number, number]);
        changed =
          protect(
            line,
            () => !rowTotalHidden[r],
            () => {
              rowTotalHidden[r] = true;
            },
          ) || changed;
      }
    }
    if (options.columnTotals) {
      for (let c = 0; c < columns; c += 1) {
        const line = Array.from({ length: rows }, (_, r) => [r, c] as [number, number]);
        changed =
          protect(
            line,
            () => !columnTotalHidden[c],
            () => {
              columnTotalHidden[c] = true;
            },
          ) || changed;
      }
    }
  }

  const shown = (value: number, isHidden: boolean): Shown =>
    isHidden ? { suppressed: true, threshold: k } : { suppressed: false, value };
  // The grand total is the sum of the totals shown: hide it when exactly one total is hidden.
  const grandHidden =
    isSmall(grand, k) ||
    (options.rowTotals && rowTotalHidden.filter(Boolean).length === 1) ||
    (options.columnTotals && columnTotalHidden.filter(Boolean).length === 1);
  return {
    cells: counts.map((row, r) => row.map((value, c) => shown(value, hidden[r]?.[c] ?? false))),
    rowTotals: options.rowTotals ? rowSums.map((v, r) => shown(v, rowTotalHidden[r] ?? false)) : null,
    columnTotals: options.columnTotals ? columnSums.map((v, c) => shown(v, columnTotalHidden[c] ?? false)) : null,
    grandTotal: options.rowTotals || options.columnTotals ? shown(grand, grandHidden) : null,
  };
}

/** A figure that belongs to a count (hours of a group, money per head): hidden when it is. */
export function suppressAlong(count: Shown, value: number): Shown {
  return count.suppressed ? count : { suppressed: false, value };
}

/** "<5" or the number, for exports and screens that show plain text. */
export function shownText(shown: Shown, format: (value: number) => string = String): string {
  return shown.suppressed ? `<${shown.threshold}` : format(shown.value);
}
