import type { AttendanceStatus, Register, RegisterEntry, RegisterEntryInput } from '@tessera/domain';
import { firstFieldErrors, readAppError } from '../../lib/errors';

/**
 * The register screen keeps what the coordinator marked in memory, across pages and searches,
 * and saves it in one call. These are the pure parts: what changed, the counts shown in the
 * header, the save input, and server field errors mapped back to the rows they belong to.
 */

export interface RegisterMark {
  status: AttendanceStatus;
  /** Null: the whole session when present, none when absent; a late mark needs its minutes. */
  minutes: number | null;
}

export interface RegisterChange extends RegisterMark {
  code: string;
  /** What the server had for this row when it was changed (null: unmarked). */
  from: AttendanceStatus | null;
}

export type RegisterChanges = ReadonlyMap<string, RegisterChange>;

/** The minutes a mark stands for (the server's `minutesForAttendance`, without refusing). */
export function markedMinutes(mark: RegisterMark, sessionMinutes: number): number {
  if (mark.status === 'absent') return 0;
  return mark.minutes ?? sessionMinutes;
}

/**
 * Records one row's new mark. A mark equal to what is saved drops the change, so toggling back
 * leaves nothing to save.
 */
export function withMark(
  changes: RegisterChanges,
  entry: Pick<RegisterEntry, 'participantId' | 'code' | 'status' | 'minutes'>,
  mark: RegisterMark,
  sessionMinutes: number,
): Map<string, RegisterChange> {
  const next = new Map(changes);
  const saved = entry.status === null ? null : { status: entry.status, minutes: entry.minutes };
  const same =
    saved !== null &&
    saved.status === mark.status &&
    markedMinutes(saved, sessionMinutes) === markedMinutes(mark, sessionMinutes);
  if (same) next.delete(entry.participantId);
  else next.set(entry.participantId, { ...mark, code: entry.code, from: entry.status });
  return next;
}

export interface RegisterCounts {
  present: number;
  late: number;
  absent: number;
  unmarked: number;
}

/**
 * The header counts as they will be after saving: the server's counts over the whole register,
 * moved by every unsaved change, and everyone still unmarked counted present when "mark everyone
 * else present" is on. `saved` gives the server's current mark of a row where it is loaded.
 */
export function registerCounts(
  register: Pick<Register, 'total' | 'marked'>,
  changes: RegisterChanges,
  markRestPresent: boolean,
  saved: (participantId: string) => AttendanceStatus | null | undefined = () => undefined,
): RegisterCounts {
  const counts = { ...register.marked, unmarked: 0 };
  counts.unmarked = Math.max(0, register.total - counts.present - counts.late - counts.absent);
  for (const [participantId, change] of changes) {
    const known = saved(participantId);
    const from = known === undefined ? change.from : known;
    if (from === null) counts.unmarked -= 1;
    else counts[from] -= 1;
    counts[change.status] += 1;
  }
  for (const key of ['present', 'late', 'absent', 'unmarked'] as const) counts[key] = Math.max(0, counts[key]);
  if (markRestPresent) {
    counts.present += counts.unmarked;
    counts.unmarked = 0;
  }
  return counts;
}

/** The save input's entries, and which participant each index stands for. */
export function registerEntries(changes: RegisterChanges): { entries: RegisterEntryInput[]; order: string[] } {
  const order = [...changes.keys()];
  const entries = order.map((participantId) => {
    const change = changes.get(participantId) as RegisterChange;
    return {
      participantId,
      status: change.status,
      minutes: change.status === 'absent' ? null : change.minutes,
    };
  });
  return { entries, order };
}

/**
 * The server's field errors for `entries.N.minutes` or `entries.N.participantId`, keyed by the
 * participant that entry N named, so each lands on its own row whatever page it is on.
 */
export function rowErrors(error: unknown, order: readonly string[]): Map<string, string> {
  const errors = new Map<string, string>();
  for (const [path, message] of firstFieldErrors(readAppError(error))) {
    const match = /^entries\.(\d+)(?:\.|$)/.exec(path);
    const participantId = match ? order[Number(match[1])] : undefined;
    if (participantId && !errors.has(participantId)) errors.set(participantId, message);
  }
  return errors;
}
