import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attendanceRate,
  completionMinutes,
  generateSessions,
  isCompleted,
  minutesForAttendance,
  attendanceMinutesProblem,
  minutesFromArrival,
  weekdays,
} from './hours';

describe('completion', () => {
  it('is 80% of 80 hours: 3,840 minutes', () => {
    expect(completionMinutes(4800, 80)).toBe(3840);
    expect(isCompleted(3840, 4800, 80)).toBe(true);
    expect(isCompleted(3839, 4800, 80)).toBe(false);
    expect(isCompleted(0, 0, 80)).toBe(false);
  });

  it('agrees with the minimum number of minutes, for any plan and threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100_000 }),
        (planned, threshold, attended) => {
          expect(isCompleted(attended, planned, threshold)).toBe(attended >= completionMinutes(planned, threshold));
        },
      ),
    );
  });

  it('never completes with fewer minutes than someone who did not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.nat(10_000),
        fc.nat(1000),
        (planned, threshold, a, extra) => {
          if (isCompleted(a, planned, threshold)) expect(isCompleted(a + extra, planned, threshold)).toBe(true);
        },
      ),
    );
  });

  it('reports the attendance rate', () => {
    expect(attendanceRate(2400, 4800)).toBe(0.5);
    expect(attendanceRate(10, 0)).toBe(0);
  });
});

describe('a register entry', () => {
  it('takes the whole session when present, none when absent, what was typed when late', () => {
    expect(minutesForAttendance('present', 300)).toBe(300);
    expect(minutesForAttendance('absent', 300, 120)).toBe(0);
    expect(minutesForAttendance('late', 300, 240)).toBe(240);
  });

  it('never counts late as the whole session: minutes between 1 and one less than its length', () => {
    expect(minutesForAttendance('late', 300)).toBeNull();
    expect(minutesForAttendance('late', 300, 300)).toBeNull();
    expect(minutesForAttendance('late', 300, 0)).toBeNull();
    expect(minutesForAttendance('late', 300, 299)).toBe(299);
    expect(minutesForAttendance('late', 300, 1)).toBe(1);
    expect(attendanceMinutesProblem('late', 300, 300)).toEqual({ key: 'validation.lateMinutes', minutes: 300 });
    expect(attendanceMinutesProblem('present', 300, 301)).toEqual({
      key: 'validation.minutesOverSession',
      minutes: 300,
    });
    expect(attendanceMinutesProblem('present', 300, 0)).toBeNull();
  });

  it('computes minutes from an arrival time, refusing one before the start or at or after the end', () => {
    expect(minutesFromArrival('18:00', 180, '18:45')).toEqual({ minutes: 135 });
    expect(minutesFromArrival('18:00', 180, '20:59')).toEqual({ minutes: 1 });
    expect(minutesFromArrival('18:00', 180, '18:00')).toEqual({ problem: 'beforeStart' });
    expect(minutesFromArrival('18:00', 180, '17:30')).toEqual({ problem: 'beforeStart' });
    expect(minutesFromArrival('18:00', 180, '21:00')).toEqual({ problem: 'afterEnd' });
    expect(minutesFromArrival('18:00', 180, '9')).toEqual({ problem: 'invalid' });
  });

  it('refuses negative minutes and more minutes than the session', () => {
    expect(minutesForAttendance('late', 300, -5)).toBeNull();
    expect(minutesForAttendance('present', 300, 0)).toBe(0);
    expect(minutesForAttendance('present', 300, 301)).toBeNull();
    expect(minutesForAttendance('late', 300, 12.5)).toBeNull();
  });
});

describe('sessions from a schedule', () => {
  it('makes the 8-week, Monday and Wednesday, 5-hour training: 16 sessions, 80 hours', () => {
    const sessions = generateSessions({
      startDate: '2026-03-02',
      weeks: 8,
      days: ['mon', 'wed'],
      minutesPerSession: 300,
    });
    expect(sessions).toHaveLength(16);
    expect(sessions.slice(0, 3).map((s) => s.date)).toEqual(['2026-03-02', '2026-03-04', '2026-03-09']);
    expect(sessions.at(-1)?.date).toBe('2026-04-22');
    expect(sessions.reduce((a, s) => a + s.minutes, 0)).toBe(80 * 60);
  });

  it('gives weeks × chosen days sessions, in order, all on the chosen weekdays', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 7 }),
        (start, weeks, days) => {
          const sessions = generateSessions({
            startDate: start.toISOString().slice(0, 10),
            weeks,
            days,
            minutesPerSession: 60,
          });
          expect(sessions).toHaveLength(weeks * days.length);
          expect([...sessions].sort((a, b) => a.date.localeCompare(b.date))).toEqual(sessions);
          for (const s of sessions)
            expect(days).toContain(weekdays[(new Date(`${s.date}T00:00:00Z`).getUTCDay() + 6) % 7]);
        },
      ),
    );
  });
});
