import { listGrants, measure, measureAcrossPeriods } from '@tessera/db';
import { findOrganizationBySlug } from '@tessera/db';
import { noFilter, periodLattice } from '@tessera/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed-demo';
import { createTestDatabase } from './helpers';

/**
 * One scan over many periods must give what one `measure` call per period gives: the release
 * across periods (ADR 0012) decides on these figures, the screens show the other.
 */
let opened: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  opened = await createTestDatabase();
  await seedDemo(opened.db);
});
afterAll(async () => {
  await opened?.close();
});

describe('measureAcrossPeriods', () => {
  it('equals measure, period by period, for every demo grant, measure and split', async () => {
    const org = await findOrganizationBySlug(opened.db, 'demo');
    const grants = await listGrants(opened.db, org!.id, { search: '' }, '2026-12-03');
    expect(grants.length).toBeGreaterThan(0);
    let compared = 0;
    for (const grant of grants) {
      const span = { startDate: grant.startDate, endDate: grant.endDate };
      const periods = periodLattice(span).flatMap((p) => [p, { from: span.startDate, to: p.to }]);
      const scope = { grantId: grant.id };
      for (const m of ['uniqueParticipants', 'participantHours', 'completions', 'sessionsHeld'] as const) {
        for (const group of [null, 'gender', 'city', 'activity'] as const) {
          const spec = { measure: m, filter: noFilter };
          const together = await measureAcrossPeriods(opened.db, org!.id, scope, spec, periods, group);
          for (const [i, period] of periods.entries()) {
            const alone = await measure(opened.db, org!.id, scope, spec, period, group);
            const sorted = (rows: { key: string | null; value: number }[]) =>
              [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
            expect(sorted(together[i] ?? []), `${m} ${group} ${period.from}..${period.to}`).toEqual(sorted(alone));
            compared += alone.length;
          }
        }
      }
    }
    // The demo has people in these grants: the comparison is not of empty lists only.
    expect(compared).toBeGreaterThan(50);
  });
});
