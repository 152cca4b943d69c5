import { findOrganizationBySlug, listGrants, listProjects, measure } from '@tessera/db';
import { noFilter } from '@tessera/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgRelease } from '../src/services/org-release.service';
import { ownerReleasePeriods } from '../src/services/results-release.service';
import { seedDemo } from '../src/seed-demo';
import { createTestDatabase } from './helpers';

/**
 * The joint release (ADR 0012) decides on counts it works out itself, in one pass over the
 * organisation's attendance and enrolments; the screens and packs show what `measure` counts.
 * They must be the same numbers, for every scope, split and period a reader may ask for.
 */
let opened: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  opened = await createTestDatabase();
  await seedDemo(opened.db);
});
afterAll(async () => {
  await opened?.close();
});

describe('orgRelease', () => {
  it('counts what measure counts, for every demo grant and project, split and release period', async () => {
    const org = (await findOrganizationBySlug(opened.db, 'demo'))!;
    const actor = { userId: 'check', orgId: org.id, role: 'finance' as const };
    const release = await orgRelease(opened.db, actor, org.suppressionThreshold);
    const grants = await listGrants(opened.db, org.id, { search: '' }, '2026-12-03');
    const projects = await listProjects(opened.db, org.id);
    const owners = [...grants.map((g) => ({ grantId: g.id })), ...projects.map((p) => ({ projectId: p.id }))];
    expect(owners.length).toBeGreaterThan(3);
    let compared = 0;
    for (const owner of owners) {
      const activities = release.scopeOf(owner);
      for (const period of await ownerReleasePeriods(opened.db, actor, owner)) {
        for (const [m, family] of [
          ['uniqueParticipants', 'people'],
          ['completions', 'completions'],
        ] as const) {
          for (const group of [null, 'gender', 'ageBand', 'city', 'activity'] as const) {
            const rows = await measure(opened.db, org.id, owner, { measure: m, filter: noFilter }, period, group);
            for (const row of rows) {
              const counted =
                group === 'activity'
                  ? release.count([row.key ?? ''], family, null, period)
                  : release.count(activities, family, group ? `${group}=${row.key ?? ''}` : null, period);
              expect(counted, `${m} ${group}=${row.key} ${period.from}..${period.to}`).toBe(row.value);
              compared += 1;
            }
          }
        }
      }
    }
    // The demo has people in these grants: the comparison is not of empty lists only.
    expect(compared).toBeGreaterThan(200);
  });
});
