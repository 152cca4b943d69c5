import type { OpenedDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { type CreateIndicatorInput, type MeasureSpec, noFilter, type Shown, shownText } from '@tessera/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callerFor,
  createTestDatabase,
  createTestOrganization,
  expectTrpcError,
  fieldErrorsOf,
  indicatorInput,
  plain,
} from './helpers';

/**
 * Every copy of a boundary rule, tested at the boundary through the API (issue 19):
 * completion at exactly threshold × planned minutes (and one minute short) in the activity
 * totals (SQL), the enrolment list (domain), the results by period (SQL), and report packs;
 * the suppression threshold at k−1, k and k+1; a register entry at 0 and at the full session.
 *
 * The fixture: a training of 600 planned minutes at 80 % (480 minutes complete), linked to a
 * grant, with three 300-minute sessions (2, 4 and 9 March). Ten participants are present at the
 * first; at the second, five ("on the line") stay 180 minutes (480 in all) and five ("one short")
 * stay 179 (479). Counts are 5 or 10, never hidden from finance at the default k = 5.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

let opened: OpenedDatabase;
let admin: Caller;
let coordinator: Caller;
let finance: Caller;
let grantId: string;
let projectId: string;
let activityId: string;
let sessionIds: string[];
let onTheLine: string[];
let oneShort: string[];

const text = (s: Shown | null | undefined) => (s ? shownText(s) : null);
const completions: MeasureSpec = { measure: 'completions', filter: noFilter };

beforeEach(async () => {
  opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  admin = (await callerFor(opened, orgId, 'admin')).caller;
  coordinator = (await callerFor(opened, orgId, 'coordinator')).caller;
  finance = (await callerFor(opened, orgId, 'finance')).caller;
  grantId = (await createTestGrantWithMoney(opened.db, orgId)).grantId;
  projectId = (
    await coordinator.projects.create({
      title: 'Boundaries',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      grantIds: [grantId],
    })
  ).id;
  activityId = (
    await coordinator.activities.create({
      projectId,
      kind: 'training',
      title: 'Training on the line',
      reference: 'BND-1',
      city: 'Skopje',
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      plannedMinutes: 600,
      completionThreshold: 80,
    })
  ).id;
  // Finance and packs ask for periods of the lattice (ADR 0012): the day-level periods these
  // boundaries need are the grant's reporting periods.
  for (const [periodStart, periodEnd] of [
    ['2026-03-01', '2026-03-03'],
    ['2026-03-01', '2026-03-04'],
    ['2026-03-09', '2026-03-31'],
    ['2026-03-01', '2026-03-31'],
  ] as const) {
    await finance.deadlines.create({ grantId, kind: 'narrative', periodStart, periodEnd, dueDate: '2026-12-31' });
  }
  sessionIds = [];
  for (const date of ['2026-03-02', '2026-03-04', '2026-03-09']) {
    sessionIds.push((await coordinator.sessions.create({ activityId, date, minutes: 300 })).id);
  }
  const people: string[] = [];
  for (let i = 0; i < 10; i += 1) people.push((await coordinator.participants.create({})).id);
  await coordinator.enrollments.enrol({ activityId, participantIds: people });
  onTheLine = people.slice(0, 5);
  oneShort = people.slice(5);
  await coordinator.register.save({ sessionId: sessionIds[0]!, version: 1, entries: [], markRest: 'present' });
  await coordinator.register.save({
    sessionId: sessionIds[1]!,
    version: 1,
    entries: [
      ...onTheLine.map((participantId) => ({ participantId, status: 'late' as const, minutes: 180 })),
      ...oneShort.map((participantId) => ({ participantId, status: 'late' as const, minutes: 179 })),
    ],
  });
});

afterEach(() => opened.close());

async function createIndicator(code: string, extra: Partial<CreateIndicatorInput>) {
  return coordinator.indicators.create(
    indicatorInput({ grantId, code, name: `Indicator ${code}`, numerator: completions, ...extra }),
  );
}

/** A derived completions indicator on the project (P1) and one on the grant (G1). */
async function completionIndicators() {
  await createIndicator('P1', { projectId, grantId: null });
  await createIndicator('G1', {});
}

/** The completions indicators as finance reads it for a period, by project and by grant. */
async function completionsFor(from: string, to: string) {
  const byProject = await finance.results.project({ projectId, from, to });
  const byGrant = await finance.results.grant({ grantId, from, to });
  const actual = (view: typeof byProject, code: string) => text(view.rows.find((r) => r.code === code)?.actual);
  return { project: actual(byProject, 'P1'), grant: actual(byGrant, 'G1') };
}

describe('completion at exactly threshold × planned minutes', () => {
  it('counts 480 of 600 minutes at 80 % and not 479 in the activity totals and the enrolments', async () => {
    for (const caller of [coordinator, finance]) {
      expect(plain((await caller.activities.get({ id: activityId })).totals)).toMatchObject({
        uniqueParticipants: 10,
        participantMinutes: 10 * 300 + 5 * 180 + 5 * 179,
        completions: 5,
      });
    }
    const enrolments = (await coordinator.enrollments.list({ activityId, limit: 50 })).items;
    const row = (id: string) => enrolments.find((e) => e.participantId === id);
    for (const id of onTheLine) expect(row(id)).toMatchObject({ attendedMinutes: 480, completed: true });
    for (const id of oneShort) expect(row(id)).toMatchObject({ attendedMinutes: 479, completed: false });
  });

  it('counts the completion in the results by period, for the project and the grant', async () => {
    await completionIndicators();
    expect(await completionsFor('2026-03-01', '2026-03-04')).toEqual({ project: '5', grant: '5' });
    expect(await completionsFor('2026-03-01', '2026-03-03')).toEqual({ project: '0', grant: '0' });
  });

  it('counts a completion once, in the period the threshold is reached', async () => {
    await completionIndicators();
    // The third session takes everyone over: the "one short" complete on 9 March, the others
    // (exactly on the line since 4 March) are not counted again.
    await coordinator.register.save({ sessionId: sessionIds[2]!, version: 1, entries: [], markRest: 'present' });
    expect(await completionsFor('2026-03-01', '2026-03-04')).toEqual({ project: '5', grant: '5' });
    expect(await completionsFor('2026-03-09', '2026-03-31')).toEqual({ project: '5', grant: '5' });
    expect(await completionsFor('2026-03-01', '2026-03-31')).toEqual({ project: '10', grant: '10' });
  });

  it('counts the completion in a report pack, for finance and for the coordinator', async () => {
    for (const caller of [finance, coordinator]) {
      const pack = await caller.reports.prepare({ grantId, from: '2026-03-01', to: '2026-03-04' });
      const content = await caller.reports.content({ id: pack.id });
      expect(text(content.reach.completions)).toBe('5');
      expect(text(content.reach.participants)).toBe('10');
      const training = content.activities.find((a) => a.reference === 'BND-1');
      expect(text(training?.completions)).toBe('5');
      const byGender = content.reach.breakdowns.find((b) => b.dimension === 'gender');
      expect(text(byGender?.total.completions)).toBe('5');
    }
  });
});

describe('the suppression threshold k for a finance reader', () => {
  async function withThreshold(k: number) {
    const settings = await admin.participants.settings();
    await admin.participants.saveSettings({ ...settings, suppressionThreshold: k });
    return plain((await finance.activities.get({ id: activityId })).totals);
  }

  it.each([
    [4, 5],
    [5, 5],
    [6, 'x'],
  ])('shows 5 completions at k = %i as %s', async (k, seen) => {
    expect((await withThreshold(k)).completions).toBe(seen);
    expect(plain((await coordinator.activities.get({ id: activityId })).totals.completions)).toBe(5);
  });

  it.each([
    [9, 10],
    [10, 10],
    [11, 'x'],
  ])('shows 10 participants at k = %i as %s', async (k, seen) => {
    const totals = await withThreshold(k);
    expect(totals.uniqueParticipants).toBe(seen);
    expect(totals.enrolled).toBe(seen);
  });

  it.each([3, 5, 8])('hides a hand-entered count of k−1 and shows k and k+1 (k = %i)', async (k) => {
    await withThreshold(k);
    for (const [code, value] of [
      ['M-1', k - 1],
      ['M0', k],
      ['M1', k + 1],
    ] as const) {
      const indicator = await createIndicator(code, { source: 'manual', numerator: null });
      await coordinator.indicators.setValue({
        indicatorId: indicator.id,
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        value,
        numerator: null,
        denominator: null,
        comment: null,
      });
    }
    const view = await finance.results.grant({ grantId, from: '2026-03-01', to: '2026-03-31' });
    const actual = (code: string) => text(view.rows.find((r) => r.code === code)?.actual);
    expect([actual('M-1'), actual('M0'), actual('M1')]).toEqual(['x', String(k), String(k + 1)]);
  });
});

describe('a register entry at 0 and at the full session', () => {
  it('accepts 0 and the full 300 minutes, counts them, and refuses 301 on the field', async () => {
    const [zero, full, late] = onTheLine as [string, string, string];
    const third = sessionIds[2]!;
    const over = await expectTrpcError(
      coordinator.register.save({
        sessionId: third,
        version: 1,
        entries: [{ participantId: late, status: 'late', minutes: 301 }],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(over)).toEqual({ 'entries.0.minutes': ['validation.lateMinutes?minutes=300'] });
    // Late is neither none of the session nor all of it (issue 15 item 4): both are refused on the field.
    const lateEnds = await expectTrpcError(
      coordinator.register.save({
        sessionId: third,
        version: 1,
        entries: [
          { participantId: zero, status: 'late', minutes: 0 },
          { participantId: full, status: 'late', minutes: 300 },
          { participantId: late, status: 'late' },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(lateEnds)).toEqual({
      'entries.0.minutes': ['validation.lateMinutes?minutes=300'],
      'entries.1.minutes': ['validation.lateMinutes?minutes=300'],
      'entries.2.minutes': ['validation.lateMinutes?minutes=300'],
    });
    const saved = await coordinator.register.save({
      sessionId: third,
      version: 1,
      entries: [
        { participantId: zero, status: 'present', minutes: 0 },
        { participantId: full, status: 'late', minutes: 299 },
        { participantId: late, status: 'present', minutes: 300 },
      ],
    });
    expect(saved.marked).toEqual({ present: 2, late: 1, absent: 0 });
    const enrolments = (await coordinator.enrollments.list({ activityId, limit: 50 })).items;
    const minutes = (id: string) => enrolments.find((e) => e.participantId === id)?.attendedMinutes;
    expect([minutes(zero), minutes(full), minutes(late)]).toEqual([480, 779, 780]);
    expect(plain((await coordinator.sessions.get({ id: third })).attended)).toBe(2);
    expect(plain((await coordinator.activities.get({ id: activityId })).totals.participantMinutes)).toBe(
      10 * 300 + 5 * 180 + 5 * 179 + 599,
    );
    // The session can be shortened to the longest attendance (300) but not below it.
    const session = await coordinator.sessions.get({ id: third });
    const shorten = await expectTrpcError(
      coordinator.sessions.update({ id: third, version: session.version, date: session.date, minutes: 299 }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(shorten)).toEqual({ minutes: ['validation.minutesOverSession?minutes=300'] });
    const same = await coordinator.sessions.update({
      id: third,
      version: session.version,
      date: session.date,
      minutes: 300,
      module: 'Renamed',
    });
    expect(same.minutes).toBe(300);
  });
});
