import type { AugmentedTable, Position } from './suppression-audit';
import type { Shown, SuppressedTable } from './suppression';

/**
 * The attacker, written for the tests independently of `suppressTable`: it reads only what a
 * published table shows (values and hidden marks, the rows, columns and totals that add up)
 * and searches integer completions by brute force. Only for tiny tables.
 */
export interface Published {
  /** Shown value, or null where hidden; keyed "r:c" on the (R+1)×(C+1) grid. */
  entries: Map<string, number | null>;
  lines: { parts: string[]; sum: string }[];
}

export function publishedOf(table: SuppressedTable): Published {
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  const entries = new Map<string, number | null>();
  const put = (r: number, c: number, s: Shown | undefined) => {
    if (s) entries.set(`${r}:${c}`, s.suppressed ? null : s.value);
  };
  table.cells.forEach((row, r) => {
    row.forEach((s, c) => {
      put(r, c, s);
    });
  });
  table.rowTotals?.forEach((s, r) => {
    put(r, columns, s);
  });
  table.columnTotals?.forEach((s, c) => {
    put(rows, c, s);
  });
  if (table.grandTotal) put(rows, columns, table.grandTotal);
  const lines: Published['lines'] = [];
  const seq = (n: number) => [...Array(n).keys()];
  if (table.rowTotals) {
    for (const r of seq(rows)) lines.push({ parts: seq(columns).map((c) => `${r}:${c}`), sum: `${r}:${columns}` });
    lines.push({ parts: seq(rows).map((r) => `${r}:${columns}`), sum: `${rows}:${columns}` });
  }
  if (table.columnTotals) {
    for (const c of seq(columns)) lines.push({ parts: seq(rows).map((r) => `${r}:${c}`), sum: `${rows}:${c}` });
    lines.push({ parts: seq(columns).map((c) => `${rows}:${c}`), sum: `${rows}:${columns}` });
  }
  return { entries, lines };
}

/** The same view of a hand-made augmented table (to test the LP audit against brute force). */
export function publishedOfAugmented(table: AugmentedTable, exists: (p: Position) => boolean): Published {
  const entries = new Map<string, number | null>();
  table.values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (exists([r, c])) entries.set(`${r}:${c}`, table.hidden[r]?.[c] ? null : value);
    });
  });
  const key = ([r, c]: Position) => `${r}:${c}`;
  return { entries, lines: table.lines.map((l) => ({ parts: l.parts.map(key), sum: key(l.sum) })) };
}

/**
 * Whether some completion of the hidden entries (each an integer from 1 to `cap`) makes every
 * line add up, with `fixed` entries set. Depth-first with forced values; throws past a budget
 * rather than hang.
 */
export function isFeasible(published: Published, fixed: ReadonlyMap<string, number>, cap: number): boolean {
  const value = new Map<string, number>();
  for (const [k, v] of published.entries) if (v !== null) value.set(k, v);
  for (const [k, v] of fixed) value.set(k, v);
  const unknowns = [...published.entries.keys()].filter((k) => !value.has(k));
  let budget = 2_000_000;
  const consistent = (): boolean => {
    for (const line of published.lines) {
      const sum = value.get(line.sum);
      let partial = 0;
      let open = 0;
      for (const p of line.parts) {
        const v = value.get(p);
        if (v === undefined) open += 1;
        else partial += v;
      }
      if (sum !== undefined && (open === 0 ? partial !== sum : partial + open > sum)) return false;
    }
    return true;
  };
  const forced = (k: string): number | null => {
    for (const line of published.lines) {
      const members = [...line.parts, line.sum];
      if (!members.includes(k) || members.some((m) => m !== k && !value.has(m))) continue;
      const parts = line.parts.reduce((s, p) => s + (p === k ? 0 : (value.get(p) ?? 0)), 0);
      return line.sum === k ? parts : (value.get(line.sum) ?? 0) - parts;
    }
    return null;
  };
  const search = (i: number): boolean => {
    budget -= 1;
    if (budget < 0) throw new Error('Brute-force search budget exceeded: the table is too large for the oracle.');
    if (i === unknowns.length) return true;
    const k = unknowns[i] as string;
    const only = forced(k);
    const candidates = only === null ? [...Array(cap).keys()].map((v) => v + 1) : only >= 1 ? [only] : [];
    for (const v of candidates) {
      value.set(k, v);
      if (consistent() && search(i + 1)) return true;
      value.delete(k);
    }
    return false;
  };
  return consistent() && search(0);
}

/**
 * Whether an attacker can narrow the hidden entry at `k` (true value `x`) to fewer than `width`+1
 * values: it is safe only if completions exist with that entry at some x−d and x−d+width.
 */
export function isNarrowed(published: Published, at: string, x: number, width: number, cap: number): boolean {
  for (let d = 0; d <= width; d += 1) {
    const low = x - d;
    if (low < 1) break;
    const high = low + width;
    if (isFeasible(published, new Map([[at, low]]), cap) && isFeasible(published, new Map([[at, high]]), cap))
      return false;
  }
  return true;
}

/** "r:c" back to a grid position. */
export function positionOf(key: string): [number, number] {
  return key.split(':').map(Number) as [number, number];
}

/** The lines of a published table as the LP audit takes them. */
export function linesOf(published: Published): AugmentedTable['lines'] {
  return published.lines.map((l) => ({ parts: l.parts.map(positionOf), sum: positionOf(l.sum) }));
}
