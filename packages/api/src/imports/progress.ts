import type { Actor, ImportProblem, ImportProgress, ImportSummary } from '@tessera/domain';
import type { Executor } from '@tessera/db';
import type { ParticipantKeys } from '../services/participants.service';
import type { ImportFile } from './read-file';

export type ProgressListener = (progress: ImportProgress) => void | Promise<void>;

/**
 * Reports progress, then lets the event loop run (a streaming HTTP response flushes, other
 * timers fire) before the next chunk of rows.
 */
export async function report(
  onProgress: ProgressListener | undefined,
  phase: ImportProgress['phase'],
  done: number,
  total: number,
): Promise<void> {
  await onProgress?.({ phase, done, total });
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The checked file: what would change, every problem, and how to write it. */
export interface ImportPlan {
  summary: ImportSummary;
  problems: ImportProblem[];
  /** Writes everything (only called when there is no problem), inside the caller's transaction. */
  apply(onProgress: ProgressListener | undefined): Promise<void>;
}

export type Planner = (
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  file: ImportFile,
  onProgress: ProgressListener | undefined,
) => Promise<ImportPlan>;

export function emptySummary(rows: number): ImportSummary {
  return { rows, created: 0, updated: 0, unchanged: 0, enrolled: 0 };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Map.groupBy, which Node 20 lacks. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
