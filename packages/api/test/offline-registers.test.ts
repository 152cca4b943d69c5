import type { OpenedDatabase } from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization } from './helpers';

/**
 * Issue 15 item 3: what a coordinator's phone keeps for taking attendance offline
 * (docs/offline.md): today's and tomorrow's register sessions, whole, with codes and marks only.
 */
let opened: OpenedDatabase;
let orgId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
});
afterEach(async () => {
  await opened?.close();
});

describe('register.offline', () => {
  it('holds today’s and tomorrow’s registers (in the organisation’s zone), codes and marks only', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    // 2026-03-02 23:30 in Skopje is still the 2nd there (22:30 UTC): today is the 2nd, tomorrow the 3rd.
    const now = () => new Date('2026-03-02T22:30:00Z');
    const { caller } = await callerFor(opened, orgId, 'coordinator', { now });
    await caller.register.save({
      sessionId: p.sessionIds[0],
      version: 1,
      entries: [{ participantId: p.participantIds[0], status: 'absent' }],
      markRest: null,
    });
    await caller.sessions.create({
      activityId: p.activityId,
      date: '2026-03-03',
      minutes: 90,
      module: 'Three',
      note: null,
    });
    // Not kept: a session the day after tomorrow, and head counts (no roster to take).
    await caller.sessions.create({
      activityId: p.activityId,
      date: '2026-03-04',
      minutes: 90,
      module: 'Four',
      note: null,
    });

    const kept = await caller.register.offline();
    expect(kept.today).toBe('2026-03-02');
    expect(kept.tomorrow).toBe('2026-03-03');
    expect(kept.sessions.map((s) => [s.session.date, s.session.module])).toEqual([
      ['2026-03-02', 'One'],
      ['2026-03-03', 'Three'],
    ]);
    const [today] = kept.sessions;
    expect(today?.register.version).toBe(2);
    expect(today?.register.total).toBe(today?.register.entries.length);
    expect(today?.register.entries.length).toBeGreaterThan(0);
    for (const entry of kept.sessions.flatMap((s) => s.register.entries)) {
      // Nothing personal beyond the pseudonymous code.
      expect(Object.keys(entry).sort()).toEqual(['code', 'enrollmentStatus', 'minutes', 'participantId', 'status']);
    }
    expect(today?.register.entries.find((e) => e.participantId === p.participantIds[0])?.status).toBe('absent');
  });
});
