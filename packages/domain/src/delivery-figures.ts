import type { ActivitySession, ActivityTotals, AgeBand, Gender, HeadCountCell } from './delivery';
import { can, type Role } from './roles';
import { type Shown, shownExactly, suppressAlong, suppressCount, suppressTable } from './suppression';

/**
 * Counts of people as a reader of the delivery screens sees them (DESIGN.md rules 3 and 4,
 * REPORTING.md "Small-count suppression"). Whoever may read the register (`participant.read`:
 * admins and coordinators) sees every count exactly. Everyone else (finance, viewers) sees a count
 * from 1 to k−1 (k the organisation's threshold) hidden behind `suppressedMark`, hours hidden with
 * the people they belong to, and, where counts are shown beside the total they add up to, one more
 * hidden so that the total gives none away (`suppressTable`). Sessions held, minutes delivered
 * and output quantities are about the activity, not people, and stay numbers.
 *
 * The lines with a total, for a head-count activity:
 * - the activity's head count is the sum of its sessions' head counts (one line, all sessions);
 * - a session's head count is the sum of its split by gender and age band (one line per session).
 * A session whose head count is hidden in the first line shows no split in the second, since
 * its cells would add up to it.
 */

/** The k a role's counts of people are suppressed at; null when it sees them exactly. */
export function peopleCountThreshold(role: Role, organizationThreshold: number): number | null {
  return can(role, 'participant.read') ? null : organizationThreshold;
}

export type ShownActivityTotals = ActivityTotals<Shown>;
export type ShownActivitySession = ActivitySession<Shown>;

/** A head count's split by gender and age band, each cell and the total as the reader sees them. */
export interface ShownHeadCountSplit {
  cells: { gender: Gender; ageBand: AgeBand; count: Shown }[];
  /** Null until a head count is recorded. */
  total: Shown | null;
}

const exact = shownExactly;

/** A session of a head-count activity and its count (null until one is recorded). */
export interface SessionHeadCount {
  sessionId: string;
  count: number | null;
}

/**
 * The head counts of one activity's sessions beside the activity's total: complementary
 * suppression on that line. `sessions` must be every session of the activity (not a page of them),
 * in one fixed order, so that every screen hides the same ones.
 */
export function showSessionHeadCounts(
  sessions: readonly SessionHeadCount[],
  k: number | null,
): { bySession: Map<string, Shown>; total: Shown } {
  const recorded = sessions.filter((s): s is { sessionId: string; count: number } => s.count !== null);
  const sum = recorded.reduce((total, s) => total + s.count, 0);
  if (k === null) {
    return { bySession: new Map(recorded.map((s) => [s.sessionId, exact(s.count)])), total: exact(sum) };
  }
  if (recorded.length === 0) return { bySession: new Map(), total: suppressCount(0, k) };
  const table = suppressTable([recorded.map((s) => s.count)], k, { rowTotals: true, columnTotals: false });
  const cells = table.cells[0] ?? [];
  return {
    bySession: new Map(recorded.map((s, i) => [s.sessionId, cells[i] ?? suppressCount(s.count, k)])),
    total: table.rowTotals?.[0] ?? suppressCount(sum, k),
  };
}

/** Which of an activity's (or a session's) people counts the organisation's joint release withholds. */
export interface ReleasedPeople {
  /** People attending: an activity's over all time, a session's on its day. */
  attended: boolean;
  /** Enrolments completed over all time (activities only). */
  completions?: boolean;
  /** People enrolled over all time (activities only). */
  enrolled?: boolean;
  /** People on a session's register (sessions only). */
  registered?: boolean;
}

const allReleased: ReleasedPeople = { attended: true, completions: true };

/** A count as a reader of suppressed counts sees it: hidden when small or withheld by the release. */
function shownIf(value: number, k: number | null, released: boolean): Shown {
  if (k === null) return exact(value);
  return released ? suppressCount(value, k) : { suppressed: true, threshold: k };
}

/**
 * A count of part of a larger group shown beside it (the people attending, completing or dropping
 * out beside those enrolled; those present beside those registered): hidden when small, when the
 * release withholds it, or when the difference from the whole is a small group.
 */
function partOf(whole: { value: number; shown: Shown }, value: number, k: number | null, released = true): Shown {
  if (k === null) return exact(value);
  const shown = suppressCount(value, k);
  if (shown.suppressed) return shown;
  const rest = whole.value - value;
  if (!released || (!whole.shown.suppressed && rest >= 1 && rest < k)) return { suppressed: true, threshold: k };
  return shown;
}

/**
 * An activity's totals as the reader sees them. `headCounts` is `showSessionHeadCounts` over the
 * activity's sessions (its total is the activity's head count, hidden consistently with them).
 * The people attending, completing and dropping out are parts of those enrolled; attending and
 * completing are also decided with the organisation's other figures (`released`, ADR 0012).
 */
export function showActivityTotals(
  totals: ActivityTotals,
  headCounts: { total: Shown },
  k: number | null,
  released: ReleasedPeople = allReleased,
): ShownActivityTotals {
  const enrolled = { value: totals.enrolled, shown: shownIf(totals.enrolled, k, released.enrolled ?? true) };
  const uniqueParticipants = partOf(enrolled, totals.uniqueParticipants, k, released.attended);
  return {
    sessionsPlanned: totals.sessionsPlanned,
    sessionsHeld: totals.sessionsHeld,
    minutesHeld: totals.minutesHeld,
    enrolled: enrolled.shown,
    dropped: partOf(enrolled, totals.dropped, k),
    uniqueParticipants,
    participantMinutes: suppressAlong(uniqueParticipants, totals.participantMinutes),
    completions: partOf(enrolled, totals.completions, k, released.completions ?? true),
    headCount: headCounts.total,
  };
}

/**
 * A session as the reader sees it; its head count comes from `showSessionHeadCounts`. Those
 * present are part of those registered, and are decided with the organisation's other figures.
 */
export function showSession(
  session: ActivitySession,
  headCounts: { bySession: Map<string, Shown> },
  k: number | null,
  released: ReleasedPeople = allReleased,
): ShownActivitySession {
  const count = (value: number) => (k === null ? exact(value) : suppressCount(value, k));
  const registered = { value: session.registered, shown: shownIf(session.registered, k, released.registered ?? true) };
  return {
    ...session,
    headCount: session.headCount === null ? null : (headCounts.bySession.get(session.id) ?? count(session.headCount)),
    registered: registered.shown,
    attended: partOf(registered, session.attended, k, released.attended),
  };
}

/**
 * A session's head count split by gender and age band, beside its total: complementary
 * suppression on that line. `total` is the session's head count as `showSession` gives it; when
 * it is hidden, every cell that is not zero is hidden with it.
 */
export function showHeadCountSplit(
  cells: readonly HeadCountCell[],
  total: Shown | null,
  k: number | null,
): ShownHeadCountSplit {
  if (k === null || total === null) {
    return { cells: cells.map((c) => ({ gender: c.gender, ageBand: c.ageBand, count: exact(c.count) })), total };
  }
  const table = suppressTable([cells.map((c) => c.count)], k, { rowTotals: true, columnTotals: false });
  const shown = table.cells[0] ?? [];
  return {
    cells: cells.map((c, i) => ({
      gender: c.gender,
      ageBand: c.ageBand,
      count: total.suppressed && c.count > 0 ? total : (shown[i] ?? suppressCount(c.count, k)),
    })),
    total,
  };
}
