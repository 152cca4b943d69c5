import type { HeadCountCell, Role } from '@tessera/domain';
import type { OpenedDatabase } from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, plain } from './helpers';

/**
 * Small-count suppression on the delivery screens: finance and viewers (no `participant.read`)
 * see counts of people from 1 to k−1 as the mark "x", with the hours that belong to them; admins and
 * coordinators see every count exactly.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

let opened: OpenedDatabase;
let orgId: string;
let callers: Record<Role, Caller>;
let p: Awaited<ReturnType<typeof createTestProgramme>>;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  callers = {
    admin: (await callerFor(opened, orgId, 'admin')).caller,
    coordinator: (await callerFor(opened, orgId, 'coordinator')).caller,
    finance: (await callerFor(opened, orgId, 'finance')).caller,
    viewer: (await callerFor(opened, orgId, 'viewer')).caller,
  };
  p = await createTestProgramme(opened.db, orgId);
});

afterEach(() => opened.close());

const suppressedRoles = ['finance', 'viewer'] as const;
const exactRoles = ['admin', 'coordinator'] as const;

/** `extra` more people enrolled in the register activity; everyone present at the first session. */
async function attendFirstSession(extra: number) {
  const c = callers.coordinator;
  const ids: string[] = [];
  for (let i = 0; i < extra; i += 1) ids.push((await c.participants.create({})).id);
  if (ids.length > 0) await c.enrollments.enrol({ activityId: p.activityId, participantIds: ids });
  await c.register.save({ sessionId: p.sessionIds[0], version: 1, entries: [], markRest: 'present' });
}

async function figures(role: Role) {
  const caller = callers[role];
  return {
    get: plain((await caller.activities.get({ id: p.activityId })).totals),
    list: plain((await caller.activities.list({})).items.find((a) => a.id === p.activityId)?.totals),
    session: plain(await caller.sessions.get({ id: p.sessionIds[0] })),
    sessions: plain((await caller.sessions.list({ activityId: p.activityId })).items),
  };
}

describe('counts of people for finance and viewers', () => {
  it('shows an activity with 3 participants as "x", its participant hours with it; admins and coordinators see 3', async () => {
    await attendFirstSession(1);
    for (const role of suppressedRoles) {
      const seen = await figures(role);
      for (const totals of [seen.get, seen.list]) {
        expect(totals).toEqual({
          sessionsPlanned: 2,
          sessionsHeld: 1,
          minutesHeld: 300,
          enrolled: 'x',
          dropped: 0,
          uniqueParticipants: 'x',
          participantMinutes: 'x',
          completions: 0,
          headCount: 0,
        });
      }
      expect(seen.session).toMatchObject({ registered: 'x', attended: 'x', headCount: null, minutes: 300 });
      expect(seen.sessions.map((s) => [s.registered, s.attended])).toEqual([
        ['x', 'x'],
        [0, 0],
      ]);
    }
    for (const role of exactRoles) {
      const seen = await figures(role);
      expect(seen.get).toEqual(seen.list);
      expect(seen.get).toMatchObject({ enrolled: 3, uniqueParticipants: 3, participantMinutes: 900, completions: 0 });
      expect(seen.session).toMatchObject({ registered: 3, attended: 3 });
    }
  });

  it('shows 5 or more exactly, and zero as 0', async () => {
    const before = await figures('finance');
    expect(before.get).toMatchObject({ uniqueParticipants: 0, participantMinutes: 0, enrolled: 'x' });
    await attendFirstSession(3);
    for (const role of [...suppressedRoles, ...exactRoles]) {
      const seen = await figures(role);
      expect(seen.get).toMatchObject({ enrolled: 5, uniqueParticipants: 5, participantMinutes: 1500 });
      expect(seen.session).toMatchObject({ registered: 5, attended: 5 });
    }
  });

  it('follows the organisation’s threshold', async () => {
    await attendFirstSession(3);
    const settings = await callers.admin.participants.settings();
    await callers.admin.participants.saveSettings({ ...settings, suppressionThreshold: 10 });
    for (const role of suppressedRoles) {
      expect((await figures(role)).get).toMatchObject({
        uniqueParticipants: 'x',
        participantMinutes: 'x',
        enrolled: 'x',
      });
    }
    expect((await figures('coordinator')).get).toMatchObject({ uniqueParticipants: 5, participantMinutes: 1500 });
    const current = await callers.admin.participants.settings();
    await callers.admin.participants.saveSettings({ ...current, suppressionThreshold: 2 });
    expect((await figures('viewer')).get).toMatchObject({ uniqueParticipants: 5 });
  });
});

describe('head counts beside their totals (complementary suppression)', () => {
  async function headCountSession(date: string, total: number, cells: HeadCountCell[] = []) {
    const c = callers.coordinator;
    const session =
      date === '2026-04-01'
        ? { id: p.headcountSessionId, version: 1 }
        : await c.sessions.create({ activityId: p.headcountActivityId, date, minutes: 120 });
    await c.sessions.recordHeadCount({ sessionId: session.id, version: session.version, total, cells });
    return session.id;
  }

  it('hides a second cell of a split so the session total gives no hidden cell away', async () => {
    const id = await headCountSession('2026-04-01', 31, [
      { gender: 'woman', ageBand: '25-34', count: 20 },
      { gender: 'man', ageBand: '18-24', count: 3 },
      { gender: 'trans-woman', ageBand: '25-34', count: 8 },
    ]);
    for (const role of suppressedRoles) {
      const table = plain(await callers[role].sessions.headCount({ id }));
      expect(table.total).toBe(31);
      expect(table.session.headCount).toBe(31);
      const byCell = Object.fromEntries(table.cells.map((c) => [`${c.gender} ${c.ageBand}`, c.count]));
      expect(byCell).toEqual({ 'woman 25-34': 20, 'man 18-24': 'x', 'trans-woman 25-34': 'x' });
      // The total less the cells shown is the sum of two hidden cells, never one.
      const hiddenCells = table.cells.filter((c) => typeof c.count === 'string');
      expect(hiddenCells).toHaveLength(2);
    }
    const exact = plain(await callers.coordinator.sessions.headCount({ id }));
    expect(exact.cells.map((c) => c.count).sort()).toEqual([20, 3, 8].sort());
  });

  it('hides a second session where the activity total would give a small one away, on every screen', async () => {
    const first = await headCountSession('2026-04-01', 20);
    const second = await headCountSession('2026-04-02', 3);
    const third = await headCountSession('2026-04-03', 8, [{ gender: 'woman', ageBand: '25-34', count: 8 }]);
    for (const role of suppressedRoles) {
      const caller = callers[role];
      const activity = plain(await caller.activities.get({ id: p.headcountActivityId }));
      expect(activity.totals.headCount).toBe(31);
      const listed = plain((await caller.sessions.list({ activityId: p.headcountActivityId })).items);
      expect(listed.map((s) => s.headCount)).toEqual([20, 'x', 'x']);
      // A page of the list hides the same sessions as the whole list.
      const page = plain(
        (await caller.sessions.list({ activityId: p.headcountActivityId, limit: 1, offset: 2 })).items,
      );
      expect(page.map((s) => s.headCount)).toEqual(['x']);
      expect(plain(await caller.sessions.get({ id: second })).headCount).toBe('x');
      expect(plain(await caller.sessions.get({ id: first })).headCount).toBe(20);
      // The 8 is hidden as the partner of the 3: its split (8 women) cannot show it either.
      const split = plain(await caller.sessions.headCount({ id: third }));
      expect(split).toMatchObject({ total: 'x', session: { headCount: 'x' } });
      expect(split.cells.map((c) => c.count)).toEqual(['x']);
    }
    const exact = plain((await callers.admin.sessions.list({ activityId: p.headcountActivityId })).items);
    expect(exact.map((s) => s.headCount)).toEqual([20, 3, 8]);
    expect(plain(await callers.admin.activities.get({ id: p.headcountActivityId })).totals.headCount).toBe(31);
  });

  it('hides the activity total when one small session is all there is, and shows a count of nobody as 0', async () => {
    await headCountSession('2026-04-01', 3);
    const zero = await headCountSession('2026-04-02', 0);
    for (const role of suppressedRoles) {
      const caller = callers[role];
      expect(plain(await caller.activities.get({ id: p.headcountActivityId })).totals.headCount).toBe('x');
      expect(
        plain((await caller.sessions.list({ activityId: p.headcountActivityId })).items).map((s) => s.headCount),
      ).toEqual(['x', 0]);
      expect(plain(await caller.sessions.headCount({ id: zero }))).toMatchObject({ total: 0, cells: [{ count: 0 }] });
    }
  });
});
