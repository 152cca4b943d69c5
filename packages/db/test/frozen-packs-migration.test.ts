import { describe, expect, it } from 'vitest';
import { createMigrator, findReportPackFor, insertReportPack, migrateToLatest, openDatabase } from '../src/index';
import { createTestGrantWithMoney, createTestOrganization } from '../src/testing';

/**
 * Migration 2026-11-22-0001 rebuilds report_pack (the unique key moves from grant and period to
 * grant, period and edition): packs already stored keep their rows, and going down keeps the
 * first version of each period.
 */
describe('migration 2026-11-22-0001-frozen-report-packs', () => {
  it('keeps the packs stored before it, allows a second version of a period, and goes down again', async () => {
    const opened = openDatabase(':memory:');
    const migrator = createMigrator(opened.db);
    const before = await migrator.migrateTo('2026-11-21-0005-outcome-description-sealed');
    expect(before.error).toBeUndefined();
    const orgId = (await createTestOrganization(opened.db)).id;
    const { grantId } = await createTestGrantWithMoney(opened.db, orgId);
    const period = { from: '2026-01-01', to: '2026-06-30' };
    // Written with the old columns only, as a pack of yesterday's schema.
    await opened.db
      .insertInto('report_pack')
      .values({
        id: 'pack-1',
        org_id: orgId,
        grant_id: grantId,
        period_start: period.from,
        period_end: period.to,
        status: 'submitted',
        submitted_date: '2026-07-10',
        deadline_id: null,
        narrative: '[{"key":"summary","body":"Sent."}]',
        version: 3,
        created_at: '2026-07-01T00:00:00Z',
        updated_at: '2026-07-10T00:00:00Z',
      } as never)
      .execute();
    await migrateToLatest(opened.db);
    const kept = await findReportPackFor(opened.db, orgId, grantId, period);
    expect(kept).toMatchObject({ id: 'pack-1', status: 'submitted', version: 3, edition: 1, frozenAt: null });
    expect(kept?.narrative).toEqual([{ key: 'summary', body: 'Sent.' }]);
    await insertReportPack(opened.db, orgId, {
      grantId,
      ...period,
      deadlineId: null,
      edition: 2,
      replacesId: 'pack-1',
    });
    const latest = await findReportPackFor(opened.db, orgId, grantId, period);
    expect(latest).toMatchObject({ edition: 2, replaces: { id: 'pack-1', submittedDate: '2026-07-10' } });
    // Down past this migration, whatever later ones were added since.
    const down = await migrator.migrateTo('2026-11-21-0005-outcome-description-sealed');
    expect(down.error).toBeUndefined();
    const rows = await opened.db.selectFrom('report_pack').select(['id']).execute();
    expect(rows).toEqual([{ id: 'pack-1' }]);
    await opened.close();
  });
});
