import { describe, expect, it } from 'vitest';
import {
  createMigrator,
  findReportPackFor,
  migrateToLatest,
  openDatabase,
  saveReportVarianceExplanations,
} from '../src/index';
import { createTestGrantWithMoney, createTestOrganization } from '../src/testing';

/**
 * Migration 2026-12-03-0005 gives report packs their variance explanations: a pack stored before
 * it has none, keeps its narrative and version, and takes explanations at its version after it.
 */
describe('migration 2026-12-03-0005-report-variance-explanations', () => {
  it('gives a pack stored before it no explanations, lets it save some, and goes down again', async () => {
    const opened = openDatabase(':memory:');
    const migrator = createMigrator(opened.db);
    const before = await migrator.migrateTo('2026-12-03-0002-budget-revision-line-index');
    expect(before.error).toBeUndefined();
    const orgId = (await createTestOrganization(opened.db)).id;
    const { grantId } = await createTestGrantWithMoney(opened.db, orgId);
    const period = { from: '2026-01-01', to: '2026-06-30' };
    await opened.db
      .insertInto('report_pack')
      .values({
        id: 'pack-1',
        org_id: orgId,
        grant_id: grantId,
        period_start: period.from,
        period_end: period.to,
        status: 'draft',
        submitted_date: null,
        deadline_id: null,
        narrative: '[{"key":"summary","body":"Drafted."}]',
        version: 2,
        created_at: '2026-07-01T00:00:00Z',
        updated_at: '2026-07-02T00:00:00Z',
        edition: 1,
        replaces_id: null,
        frozen_content: null,
        frozen_at: null,
      } as never)
      .execute();
    await migrateToLatest(opened.db);
    const kept = await findReportPackFor(opened.db, orgId, grantId, period);
    expect(kept).toMatchObject({ id: 'pack-1', version: 2, varianceExplanations: [] });
    expect(kept?.narrative).toEqual([{ key: 'summary', body: 'Drafted.' }]);
    const explanations = [{ code: '1', body: 'Hired later than planned.' }];
    expect(await saveReportVarianceExplanations(opened.db, orgId, { id: 'pack-1', version: 1, explanations })).toBe(
      false,
    );
    expect(await saveReportVarianceExplanations(opened.db, orgId, { id: 'pack-1', version: 2, explanations })).toBe(
      true,
    );
    expect(await findReportPackFor(opened.db, orgId, grantId, period)).toMatchObject({
      version: 3,
      varianceExplanations: explanations,
    });
    const down = await migrator.migrateTo('2026-12-03-0002-budget-revision-line-index');
    expect(down.error).toBeUndefined();
    const rows = await opened.db.selectFrom('report_pack').select(['id', 'version']).execute();
    expect(rows).toEqual([{ id: 'pack-1', version: 3 }]);
    await opened.close();
  });
});
