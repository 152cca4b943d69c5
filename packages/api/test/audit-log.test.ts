import type { OpenedDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createTestDatabase,
  createTestOrganization,
  expectTrpcError,
  indicatorInput,
  issuesOf,
} from './helpers';

/**
 * Issue 15 item 6: an audit log people can read. Each entry names its record (the name kept with
 * the event, so a deleted record is still named) and links to it while it exists; nothing about
 * a participant is ever named; only the fields that changed are listed; the log filters by
 * person, action, record and date, a page at a time.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

let opened: OpenedDatabase;
let orgId: string;
let admin: Caller;
let adminId: string;
let finance: Caller;
let financeId: string;
let coordinator: Caller;
let grantId: string;

const secretKey = new Uint8Array(32).fill(7);

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  const options = { secretKey };
  ({
    caller: admin,
    user: { id: adminId },
  } = await callerFor(opened, orgId, 'admin', options));
  ({
    caller: finance,
    user: { id: financeId },
  } = await callerFor(opened, orgId, 'finance', options));
  ({ caller: coordinator } = await callerFor(opened, orgId, 'coordinator', options));
  grantId = (await createTestGrantWithMoney(opened.db, orgId)).grantId;
});

afterAll(async () => {
  await opened?.close();
});

const entriesFor = async (entity: string, entityId: string) =>
  (await admin.organization.audit({ entity: entity as 'grant', entityId, pageSize: 100 })).entries;

describe('the audit log names and links each record', () => {
  it('names a grant by its title and a funder by its name, linking to their pages', async () => {
    const funder = await finance.funders.create({ name: 'Open Society Fund', kind: 'foundation' });
    const grant = await finance.grants.create({
      funderId: funder.id,
      title: 'Digital safety workshops',
      reference: null,
      currency: 'EUR',
      amountMinor: 1_500_000,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      costShareMinor: null,
      restrictions: null,
      notes: null,
    });
    const [grantEntry] = await entriesFor('grant', grant.id);
    expect(grantEntry).toMatchObject({
      action: 'create',
      label: 'Digital safety workshops',
      link: { page: 'grant', id: grant.id },
      userId: financeId,
    });
    const [funderEntry] = await entriesFor('funder', funder.id);
    expect(funderEntry).toMatchObject({ label: 'Open Society Fund', link: { page: 'funder', id: funder.id } });
  });

  it('keeps the name of a deleted budget line, and links no longer', async () => {
    const line = await finance.budget.addLine({
      grantId,
      code: '7',
      category: 'Printing',
      description: null,
      amountMinor: 0,
    });
    expect((await entriesFor('budget_line', line.id))[0]).toMatchObject({
      label: '7 Printing',
      link: { page: 'grant', id: grantId },
    });
    await finance.budget.removeLine({ id: line.id, version: line.version });
    const [removed, created] = await entriesFor('budget_line', line.id);
    expect(removed).toMatchObject({ action: 'delete', label: '7 Printing', link: null });
    expect(created).toMatchObject({ action: 'create', label: '7 Printing', link: null });
  });

  it('names an expenditure by its date and amount', async () => {
    const lines = await finance.budget.lines({ grantId });
    const spent = await finance.expenditures.create({
      grantId,
      budgetLineId: lines[0]!.id,
      date: '2026-03-04',
      payee: 'Print shop',
      description: 'Brochures',
      amountMinor: 12_345,
      currency: 'USD',
      rate: null,
      receiptReference: null,
    });
    const [entry] = await entriesFor('expenditure', spent.expenditure.id);
    expect(entry).toMatchObject({ label: '2026-03-04 · 123.45 USD', link: { page: 'grant', id: grantId } });
  });

  it('names events written before names were kept from the live record', async () => {
    await sql`update audit_event set label = null where entity = 'grant' and entity_id = ${grantId}`.execute(opened.db);
    await sql`insert into audit_event (id, org_id, user_id, at, action, entity, entity_id, fields, label)
      values ('old-event', ${orgId}, ${adminId}, '2026-01-02T09:00:00.000Z', 'update', 'grant', ${grantId}, '["title"]', null)`.execute(
      opened.db,
    );
    const entries = await entriesFor('grant', grantId);
    expect(entries.find((e) => e.id === 'old-event')).toMatchObject({ label: 'Test grant', link: { page: 'grant' } });
  });

  it('names a generated schedule, logged under its activity, by the activity', async () => {
    const project = await coordinator.projects.create({
      title: 'Careers',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    const activity = await coordinator.activities.create({
      projectId: project.id,
      kind: 'training',
      title: 'Career counselling',
      city: 'Skopje',
      startDate: '2026-03-02',
      endDate: '2026-04-30',
      plannedMinutes: 600,
      completionThreshold: 80,
    });
    await coordinator.sessions.generate({
      activityId: activity.id,
      startDate: '2026-03-02',
      weeks: 1,
      days: ['mon', 'wed'],
      minutesPerSession: 300,
      module: null,
    });
    const [schedule] = await entriesFor('activity_session', activity.id);
    expect(schedule).toMatchObject({
      fields: ['schedule'],
      label: 'Career counselling',
      link: { page: 'activity', id: activity.id },
    });
  });

  it('never names a participant: no code in the log, only a link to the record', async () => {
    const participant = await coordinator.participants.create({ code: 'ZX-4711' });
    const entries = await entriesFor('participant', participant.id);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.label).toBeNull();
      expect(entry.link).toEqual({ page: 'participant', id: participant.id });
    }
    const stored = await opened.db
      .selectFrom('audit_event')
      .select(['label'])
      .where('entity_id', '=', participant.id)
      .execute();
    expect(stored.every((row) => row.label === null)).toBe(true);
    const whole = await admin.organization.audit({ pageSize: 100 });
    expect(JSON.stringify(whole)).not.toContain('ZX-4711');
  });

  it('names a member by their display name, live, and never stores it in the event', async () => {
    const added = await admin.members.add({
      email: 'mira@example.test',
      displayName: 'Mira Stojanova',
      role: 'viewer',
    });
    const userId = added.member.userId;
    const [entry] = await entriesFor('membership', userId);
    expect(entry).toMatchObject({ label: 'Mira Stojanova', link: { page: 'members', id: userId } });
    const stored = await opened.db.selectFrom('audit_event').select('label').where('entity_id', '=', userId).execute();
    expect(stored.every((row) => row.label === null)).toBe(true);
  });
});

describe('the audit log lists only the fields that changed', () => {
  it('logs one narrative section when one is saved, and nothing for a save that changes nothing', async () => {
    const pack = await finance.reports.prepare({ grantId, from: '2026-01-01', to: '2026-06-30' });
    const first = await finance.reports.saveNarrative({
      id: pack.id,
      version: pack.version,
      sections: [
        { key: 'summary', body: 'On track.' },
        { key: 'progress', body: 'Two workshops held.' },
      ],
    });
    const second = await finance.reports.saveNarrative({
      id: pack.id,
      version: first.version,
      sections: [
        { key: 'summary', body: 'On track, with a delay in Bitola.' },
        { key: 'progress', body: 'Two workshops held.' },
        { key: 'challenges', body: '' },
      ],
    });
    await finance.reports.saveNarrative({
      id: pack.id,
      version: second.version,
      sections: [{ key: 'summary', body: 'On track, with a delay in Bitola.' }],
    });
    const updates = (await entriesFor('report_pack', pack.id)).filter((e) => e.action === 'update');
    expect(updates.map((e) => e.fields)).toEqual([['narrative.summary'], ['narrative.summary', 'narrative.progress']]);
    // The pack is named by its grant and period; the narrative itself never appears.
    expect(updates[0]?.label).toBe('Test grant · 2026-01-01 – 2026-06-30');
    expect(JSON.stringify(updates)).not.toContain('Bitola');
  });

  it('logs only the variance explanations that changed', async () => {
    const pack = await finance.reports.prepare({ grantId, from: '2026-01-01', to: '2026-12-31' });
    const saved = await finance.reports.saveExplanations({
      id: pack.id,
      version: pack.version,
      explanations: [
        { code: '1', body: 'Late start.' },
        { code: '2', body: 'Online.' },
      ],
    });
    await finance.reports.saveExplanations({
      id: pack.id,
      version: saved.version,
      explanations: [
        { code: '1', body: 'Late start.' },
        { code: '2', body: 'Moved online.' },
      ],
    });
    const updates = (await entriesFor('report_pack', pack.id)).filter((e) => e.action === 'update');
    expect(updates.map((e) => e.fields)).toEqual([
      ['varianceExplanations.2'],
      ['varianceExplanations.1', 'varianceExplanations.2'],
    ]);
  });

  it('logs only the indicator value fields that changed', async () => {
    const indicator = await coordinator.indicators.create(
      indicatorInput({ grantId, code: 'V1', name: 'Brochures handed out', source: 'manual', numerator: null }),
    );
    const at = { indicatorId: indicator.id, periodStart: '2026-03-01', periodEnd: '2026-03-31' };
    const value = await coordinator.indicators.setValue({
      ...at,
      value: 40,
      numerator: null,
      denominator: null,
      comment: null,
    });
    await coordinator.indicators.setValue({
      ...at,
      value: 40,
      numerator: null,
      denominator: null,
      comment: 'Counted at the door',
    });
    await coordinator.indicators.setValue({
      ...at,
      value: 40,
      numerator: null,
      denominator: null,
      comment: 'Counted at the door',
    });
    const entries = await entriesFor('indicator_value', value.id);
    expect(entries.map((e) => [e.action, e.fields])).toEqual([
      ['update', ['comment']],
      ['create', ['value']],
    ]);
    expect(entries[0]?.label).toBe('V1 · 2026-03-01 – 2026-03-31');
  });

  it('logs only the budget line fields that changed', async () => {
    const line = await finance.budget.addLine({
      grantId,
      code: '8',
      category: 'Venue',
      description: null,
      amountMinor: 0,
    });
    await finance.budget.updateLine({ id: line.id, version: line.version, code: '8', category: 'Venue hire' });
    const [update] = await entriesFor('budget_line', line.id);
    expect(update).toMatchObject({ action: 'update', fields: ['category'], label: '8 Venue hire' });
  });
});

describe('the audit log filters and pages', () => {
  it('filters by person, action, record and date range, a page at a time', async () => {
    const all = await admin.organization.audit({ pageSize: 100 });
    expect(all.total).toBeGreaterThan(5);

    const byFinance = await admin.organization.audit({ userId: financeId, pageSize: 100 });
    expect(byFinance.total).toBeGreaterThan(0);
    expect(byFinance.entries.every((e) => e.userId === financeId)).toBe(true);

    const deletions = await admin.organization.audit({ action: 'delete', pageSize: 100 });
    expect(deletions.entries.map((e) => e.entity)).toEqual(['budget_line']);

    const grantOnly = await admin.organization.audit({ entity: 'grant', pageSize: 100 });
    expect(grantOnly.entries.every((e) => e.entity === 'grant')).toBe(true);
    const oneGrant = await admin.organization.audit({ entity: 'grant', entityId: grantId, pageSize: 100 });
    expect(oneGrant.entries.map((e) => e.id)).toContain('old-event');
    expect(oneGrant.entries.every((e) => e.entityId === grantId)).toBe(true);

    // The old event is on 2 January: a range of that day finds it alone, either bound inclusive.
    const day = await admin.organization.audit({ from: '2026-01-02', to: '2026-01-02', pageSize: 100 });
    expect(day.entries.map((e) => e.id)).toEqual(['old-event']);
    const before = await admin.organization.audit({ to: '2026-01-01', pageSize: 100 });
    expect(before.total).toBe(0);
    const since = await admin.organization.audit({ from: '2026-01-03', pageSize: 100 });
    expect(since.total).toBe(all.total - 1);

    // Pages of two, newest first, together the whole log.
    const first = await admin.organization.audit({ pageSize: 2, page: 1 });
    const second = await admin.organization.audit({ pageSize: 2, page: 2 });
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.slice(0, 4).map((e) => e.id));
    const beyond = await admin.organization.audit({ pageSize: 2, page: 1000 });
    expect(beyond.entries).toEqual([]);
  });

  it('refuses bad filters with field errors, not a server error', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'drop_table' }, 'action'],
      [{ entity: 'passwords' }, 'entity'],
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '2026-03-01', to: '2026-02-01' }, 'to'],
      [{ entityId: 'abc' }, 'entity'],
      [{ pageSize: 1000 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ userId: 'x'.repeat(65) }, 'userId'],
    ];
    for (const [input, field] of cases) {
      const error = await expectTrpcError(admin.organization.audit(input as never), 'BAD_REQUEST');
      expect(issuesOf(error).map(([path]) => path)).toEqual([field]);
    }
  });

  it('shows another organisation nothing', async () => {
    const otherOrg = (await createTestOrganization(opened.db)).id;
    const { caller: otherAdmin } = await callerFor(opened, otherOrg, 'admin');
    const theirs = await otherAdmin.organization.audit({ entity: 'grant', entityId: grantId });
    expect(theirs.total).toBe(0);
  });
});
