import { countOrganizations, findOrganizationBySlug, listFunders, listMembers } from '@tessera/db';
import { describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { demoPassword, demoUsers, seedDemo } from '../src/seed-demo';
import { callerFor, createTestDatabase, plain } from './helpers';

describe('demo data', () => {
  it('loads the demo organisation with one user per role, its funders, and is idempotent', async () => {
    const opened = await createTestDatabase();
    const first = await seedDemo(opened.db);
    expect(first.created).toBeGreaterThan(0);
    const demo = await findOrganizationBySlug(opened.db, 'demo');
    expect(demo?.name).toBe('Zora Collective');
    const members = await listMembers(opened.db, demo!.id);
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'coordinator', 'finance', 'viewer']);
    const funders = await listFunders(opened.db, demo!.id, {
      search: '',
      status: 'all',
      sort: 'name',
      direction: 'asc',
      limit: 50,
      offset: 0,
    });
    expect(funders.items.map((f) => f.kind).sort()).toEqual([
      'foundation',
      'foundation',
      'government',
      'network',
      'private',
    ]);
    expect(funders.items.filter((f) => f.archivedAt !== null)).toHaveLength(1);

    const again = await seedDemo(opened.db);
    expect(again.created).toBe(0);
    expect(await countOrganizations(opened.db)).toBe(2);
    expect((await listMembers(opened.db, demo!.id)).length).toBe(members.length);

    for (const user of demoUsers) {
      const caller = createCaller(
        createInnerContext({ db: opened.db, clientAddress: `10.1.0.${demoUsers.indexOf(user)}` }),
      );
      await expect(caller.auth.signIn({ email: user.email, password: demoPassword })).resolves.toBeDefined();
    }
  });
});

describe('demo programme year', () => {
  it('has the figures docs/demo-data.md promises, sealed notes, and a session today', async () => {
    const opened = await createTestDatabase();
    const secretKey = new Uint8Array(32).fill(3);
    const now = new Date('2026-11-21T10:00:00Z');
    await seedDemo(opened.db, now, secretKey);
    const demo = (await findOrganizationBySlug(opened.db, 'demo'))!;
    const { caller: coordinator } = await callerFor(opened, demo.id, 'coordinator', { secretKey, now: () => now });
    const activities = (await coordinator.activities.list({ limit: 100 })).items;
    const byRef = (ref: string) => plain(activities.find((a) => a.reference === ref)!);
    expect(byRef('CT-1')).toMatchObject({ plannedMinutes: 4800, completionThreshold: 80 });
    expect(byRef('CT-1').totals).toMatchObject({
      sessionsHeld: 16,
      minutesHeld: 4800,
      enrolled: 20,
      uniqueParticipants: 20,
      participantMinutes: 96_000,
      completions: 20,
    });
    expect(byRef('DS-STR').totals).toMatchObject({ uniqueParticipants: 3, completions: 3 });
    // Finance and viewers see the three people of Strumica as "x", and their hours with them.
    for (const role of ['finance', 'viewer'] as const) {
      const { caller } = await callerFor(opened, demo.id, role, { secretKey, now: () => now });
      const seen = plain((await caller.activities.list({ search: 'DS-STR' })).items);
      expect(seen.map((a) => a.totals)).toMatchObject([
        { sessionsHeld: 2, uniqueParticipants: 'x', participantMinutes: 'x', completions: 'x', enrolled: 'x' },
      ]);
      expect(plain((await caller.activities.list({ search: 'CT-1' })).items[0]?.totals)).toMatchObject({
        uniqueParticipants: 20,
        completions: 20,
      });
    }
    expect(byRef('DS-BT').totals).toMatchObject({ enrolled: 8, dropped: 3, uniqueParticipants: 8, completions: 5 });
    expect(byRef('DS-SK').totals).toMatchObject({
      sessionsPlanned: 2,
      sessionsHeld: 1,
      uniqueParticipants: 9,
      participantMinutes: 8 * 180 + 120,
      completions: 0,
    });
    expect(byRef('HR-7').totals).toMatchObject({ uniqueParticipants: 12, completions: 10, participantMinutes: 28_800 });
    expect([byRef('EV-LA'), byRef('EV-FR'), byRef('ART-1')].map((a) => a.totals.headCount)).toEqual([35, 28, 60]);
    expect((await coordinator.outputs.list({ activityId: byRef('VC-1').id })).map((o) => o.kind)).toEqual(
      Array(5).fill('video'),
    );
    const today = await coordinator.sessions.today();
    expect(today.sessions.map((s) => s.activityTitle)).toEqual(['Digital safety workshop — Skopje']);
    const [first] = (await coordinator.participants.list({ search: 'ZR-0001' })).items;
    expect(await coordinator.participants.get({ id: first!.id })).toMatchObject({
      contact: 'Signal, via the drop-in centre',
    });
    const projects = await coordinator.projects.list();
    expect(projects.find((p) => p.title === 'Careers beyond the street')?.grants.map((g) => g.reference)).toEqual([
      'S-MK100-26-GR-014',
    ]);
    expect((await seedDemo(opened.db, now, secretKey)).created).toBe(0);
  });
});
