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
 * The minutes to record for one person at one session: all of it when present, none when
 * absent, and what the coordinator typed when late (or adjusted), never below zero nor above the
 * session's length. Returns null for a value the register must refuse.
 */
export function minutesForAttendance(
  status: AttendanceStatus,
  sessionMinutes: number,
  typed?: number | null,
): number | null {
  if (status === 'absent') return 0;
  const minutes = typed ?? sessionMinutes;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > sessionMinutes) return null;
  return minutes;
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
