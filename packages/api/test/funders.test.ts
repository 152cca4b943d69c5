import { listAuditEvents, type OpenedDatabase } from '@tessera/db';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, expectTrpcError } from './helpers';

const embassy = {
  name: 'U.S. Embassy Skopje',
  kind: 'government' as const,
  country: 'mk',
  website: 'https://mk.usembassy.gov',
  contactName: 'Grants Office',
  contactEmail: 'grants@embassy.example',
  notes: 'Small grants',
};

let opened: OpenedDatabase;
let orgId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
});

async function countFunders() {
  const row = await opened.db
    .selectFrom('funder')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('funders', () => {
  it('creates, finds by search, edits, archives and restores, auditing each change by field name', async () => {
    const { caller, user } = await callerFor(opened, orgId, 'finance');
    const created = await caller.funders.create(embassy);
    expect(created).toMatchObject({ name: 'U.S. Embassy Skopje', country: 'MK', version: 1, archivedAt: null });

    const found = await caller.funders.list({ search: 'embassy' });
    expect(found.items.map((f) => f.id)).toEqual([created.id]);

    const edited = await caller.funders.update({ ...embassy, id: created.id, version: 1, notes: 'Small grants, USD' });
    expect(edited.version).toBe(2);
    expect(edited.notes).toBe('Small grants, USD');

    const archived = await caller.funders.archive({ id: created.id, version: 2 });
    expect(archived.archivedAt).not.toBeNull();
    expect((await caller.funders.list({})).total).toBe(0);
    const restored = await caller.funders.restore({ id: created.id, version: 3 });
    expect(restored.archivedAt).toBeNull();

    const audit = await listAuditEvents(opened.db, orgId, { entity: 'funder', entityId: created.id, limit: 10 });
    expect(audit.map((a) => [a.action, a.fields, a.userId])).toEqual([
      ['restore', ['archivedAt'], user.id],
      ['archive', ['archivedAt'], user.id],
      ['update', ['notes'], user.id],
      ['create', ['contactEmail', 'contactName', 'country', 'kind', 'name', 'notes', 'website'], user.id],
    ]);
    // Field names only: no value is ever copied into the audit log.
    expect(JSON.stringify(audit)).not.toContain('Small grants');
  });

  it('refuses a stale edit with a clear message and keeps the first writer’s change', async () => {
    const { caller } = await callerFor(opened, orgId, 'admin');
    const created = await caller.funders.create(embassy);
    await caller.funders.update({ ...embassy, id: created.id, version: 1, name: 'First writer' });
    const error = await expectTrpcError(
      caller.funders.update({ ...embassy, id: created.id, version: 1, name: 'Second writer' }),
      'CONFLICT',
      'STALE_VERSION',
    );
    expect(error.message).toMatch(/someone else changed/i);
    await expectTrpcError(caller.funders.archive({ id: created.id, version: 1 }), 'CONFLICT', 'STALE_VERSION');
    expect((await caller.funders.get({ id: created.id })).name).toBe('First writer');
  });

  it('rejects bad input field by field and saves nothing', async () => {
    const { caller } = await callerFor(opened, orgId, 'finance');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...embassy, name: '' }, 'name', 'validation.required'],
      [{ ...embassy, name: 'x'.repeat(10_000) }, 'name', 'validation.tooLong?max=200'],
      [{ ...embassy, kind: 'lottery' }, 'kind', 'validation.invalidChoice'],
      [{ ...embassy, website: 'htp:/broken' }, 'website', 'validation.invalidUrl'],
    ];
    for (const [input, field, message] of cases) {
      const error = await expectTrpcError(caller.funders.create(input as typeof embassy), 'BAD_REQUEST');
      const issues = (error.cause as unknown as { issues: { path: string[]; message: string }[] }).issues;
      expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([[field, message]]);
    }
    expect(await countFunders()).toBe(0);
  });

  it('saves a change and its audit row together or not at all', async () => {
    const { caller } = await callerFor(opened, orgId, 'finance');
    const created = await caller.funders.create(embassy);
    // Break the audit log: the write that precedes it in the same transaction must roll back.
    await sql`drop table audit_event`.execute(opened.db);
    const failed = await expectTrpcError(
      caller.funders.create({ ...embassy, name: 'Second' }),
      'INTERNAL_SERVER_ERROR',
    );
    expect(failed.message).not.toContain('Second');
    await expectTrpcError(
      caller.funders.update({ ...embassy, id: created.id, version: 1, name: 'Renamed' }),
      'INTERNAL_SERVER_ERROR',
    );
    expect(await countFunders()).toBe(1);
    expect(await caller.funders.get({ id: created.id })).toEqual(created);
  });

  it('hides another organisation’s funders entirely', async () => {
    const { caller } = await callerFor(opened, orgId, 'admin');
    const mine = await caller.funders.create(embassy);
    const otherOrg = await createTestOrganization(opened.db);
    const { caller: outsider } = await callerFor(opened, otherOrg.id, 'admin');
    expect((await outsider.funders.list({ status: 'all' })).total).toBe(0);
    await expectTrpcError(outsider.funders.get({ id: mine.id }), 'NOT_FOUND', 'NOT_FOUND');
    await expectTrpcError(
      outsider.funders.update({ ...embassy, id: mine.id, version: 1, name: 'Hijack' }),
      'NOT_FOUND',
      'NOT_FOUND',
    );
    await expectTrpcError(outsider.funders.archive({ id: mine.id, version: 1 }), 'NOT_FOUND', 'NOT_FOUND');
    expect((await caller.funders.get({ id: mine.id })).name).toBe(embassy.name);
  });
});
