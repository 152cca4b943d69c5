import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivitySession, ActivityTotals, HeadCountCell } from './delivery';
import { ageBands, genders, headCountCells } from './delivery';
import {
  peopleCountThreshold,
  showActivityTotals,
  showHeadCountSplit,
  showSession,
  showSessionHeadCounts,
} from './delivery-figures';
import { type Shown, shownText } from './suppression';

const text = (s: Shown | null | undefined) => (s ? shownText(s) : s);
const hidden = (s: Shown | null | undefined) => s?.suppressed === true;

const totals: ActivityTotals = {
  sessionsPlanned: 2,
  sessionsHeld: 2,
  minutesHeld: 360,
  enrolled: 3,
  dropped: 0,
  uniqueParticipants: 3,
  participantMinutes: 1080,
  completions: 3,
  headCount: 0,
};

function session(id: string, headCount: number | null, registered = 0, attended = 0): ActivitySession {
  return {
    id,
    activityId: 'a',
    date: '2026-03-02',
    startTime: null,
    minutes: 180,
    module: null,
    note: null,
    held: true,
    headCount,
    registered,
    attended,
    version: 1,
  };
}

describe('counts of people by role', () => {
  it('gives admins and coordinators exact counts, finance and viewers the organisation threshold', () => {
    expect(peopleCountThreshold('admin', 5)).toBeNull();
    expect(peopleCountThreshold('coordinator', 5)).toBeNull();
    expect(peopleCountThreshold('finance', 5)).toBe(5);
    expect(peopleCountThreshold('viewer', 10)).toBe(10);
  });

  it('hides a small group with its hours, never sessions or hours delivered', () => {
    const line = showSessionHeadCounts([], 5);
    const shown = showActivityTotals(totals, line, 5);
    expect(shown).toMatchObject({ sessionsPlanned: 2, sessionsHeld: 2, minutesHeld: 360 });
    expect([shown.uniqueParticipants, shown.participantMinutes, shown.completions, shown.enrolled].map(text)).toEqual([
      'x',
      'x',
      'x',
      'x',
    ]);
    expect([shown.dropped, shown.headCount].map(text)).toEqual(['0', '0']);
    const exact = showActivityTotals(totals, showSessionHeadCounts([], null), null);
    expect([exact.uniqueParticipants, exact.participantMinutes].map(text)).toEqual(['3', '1080']);
    const big = showActivityTotals({ ...totals, uniqueParticipants: 5, participantMinutes: 1800 }, line, 5);
    expect([big.uniqueParticipants, big.participantMinutes].map(text)).toEqual(['5', '1800']);
  });

  it('hides a second session where the activity total would give a small one away', () => {
    const line = showSessionHeadCounts(
      [
        { sessionId: 's1', count: 20 },
        { sessionId: 's2', count: 3 },
        { sessionId: 's3', count: 8 },
        { sessionId: 's4', count: null },
      ],
      5,
    );
    expect(text(line.total)).toBe('31');
    expect(['s1', 's2', 's3'].map((id) => text(line.bySession.get(id)))).toEqual(['20', 'x', 'x']);
    expect(showSession(session('s4', null), line, 5).headCount).toBeNull();
    // The split of a hidden session total is hidden too, zeros aside.
    const split = showHeadCountSplit(
      [
        { gender: 'woman', ageBand: '25-34', count: 8 },
        { gender: 'man', ageBand: '18-24', count: 0 },
      ],
      line.bySession.get('s3') ?? null,
      5,
    );
    expect(split.cells.map((c) => text(c.count))).toEqual(['x', '0']);
    expect(text(split.total)).toBe('x');
  });

  it('shows a register session’s counts each on their own', () => {
    const shown = showSession(session('r', null, 12, 3), showSessionHeadCounts([], 5), 5);
    expect([shown.registered, shown.attended].map(text)).toEqual(['12', 'x']);
  });

  it('hides a part of the enrolled (or the registered) that falls short of them by a small group', () => {
    const base = {
      ...totals,
      enrolled: 12,
      dropped: 0,
      uniqueParticipants: 12,
      participantMinutes: 1200,
      completions: 10,
    };
    const line = showSessionHeadCounts([], 5);
    // 12 attend of 12 enrolled: nothing to give away. 10 complete: two did not.
    const shown = showActivityTotals(base, line, 5);
    expect([shown.enrolled, shown.uniqueParticipants, shown.completions, shown.dropped].map(text)).toEqual([
      '12',
      '12',
      'x',
      '0',
    ]);
    // 10 attend of 12: two enrolled people never came.
    const absent = showActivityTotals({ ...base, uniqueParticipants: 10, completions: 0 }, line, 5);
    expect([absent.uniqueParticipants, absent.participantMinutes].map(text)).toEqual(['x', 'x']);
    // Withheld by the organisation's release, though safe beside the enrolled.
    const withheld = showActivityTotals(base, line, 5, { attended: false, completions: true });
    expect(hidden(withheld.uniqueParticipants)).toBe(true);
    // Exact for readers of the register, whatever the release says.
    expect(text(showActivityTotals(base, line, null, { attended: false }).uniqueParticipants)).toBe('12');
    // A session: 10 present of 12 registered says two were absent.
    const s = showSession(session('p', null, 12, 10), line, 5);
    expect([s.registered, s.attended].map(text)).toEqual(['12', 'x']);
    expect(text(showSession(session('q', null, 12, 12), line, 5).attended)).toBe('12');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (whole, part) => {
        const value = Math.min(whole, part);
        const t = showActivityTotals(
          { ...base, enrolled: whole, uniqueParticipants: value, completions: value },
          line,
          5,
        );
        const e = t.enrolled.suppressed ? null : t.enrolled.value;
        const u = t.uniqueParticipants.suppressed ? null : t.uniqueParticipants.value;
        if (e !== null && u !== null) expect(e - u === 0 || e - u >= 5).toBe(true);
      }),
    );
  });

  it('leaves no hidden head count recoverable from a total shown, on either line', () => {
    const split = fc.array(
      fc.record({
        gender: fc.constantFrom(...genders),
        ageBand: fc.constantFrom(...ageBands),
        count: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.tuple(split, fc.integer({ min: 0, max: 12 })), { nil: null }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 2, max: 11 }),
        (sessions, k) => {
          // Stored cells as the domain keeps them: the split plus an undisclosed remainder.
          const stored = sessions.map((s) => {
            if (s === null) return null;
            const unique = new Map<string, HeadCountCell>();
            for (const c of s[0]) unique.set(`${c.gender}|${c.ageBand}`, c);
            const cells = [...unique.values()];
            return headCountCells(cells.reduce((sum, c) => sum + c.count, 0) + s[1], cells);
          });
          const counts = stored.map((cells, i) => ({
            sessionId: `s${i}`,
            count: cells === null ? null : cells.reduce((sum, c) => sum + c.count, 0),
          }));
          const line = showSessionHeadCounts(counts, k);
          const recorded = counts.filter((c) => c.count !== null);
          const small = (v: number) => v >= 1 && v < k;
          // Activity line: a total shown never sits beside exactly one hidden session.
          if (!line.total.suppressed) {
            expect(recorded.filter((c) => hidden(line.bySession.get(c.sessionId))).length).not.toBe(1);
            expect(line.total.value).toBe(recorded.reduce((sum, c) => sum + (c.count ?? 0), 0));
          }
          stored.forEach((cells, i) => {
            const count = counts[i]?.count ?? null;
            const shownTotal = line.bySession.get(`s${i}`) ?? null;
            if (cells === null || count === null) return;
            if (small(count)) expect(hidden(shownTotal)).toBe(true);
            if (shownTotal && !shownTotal.suppressed) expect(shownTotal.value).toBe(count);
            const shown = showHeadCountSplit(cells, shownTotal, k);
            expect(shown.total).toEqual(shownTotal);
            const hiddenCells = shown.cells.filter((c) => hidden(c.count));
            shown.cells.forEach((c, j) => {
              const value = cells[j]?.count ?? 0;
              if (small(value)) expect(hidden(c.count)).toBe(true);
              if (value === 0) expect(c.count).toEqual({ suppressed: false, value: 0 });
              if (!c.count.suppressed) expect(c.count.value).toBe(value);
            });
            // Session line: a total shown never sits beside exactly one hidden cell; a hidden
            // total has no split that adds up to it.
            if (shownTotal && !shownTotal.suppressed) expect(hiddenCells.length).not.toBe(1);
            else if (count > 0) expect(hiddenCells.length).toBeGreaterThan(0);
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
