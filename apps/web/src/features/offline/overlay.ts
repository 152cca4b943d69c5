import type { AttendanceStatus, Register, RegisterEntry, SaveRegisterInput } from '@tessera/domain';
import type { OutboxEntry, OutboxItem } from './store';

/**
 * The pure parts of offline attendance: the register as it will be once the outbox is sent, a
 * page of a kept register (search and paging done on the phone, as the server does them), and
 * an offline save merged into the outbox.
 */

type Marked = Register['marked'];

function move(marked: Marked, from: AttendanceStatus | null, to: AttendanceStatus): void {
  if (from !== null) marked[from] = Math.max(0, marked[from] - 1);
  marked[to] += 1;
}

/**
 * The register with the waiting marks applied. Applied only on the version they were taken on:
 * on another version the outbox item will meet a conflict, shown as such, never blended in.
 * `wholeTotal` is the roster's size when `register.total` counts a search's matches only.
 */
export function applyOutbox(register: Register, item: OutboxItem | null, wholeTotal = register.total): Register {
  if (item?.state !== 'waiting' || item.baseVersion !== register.version) return register;
  const byId = new Map(item.entries.map((entry) => [entry.participantId, entry]));
  const marked = { ...register.marked };
  for (const entry of item.entries) move(marked, entry.from, entry.status);
  const entries = register.entries.map((entry): RegisterEntry => {
    const waiting = byId.get(entry.participantId);
    if (waiting) return { ...entry, status: waiting.status, minutes: waiting.minutes };
    if (item.markRest && entry.status === null) return { ...entry, status: item.markRest, minutes: null };
    return entry;
  });
  if (item.markRest) {
    const unmarked = Math.max(0, wholeTotal - marked.present - marked.late - marked.absent);
    marked[item.markRest] += unmarked;
  }
  return { ...register, marked, entries };
}

/** One page of a whole kept register, filtered by code prefix like the server's search. */
export function registerPage(
  register: Register,
  input: { search?: string; limit?: number; offset?: number },
): Register {
  const prefix = (input.search ?? '').trim().toUpperCase();
  const matching = prefix ? register.entries.filter((e) => e.code.toUpperCase().startsWith(prefix)) : register.entries;
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  return { ...register, total: matching.length, entries: matching.slice(offset, offset + limit) };
}

/**
 * An offline save folded into the session's outbox item: a later mark of the same person
 * replaces the earlier one; the version stays the one the first marks were taken on.
 */
export function mergeSave(
  existing: OutboxItem | null,
  input: SaveRegisterInput,
  register: Register,
  now: number,
): OutboxItem {
  const known = new Map(register.entries.map((entry) => [entry.participantId, entry]));
  const entries = new Map<string, OutboxEntry>((existing?.entries ?? []).map((e) => [e.participantId, e]));
  for (const entry of input.entries) {
    const current = known.get(entry.participantId);
    const earlier = entries.get(entry.participantId);
    entries.set(entry.participantId, {
      participantId: entry.participantId,
      code: current?.code ?? earlier?.code ?? '',
      status: entry.status,
      minutes: entry.status === 'absent' ? null : (entry.minutes ?? null),
      from: earlier ? earlier.from : (current?.status ?? null),
    });
  }
  return {
    sessionId: input.sessionId,
    activityTitle: register.activityTitle,
    date: register.date,
    baseVersion: existing?.baseVersion ?? input.version,
    entries: [...entries.values()],
    markRest: input.markRest ?? existing?.markRest ?? null,
    queuedAt: existing?.queuedAt ?? now,
    state: 'waiting',
    attempts: 0,
  };
}

/** The save input that sends an outbox item (on `version`: its own, or the server's when the user chose to). */
export function saveInput(item: OutboxItem, version = item.baseVersion): SaveRegisterInput {
  return {
    sessionId: item.sessionId,
    version,
    entries: item.entries.map((e) => ({ participantId: e.participantId, status: e.status, minutes: e.minutes })),
    markRest: item.markRest,
  };
}

/**
 * Whether the server already holds every waiting mark (a save that reached it before the answer
 * was lost): then there is nothing to send and no conflict to show.
 */
export function alreadyOnServer(
  item: OutboxItem,
  server: readonly Pick<RegisterEntry, 'participantId' | 'status' | 'minutes'>[],
  sessionMinutes: number,
): boolean {
  const byId = new Map(server.map((entry) => [entry.participantId, entry]));
  const minutesOf = (status: AttendanceStatus | null, minutes: number | null) =>
    status === 'absent' ? 0 : (minutes ?? sessionMinutes);
  const marksMatch = item.entries.every((entry) => {
    const now = byId.get(entry.participantId);
    return (
      now !== undefined &&
      now.status === entry.status &&
      minutesOf(now.status, now.minutes) === minutesOf(entry.status, entry.minutes)
    );
  });
  const restDone = item.markRest === null || server.every((entry) => entry.status !== null);
  return marksMatch && restDone;
}
