import { addDays } from './dates';

/**
 * Hours are kept as integer minutes everywhere. Completion: a participant completes an activity
 * when the minutes attended reach the threshold share of the planned minutes
 * (attended × 100 ≥ threshold% × planned), compared in integers so 80% of 80 hours is exactly
 * 3,840 minutes.
 */

export const attendanceStatuses = ['present', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** Minutes needed to complete: the threshold share of the planned minutes, rounded up. */
export function completionMinutes(plannedMinutes: number, thresholdPercent: number): number {
  return Math.ceil((plannedMinutes * thresholdPercent) / 100);
}

export function isCompleted(attendedMinutes: number, plannedMinutes: number, thresholdPercent: number): boolean {
  if (plannedMinutes <= 0) return false;
  return attendedMinutes * 100 >= plannedMinutes * thresholdPercent;
}

/** Attended ÷ planned (0 when nothing was planned). */
export function attendanceRate(attendedMinutes: number, plannedMinutes: number): number {
  return plannedMinutes > 0 ? attendedMinutes / plannedMinutes : 0;
}

/**
 * The minutes to record for one person at one session: all of it when present (unless adjusted),
 * none when absent. Late is never the whole session: the coordinator gives the minutes attended,
 * more than none and fewer than the session's length (issue 15 item 4). Returns null for a value
 * the register must refuse; `attendanceMinutesProblem` says which message to show.
 */
export function minutesForAttendance(
  status: AttendanceStatus,
  sessionMinutes: number,
  typed?: number | null,
): number | null {
  return attendanceMinutesProblem(status, sessionMinutes, typed) === null
    ? status === 'absent'
      ? 0
      : (typed ?? sessionMinutes)
    : null;
}

/**
 * Why the minutes given for a mark are refused, as a message key with its values, or null when
 * they are fine: late needs minutes between 1 and one less than the session's length; present
 * may be adjusted to anything from 0 to the whole session.
 */
export function attendanceMinutesProblem(
  status: AttendanceStatus,
  sessionMinutes: number,
  typed?: number | null,
): { key: 'validation.lateMinutes' | 'validation.minutesOverSession'; minutes: number } | null {
  if (status === 'absent') return null;
  if (status === 'late') {
    if (typed == null || !Number.isInteger(typed) || typed <= 0 || typed >= sessionMinutes) {
      return { key: 'validation.lateMinutes', minutes: sessionMinutes };
    }
    return null;
  }
  const minutes = typed ?? sessionMinutes;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > sessionMinutes) {
    return { key: 'validation.minutesOverSession', minutes: sessionMinutes };
  }
  return null;
}

/** A session's start time 'HH:MM' (24-hour clock), or null when not known. */
export const startTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight for 'HH:MM'. */
export function clockToMinutes(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Minutes attended by someone who arrived at `arrival` ('HH:MM') at a session starting at
 * `start` and lasting `sessionMinutes`: the rest of the session. Null with a reason when the
 * arrival is before the start or at or after the end (neither is "late").
 */
export function minutesFromArrival(
  start: string,
  sessionMinutes: number,
  arrival: string,
): { minutes: number } | { problem: 'beforeStart' | 'afterEnd' | 'invalid' } {
  if (!startTimePattern.test(start) || !startTimePattern.test(arrival)) return { problem: 'invalid' };
  const late = clockToMinutes(arrival) - clockToMinutes(start);
  if (late <= 0) return { problem: 'beforeStart' };
  if (late >= sessionMinutes) return { problem: 'afterEnd' };
  return { minutes: sessionMinutes - late };
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface ScheduleInput {
  /** The first day the schedule may use (YYYY-MM-DD). */
  startDate: string;
  weeks: number;
  days: readonly Weekday[];
  minutesPerSession: number;
}

/**
 * Sessions for a schedule such as "8 weeks, Mon and Wed, 5 hours": one per chosen weekday in
 * each of `weeks` consecutive weeks counted from the start date, in date order, each then
 * editable one by one.
 */
export function generateSessions(schedule: ScheduleInput): { date: string; minutes: number }[] {
  const wanted = new Set(schedule.days);
  const sessions: { date: string; minutes: number }[] = [];
  for (let offset = 0; offset < schedule.weeks * 7; offset += 1) {
    const date = addDays(schedule.startDate, offset);
    // getUTCDay: 0 = Sunday; weekdays[] starts on Monday.
    const weekday = weekdays[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
    if (weekday && wanted.has(weekday)) sessions.push({ date, minutes: schedule.minutesPerSession });
  }
  return sessions;
}
