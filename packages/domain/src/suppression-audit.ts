import { type Model, solve } from 'yalps';

/**
 * What an attacker can work out about the hidden entries of a published table by exact
 * arithmetic: every line (a row, a column, the totals) adds up, every hidden entry is at least 1
 * (zeros are always shown), and nothing else is known. The range of each hidden entry is found
 * by linear programming (the constraint matrix of a table with margins is totally unimodular, so
 * the bounds of the relaxation are the integer bounds), the audit statistical offices run on a
 * suppression pattern (tau-Argus, sdcTable).
 *
 * The table is given "augmented": entry (r, c) of an R×C table is a cell, (r, C) is row r's
 * total, (R, c) column c's total and (R, C) the grand total; `lines` lists which entries add up
 * to which.
 */
export interface AugmentedTable {
  /** The true values, (R+1)×(C+1); entries that do not exist are ignored. */
  values: readonly (readonly number[])[];
  hidden: readonly (readonly boolean[])[];
  /** Each line: the entries that add up, and the entry that is their sum. */
  lines: readonly { parts: readonly Position[]; sum: Position }[];
}

export type Position = readonly [row: number, column: number];

export interface Range {
  low: number;
  /** Infinity where no line bounds the entry. */
  high: number;
}

const key = ([r, c]: Position) => `${r}:${c}`;

/** The range an attacker can narrow one hidden entry to, given everything shown. */
export function feasibleRange(table: AugmentedTable, target: Position): Range {
  const isHidden = ([r, c]: Position) => table.hidden[r]?.[c] === true;
  const entryValue = ([r, c]: Position) => table.values[r]?.[c] ?? 0;
  if (!isHidden(target)) return { low: entryValue(target), high: entryValue(target) };
  const variables = new Map<string, Map<string, number>>();
  const constraints = new Map<string, { equal?: number; min?: number }>();
  const coefficient = (position: Position, constraint: string, by: number) => {
    const name = key(position);
    let row = variables.get(name);
    if (!row) {
      row = new Map([[`at-least-one:${name}`, 1]]);
      constraints.set(`at-least-one:${name}`, { min: 1 });
      variables.set(name, row);
    }
    row.set(constraint, (row.get(constraint) ?? 0) + by);
  };
  coefficient(target, 'objective', 1);
  table.lines.forEach((line, i) => {
    const name = `line:${i}`;
    let known = 0;
    for (const part of line.parts) {
      if (isHidden(part)) coefficient(part, name, 1);
      else known -= entryValue(part);
    }
    if (isHidden(line.sum)) coefficient(line.sum, name, -1);
    else known += entryValue(line.sum);
    constraints.set(name, { equal: known });
  });
  const bound = (direction: 'minimize' | 'maximize'): number => {
    const model: Model<string, string> = { direction, objective: 'objective', constraints, variables };
    const solution = solve(model);
    if (solution.status === 'unbounded') return Number.POSITIVE_INFINITY;
    if (solution.status !== 'optimal') throw new Error(`Suppression audit could not solve: ${solution.status}`);
    // Integer bounds of a totally unimodular system; round away float noise only.
    return direction === 'minimize' ? Math.ceil(solution.result - 1e-6) : Math.floor(solution.result + 1e-6);
  };
  return { low: bound('minimize'), high: bound('maximize') };
}

/**
 * Whether a hidden entry is protected: the attacker's range for it spans at least k−1 (holds at
 * least k possible values), so it cannot be told apart from a count of k or more, nor narrowed
 * to one value of the small band 1..k−1.
 */
export function isProtected(range: Range, k: number): boolean {
  return range.high - range.low >= k - 1;
}
