import type { Role } from '@tessera/domain';
import type { OpenedDatabase } from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, plain } from './helpers';

/**
 * Every route that returns a count of people follows the results view's rule (REPORTING.md
 * "Small-count suppression"): roles without `participant.read` (finance, viewers) get a count
 * from 1 to k−1 hidden, with a partner where values add up; admins and coordinators get it exactly.
 * Here: the hand-entered values of `indicators.values`, which returned small counts exactly.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

let opened: OpenedDatabase;
let callers: Record<Role, Caller>;
let projectId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  callers = {
    admin: (await callerFor(opened, orgId, 'admin')).caller,
    coordinator: (await callerFor(opened, orgId, 'coordinator')).caller,
    finance: (await callerFor(opened, orgId, 'finance')).caller,
    viewer: (await callerFor(opened, orgId, 'viewer')).caller,
  };
  projectId = (await createTestProgramme(opened.db, orgId)).projectId;
});

afterEach(() => opened.close());

const suppressedRoles = ['finance', 'viewer'] as const;
const exactRoles = ['admin', 'coordinator'] as const;

async function manualIndicator(type: 'number' | 'percentage') {
  return callers.coordinator.indicators.create({
    projectId,
    grantId: null,
    level: 'outcome',
    resultStatement: null,
    code: type === 'number' ? 'M-1' : 'M-2',
    name: type === 'number' ? 'Women referred to legal aid' : 'Share of referrals that led to a case',
    definition: null,
    unit: type === 'number' ? 'women' : '%',
    type,
    direction: 'increase',
    baselineValue: 0,
    baselineYear: null,
    baselineComment: null,
    lifeTarget: type === 'number' ? 40 : 50,
    targets: [],
    dataSource: null,
    collectionMethod: null,
    frequency: null,
    responsible: null,
    disaggregation: [],
    source: 'manual',
    numerator: null,
    denominator: null,
  });
}

async function setValue(
  indicatorId: string,
  periodStart: string,
  periodEnd: string,
  figures: { value: number | null; numerator: number | null; denominator: number | null },
) {
  await callers.coordinator.indicators.setValue({ indicatorId, periodStart, periodEnd, ...figures, comment: null });
}

const q1 = { from: '2026-01-01', to: '2026-03-31' };
const q2 = { from: '2026-04-01', to: '2026-06-30' };
const q3 = { from: '2026-07-01', to: '2026-09-30' };

async function valuesSeenBy(role: Role, indicatorId: string) {
  const values = plain(await callers[role].indicators.values({ indicatorId }));
  return values.map((v) => ({
    period: v.periodStart,
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
  }));
}

describe('indicators.values', () => {
  it('hides a hand-entered value of 3 (k = 5) from finance and viewers, as the results view does; coordinators see 3', async () => {
    const indicator = await manualIndicator('number');
    await setValue(indicator.id, q1.from, q1.to, { value: 3, numerator: null, denominator: null });
    for (const role of suppressedRoles) {
      expect(await valuesSeenBy(role, indicator.id)).toEqual([
        { period: q1.from, value: 'x', numerator: null, denominator: null },
      ]);
      const results = plain(await callers[role].results.project({ projectId, ...q1 }));
      expect(results.rows.find((r) => r.id === indicator.id)?.actual).toBe('x');
    }
    for (const role of exactRoles) {
      expect(await valuesSeenBy(role, indicator.id)).toEqual([
        { period: q1.from, value: 3, numerator: null, denominator: null },
      ]);
    }
  });

  it('hides a partner beside a small value, so that the others do not give it away', async () => {
    const indicator = await manualIndicator('number');
    await setValue(indicator.id, q1.from, q1.to, { value: 3, numerator: null, denominator: null });
    await setValue(indicator.id, q2.from, q2.to, { value: 9, numerator: null, denominator: null });
    await setValue(indicator.id, q3.from, q3.to, { value: 20, numerator: null, denominator: null });
    for (const role of suppressedRoles) {
      // 9 is hidden only to protect 3, with the same mark: nobody can tell which one is small.
      expect((await valuesSeenBy(role, indicator.id)).map((v) => v.value)).toEqual(['x', 'x', 20]);
    }
    expect((await valuesSeenBy('coordinator', indicator.id)).map((v) => v.value)).toEqual([3, 9, 20]);
  });

  it('hides a quarter beside its year when they differ by a small group', async () => {
    const indicator = await manualIndicator('number');
    await setValue(indicator.id, '2026-01-01', '2026-12-31', { value: 12, numerator: null, denominator: null });
    await setValue(indicator.id, q1.from, q1.to, { value: 10, numerator: null, denominator: null });
    for (const role of suppressedRoles) {
      // 12 for the year beside 10 for its first quarter would say two women came later. Listed
      // by period: the quarter first.
      expect((await valuesSeenBy(role, indicator.id)).map((v) => v.value)).toEqual(['x', 12]);
    }
    expect((await valuesSeenBy('coordinator', indicator.id)).map((v) => v.value)).toEqual([10, 12]);
  });

  it('hides a percentage with its counts where one of them is small, and shows zero and larger counts', async () => {
    const indicator = await manualIndicator('percentage');
    await setValue(indicator.id, q1.from, q1.to, { value: null, numerator: 2, denominator: 40 });
    await setValue(indicator.id, q2.from, q2.to, { value: null, numerator: 10, denominator: 40 });
    await setValue(indicator.id, q3.from, q3.to, { value: null, numerator: 0, denominator: 12 });
    for (const role of suppressedRoles) {
      expect(await valuesSeenBy(role, indicator.id)).toEqual([
        { period: q1.from, value: 'x', numerator: 'x', denominator: 'x' },
        { period: q2.from, value: 25, numerator: 10, denominator: 40 },
        { period: q3.from, value: 0, numerator: 0, denominator: 12 },
      ]);
    }
    expect((await valuesSeenBy('coordinator', indicator.id))[0]).toEqual({
      period: q1.from,
      value: 5,
      numerator: 2,
      denominator: 40,
    });
  });

  it('follows the organisation’s threshold', async () => {
    const indicator = await manualIndicator('number');
    await setValue(indicator.id, q1.from, q1.to, { value: 7, numerator: null, denominator: null });
    expect((await valuesSeenBy('viewer', indicator.id)).map((v) => v.value)).toEqual([7]);
    const settings = await callers.admin.participants.settings();
    await callers.admin.participants.saveSettings({ ...settings, suppressionThreshold: 10 });
    expect((await valuesSeenBy('viewer', indicator.id)).map((v) => v.value)).toEqual(['x']);
    expect((await valuesSeenBy('coordinator', indicator.id)).map((v) => v.value)).toEqual([7]);
  });
});
