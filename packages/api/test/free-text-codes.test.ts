import type { CreateIndicatorInput } from '@tessera/domain';
import {
  findParticipantSettings,
  insertOutput,
  insertPartner,
  type OpenedDatabase,
  updateParticipantSettings,
  upsertIndicatorValue,
} from '@tessera/db';
import { createTestGrantWithMoney, createTestProgramme, createTestResults } from '@tessera/db/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, expectTrpcError, fieldErrorsOf } from './helpers';

/**
 * Issue 10 item 4: free text that finance staff, viewers, a network or an export receive never
 * holds a participant code. Every such field is refused with a field error naming it (and the
 * code), nothing is saved, and an honest text is saved; records holding a code from before the
 * rule are listed to admins.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

interface World {
  opened: OpenedDatabase;
  orgId: string;
  admin: Caller;
  coordinator: Caller;
  money: Awaited<ReturnType<typeof createTestGrantWithMoney>>;
  p: Awaited<ReturnType<typeof createTestProgramme>>;
  r: Awaited<ReturnType<typeof createTestResults>>;
}

let w: World;

beforeEach(async () => {
  const opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  const settings = await findParticipantSettings(opened.db, orgId);
  const { version, ...rest } = settings;
  await updateParticipantSettings(opened.db, orgId, version, { ...rest, codePrefix: 'ZR' });
  const money = await createTestGrantWithMoney(opened.db, orgId);
  const p = await createTestProgramme(opened.db, orgId);
  const r = await createTestResults(opened.db, orgId, {
    projectId: p.projectId,
    grantId: money.grantId,
    participantId: p.participantIds[0],
    activityId: p.activityId,
  });
  w = {
    opened,
    orgId,
    admin: (await callerFor(opened, orgId, 'admin')).caller,
    coordinator: (await callerFor(opened, orgId, 'coordinator')).caller,
    money,
    p,
    r,
  };
});

const indicatorInput = (over: Partial<CreateIndicatorInput> = {}): CreateIndicatorInput => ({
  projectId: w.p.projectId,
  grantId: null,
  level: 'output',
  resultStatement: 'Women find work',
  code: 'OUT-1',
  name: 'Women trained',
  definition: 'Completed the course',
  unit: 'people',
  type: 'number',
  direction: 'increase',
  baselineValue: null,
  baselineYear: null,
  baselineComment: 'None before',
  lifeTarget: 20,
  targets: [],
  dataSource: 'Registers',
  collectionMethod: 'Attendance',
  frequency: 'Quarterly',
  responsible: 'Coordinator',
  disaggregation: [],
  source: 'manual',
  numerator: null,
  denominator: null,
  ...over,
});

/**
 * One outgoing free-text field: `save` writes `text` into it (a create or an update) as `role`;
 * `read` returns what is stored where the field shows (a value, or a list after a create).
 */
interface Case {
  name: string;
  role: 'admin' | 'coordinator';
  path: string;
  /** Texts with a code, and the code the error names; short or patterned fields say their own. */
  bad?: [string, string][];
  honest?: string;
  /** Records the case needs before its first save. */
  prepare?: (c: Caller) => Promise<unknown>;
  save: (c: Caller, text: string) => Promise<unknown>;
  read: (c: Caller) => Promise<unknown>;
}

const defaultBad: [string, string][] = [
  ['ZR-0007 left early', 'ZR-0007'],
  ['zr 0007 left early', 'zr 0007'],
  ['Thanks to Z R - 7 and U-7KQ2M-9XD4T', 'Z R - 7'],
];
const shortBad: [string, string][] = [
  ['ZR-0007', 'ZR-0007'],
  ['zr.0007', 'zr.0007'],
];

const funder = (text: Record<string, string>) => ({ name: 'Embassy', kind: 'government' as const, ...text });
const grant = (text: Record<string, string>) => ({
  funderId: w.money.funderId,
  title: 'Small grant',
  currency: 'USD',
  amountMinor: 200_000,
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  ...text,
});
const expenditure = (text: Record<string, string>) => ({
  grantId: w.money.grantId,
  budgetLineId: w.money.lineA.id,
  date: '2026-02-01',
  payee: 'Venue',
  description: 'Hall rent',
  amountMinor: 10_000,
  currency: 'USD',
  ...text,
});
const activityFields = (text: Record<string, string>) => ({
  projectId: w.p.projectId,
  kind: 'training' as const,
  title: 'Test training',
  city: 'Skopje',
  startDate: '2026-03-01',
  endDate: '2026-06-30',
  plannedMinutes: 600,
  completionThreshold: 80,
  ...text,
});

function fieldCases(
  entity: string,
  role: Case['role'],
  fields: readonly string[],
  make: (field: string) => Omit<Case, 'name' | 'role' | 'path'>,
): Case[] {
  return fields.map((path) => ({ name: `${entity} ${path}`, role, path, ...make(path) }));
}

const funderFields = ['name', 'contactName', 'notes'] as const;
const grantFields = ['title', 'reference', 'restrictions', 'notes'] as const;
const lineFields = ['code', 'category', 'description'] as const;
const expenditureFields = ['payee', 'description', 'receiptReference'] as const;
const activityTextFields = ['title', 'reference', 'city', 'description'] as const;
const indicatorFields = [
  'resultStatement',
  'code',
  'name',
  'definition',
  'unit',
  'baselineComment',
  'dataSource',
  'collectionMethod',
  'frequency',
  'responsible',
] as const;
const short = (path: string) => ['reference', 'code'].includes(path);
const lineBad = (path: string) => (path === 'code' ? shortBad : undefined);

const cases: Case[] = [
  // Funders, grants and the ledger: finance staff and viewers read them.
  ...fieldCases('funders.create', 'admin', funderFields, (field) => ({
    save: (c, text) => c.funders.create(funder({ [field]: text })),
    read: async (c) => Promise.all((await c.funders.list({})).items.map((f) => c.funders.get({ id: f.id }))),
  })),
  ...fieldCases('funders.update', 'admin', funderFields, (field) => ({
    save: (c, text) => c.funders.update({ id: w.money.funderId, version: 1, ...funder({ [field]: text }) }),
    read: async (c) => {
      const f = await c.funders.get({ id: w.money.funderId });
      return [f.name, f.contactName, f.notes];
    },
  })),
  ...fieldCases('grants.create', 'admin', grantFields, (field) => ({
    save: (c, text) => c.grants.create(grant({ [field]: text })),
    read: async (c) => Promise.all((await c.grants.list({})).map((g) => c.grants.get({ id: g.id }))),
  })),
  ...fieldCases('grants.update', 'admin', grantFields, (field) => ({
    save: (c, text) => c.grants.update({ id: w.money.grantId, version: 1, ...grant({ [field]: text }) }),
    read: async (c) => {
      const { grant: g } = await c.grants.get({ id: w.money.grantId });
      return [g.title, g.reference, g.restrictions, g.notes];
    },
  })),
  {
    name: 'grants.changeStatus note',
    role: 'admin',
    path: 'note',
    save: (c, text) =>
      c.grants.changeStatus({ id: w.money.grantId, version: 1, status: 'closed', date: '2026-12-31', note: text }),
    read: async (c) => (await c.grants.get({ id: w.money.grantId })).history.map((h) => [h.status, h.note]),
  },
  ...fieldCases('budget.addLine', 'admin', lineFields, (field) => ({
    bad: lineBad(field),
    honest: field === 'code' ? '3a' : undefined,
    save: (c, text) =>
      c.budget.addLine({ grantId: w.money.grantId, code: '3', category: 'Supplies', amountMinor: 0, [field]: text }),
    read: (c) => c.budget.lines({ grantId: w.money.grantId }),
  })),
  ...fieldCases('budget.updateLine', 'admin', lineFields, (field) => ({
    bad: lineBad(field),
    honest: field === 'code' ? '2a' : undefined,
    save: (c, text) =>
      c.budget.updateLine({ id: w.money.lineB.id, version: 1, code: '2', category: 'Travel', [field]: text }),
    read: (c) => c.budget.lines({ grantId: w.money.grantId }),
  })),
  {
    name: 'budget.revise justification',
    role: 'admin',
    path: 'justification',
    save: (c, text) =>
      c.budget.revise({
        grantId: w.money.grantId,
        date: '2026-04-01',
        justification: text,
        lines: [
          { budgetLineId: w.money.lineA.id, version: 1, amountBeforeMinor: 100_000, amountMinor: 90_000 },
          { budgetLineId: w.money.lineB.id, version: 1, amountBeforeMinor: 100_000, amountMinor: 110_000 },
          { budgetLineId: w.money.spareLine.id, version: 1, amountBeforeMinor: 0, amountMinor: 0 },
        ],
      }),
    read: async (c) => (await c.budget.revisions({ grantId: w.money.grantId })).map((r) => r.justification),
  },
  {
    name: 'tranches.create note',
    role: 'admin',
    path: 'note',
    save: (c, text) =>
      c.tranches.create({ grantId: w.money.grantId, expectedDate: '2026-06-01', expectedAmountMinor: 1, note: text }),
    read: async (c) => (await c.tranches.list({ grantId: w.money.grantId })).map((t) => t.note),
  },
  {
    name: 'tranches.update note',
    role: 'admin',
    path: 'note',
    save: (c, text) =>
      c.tranches.update({
        id: w.money.trancheId,
        version: 1,
        expectedDate: '2026-01-15',
        expectedAmountMinor: 100_000,
        note: text,
      }),
    read: async (c) => (await c.tranches.list({ grantId: w.money.grantId })).map((t) => t.note),
  },
  {
    name: 'deadlines.create note',
    role: 'admin',
    path: 'note',
    save: (c, text) =>
      c.deadlines.create({
        grantId: w.money.grantId,
        kind: 'narrative',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        dueDate: '2026-07-15',
        note: text,
      }),
    read: async (c) => (await c.deadlines.list({ grantId: w.money.grantId })).map((d) => d.note),
  },
  {
    name: 'deadlines.update note',
    role: 'admin',
    path: 'note',
    save: (c, text) =>
      c.deadlines.update({
        id: w.money.deadlineId,
        version: 1,
        kind: 'financial',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        dueDate: '2026-07-31',
        note: text,
      }),
    read: async (c) => (await c.deadlines.list({ grantId: w.money.grantId })).map((d) => d.note),
  },
  ...fieldCases('expenditures.create', 'admin', expenditureFields, (field) => ({
    save: (c, text) => c.expenditures.create(expenditure({ [field]: text })),
    read: async (c) =>
      Promise.all(
        (await c.expenditures.list({ grantId: w.money.grantId })).items.map((e) => c.expenditures.get({ id: e.id })),
      ),
  })),
  ...fieldCases('expenditures.update', 'admin', expenditureFields, (field) => ({
    save: (c, text) =>
      c.expenditures.update({ id: w.money.expenditureId, version: 1, ...expenditure({ [field]: text }) }),
    read: async (c) => {
      const e = await c.expenditures.get({ id: w.money.expenditureId });
      return [e.payee, e.description, e.receiptReference];
    },
  })),

  // Delivery: every member reads partners, projects, activities, sessions and outputs.
  ...fieldCases('partners.create', 'coordinator', ['name', 'city', 'description'], (field) => ({
    save: (c, text) => c.partners.create({ name: 'Counsellors', [field]: text }),
    read: async (c) => (await c.partners.list()).map((p) => [p.name, p.city, p.description]),
  })),
  ...fieldCases('partners.update', 'coordinator', ['name', 'city', 'description'], (field) => ({
    save: (c, text) => c.partners.update({ id: w.p.partnerId, version: 1, name: 'Counsellors', [field]: text }),
    read: async (c) => (await c.partners.list()).map((p) => [p.name, p.city, p.description]),
  })),
  ...fieldCases('projects.create', 'coordinator', ['title', 'summary', 'partners.0.role'], (field) => ({
    save: (c, text) =>
      c.projects.create({
        title: 'Careers',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        ...(field === 'partners.0.role' ? { partners: [{ partnerId: w.p.partnerId, role: text }] } : { [field]: text }),
      }),
    read: async (c) => Promise.all((await c.projects.list()).map((p) => c.projects.get({ id: p.id }))),
  })),
  ...fieldCases('projects.update', 'coordinator', ['title', 'summary', 'partners.0.role'], (field) => ({
    save: (c, text) =>
      c.projects.update({
        id: w.p.projectId,
        version: 1,
        title: 'Test project',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        partners: [{ partnerId: w.p.partnerId, role: field === 'partners.0.role' ? text : 'co-facilitator' }],
        ...(field === 'partners.0.role' ? {} : { [field]: text }),
      }),
    read: async (c) => {
      const p = await c.projects.get({ id: w.p.projectId });
      return [p.title, p.summary, p.partners.map((x) => x.role)];
    },
  })),
  ...fieldCases('activities.create', 'coordinator', activityTextFields, (field) => ({
    bad: field === 'reference' ? shortBad : undefined,
    honest: field === 'reference' ? 'CT-2026' : undefined,
    save: (c, text) => c.activities.create(activityFields({ [field]: text })),
    read: async (c) => Promise.all((await c.activities.list({})).items.map((a) => c.activities.get({ id: a.id }))),
  })),
  ...fieldCases('activities.update', 'coordinator', activityTextFields, (field) => ({
    bad: field === 'reference' ? shortBad : undefined,
    honest: field === 'reference' ? 'CT-2026' : undefined,
    save: (c, text) => c.activities.update({ id: w.p.activityId, version: 1, ...activityFields({ [field]: text }) }),
    read: async (c) => {
      const a = await c.activities.get({ id: w.p.activityId });
      return [a.title, a.reference, a.city, a.description];
    },
  })),
  ...fieldCases('sessions.create', 'coordinator', ['module', 'note'], (field) => ({
    save: (c, text) =>
      c.sessions.create({ activityId: w.p.activityId, date: '2026-03-09', minutes: 60, [field]: text }),
    read: (c) => c.sessions.list({ activityId: w.p.activityId }),
  })),
  ...fieldCases('sessions.update', 'coordinator', ['module', 'note'], (field) => ({
    save: (c, text) =>
      c.sessions.update({ id: w.p.sessionIds[0], version: 1, date: '2026-03-02', minutes: 300, [field]: text }),
    read: async (c) => {
      const s = await c.sessions.get({ id: w.p.sessionIds[0] });
      return [s.module, s.note];
    },
  })),
  {
    name: 'sessions.generate module',
    role: 'coordinator',
    path: 'module',
    save: (c, text) =>
      c.sessions.generate({
        activityId: w.p.activityId,
        startDate: '2026-04-06',
        weeks: 1,
        days: ['mon'],
        minutesPerSession: 60,
        module: text,
      }),
    read: async (c) => (await c.sessions.list({ activityId: w.p.activityId })).items.map((s) => s.module),
  },
  ...fieldCases('outputs.create', 'coordinator', ['title', 'note'], (field) => ({
    save: (c, text) =>
      c.outputs.create({
        activityId: w.p.activityId,
        kind: 'card',
        title: 'Cards',
        quantity: 500,
        date: '2026-03-05',
        [field]: text,
      }),
    read: (c) => c.outputs.list({ activityId: w.p.activityId }),
  })),
  ...fieldCases('outputs.update', 'coordinator', ['title', 'note'], (field) => ({
    save: (c, text) =>
      c.outputs.update({
        id: w.p.outputId,
        version: 1,
        kind: 'video',
        title: 'Video',
        quantity: 5,
        date: '2026-03-05',
        [field]: text,
      }),
    read: (c) => c.outputs.list({ activityId: w.p.activityId }),
  })),

  // Results and report packs: the logframe, its values and the narrative go into every pack.
  ...fieldCases('indicators.create', 'coordinator', indicatorFields, (field) => ({
    bad: short(field) ? shortBad : undefined,
    honest: short(field) ? 'OC-2' : undefined,
    save: (c, text) => c.indicators.create(indicatorInput({ [field]: text })),
    read: (c) => c.indicators.list({ projectId: w.p.projectId }),
  })),
  ...fieldCases('indicators.update', 'coordinator', indicatorFields, (field) => ({
    bad: short(field) ? shortBad : undefined,
    honest: short(field) ? 'OC-2' : undefined,
    prepare: (c) => c.indicators.create(indicatorInput()),
    save: async (c, text) => {
      const mine = (await c.indicators.list({ projectId: w.p.projectId })).find((i) => i.code === 'OUT-1');
      if (!mine) throw new Error('prepared indicator missing');
      return c.indicators.update({ ...indicatorInput({ [field]: text }), id: mine.id, version: mine.version });
    },
    read: (c) => c.indicators.list({ projectId: w.p.projectId }),
  })),
  {
    name: 'indicators.setValue comment',
    role: 'coordinator',
    path: 'comment',
    save: (c, text) =>
      c.indicators.setValue({
        indicatorId: w.r.indicatorId,
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        value: 12,
        numerator: null,
        denominator: null,
        comment: text,
      }),
    read: async (c) => (await c.indicators.values({ indicatorId: w.r.indicatorId })).map((v) => v.comment),
  },
  {
    name: 'reports.saveNarrative body',
    role: 'coordinator',
    path: 'sections.0.body',
    save: (c, text) =>
      c.reports.saveNarrative({ id: w.r.packId, version: 1, sections: [{ key: 'summary', body: text }] }),
    read: async (c) => (await c.reports.get({ id: w.r.packId })).narrative,
  },
];

describe('free text that leaves the circle never holds a participant code', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const caller = c.role === 'admin' ? w.admin : w.coordinator;
    await c.prepare?.(caller);
    const before = JSON.stringify(await c.read(caller));
    for (const [text, code] of c.bad ?? defaultBad) {
      const error = await expectTrpcError(c.save(caller, text), 'BAD_REQUEST', 'VALIDATION');
      expect(fieldErrorsOf(error)).toEqual({ [c.path]: [`validation.mentionsCode?code=${encodeURIComponent(code)}`] });
      expect(JSON.stringify(await c.read(caller)), 'nothing saved').toBe(before);
    }
    const honest = c.honest ?? 'Twenty women left early';
    await c.save(caller, honest);
    expect(JSON.stringify(await c.read(caller))).toContain(honest);
  });

  it('names every field holding a code at once, and a code the writer would not see as one', async () => {
    const error = await expectTrpcError(
      w.coordinator.outputs.create({
        activityId: w.p.activityId,
        kind: 'card',
        title: 'ЗР-0007 cards',
        quantity: 5,
        date: '2026-03-05',
        note: 'for ＺＲ０００８',
      }),
      'BAD_REQUEST',
    );
    expect(Object.keys(fieldErrorsOf(error) ?? {}).sort()).toEqual(['note', 'title']);
  });

  it('refuses an all-letter UIC typed in lower case where it is an issued code, and lets the same shape of words through', async () => {
    await w.opened.db
      .updateTable('participant')
      .set({ code: 'U-MBAJT-TAKPM' })
      .where('id', '=', w.p.participantIds[0] as string)
      .execute();
    const output = (note: string) =>
      w.coordinator.outputs.create({
        activityId: w.p.activityId,
        kind: 'card',
        title: 'Cards',
        quantity: 5,
        date: '2026-03-05',
        note,
      });
    const error = await expectTrpcError(output('came with u mbajt-takpm'), 'BAD_REQUEST', 'VALIDATION');
    expect(fieldErrorsOf(error)).toEqual({
      note: [`validation.mentionsCode?code=${encodeURIComponent('u mbajt-takpm')}`],
    });
    // The same shape, not an issued code: Albanian prose ("u mbajt takim", a meeting was held).
    expect((await output('u mbajt takim me grupin')).note).toBe('u mbajt takim me grupin');
    // Written before the rule: flagged to admins too.
    await insertPartner(w.opened.db, w.orgId, {
      name: 'Union',
      city: null,
      country: null,
      website: null,
      description: 'Works with u mbajt takpm',
    });
    expect((await w.admin.organization.codeFindings()).map((f) => [f.kind, f.scheme])).toEqual([['partner', 'uic']]);
  });

  it('lets years, amounts and references through', async () => {
    const saved = await w.coordinator.outputs.create({
      activityId: w.p.activityId,
      kind: 'card',
      title: 'COVID-19 cards, 2026 edition',
      quantity: 5,
      date: '2026-03-05',
      note: 'EUR 1,500.00 for CT-2026 in ZR 2026 plan',
    });
    expect(saved.note).toBe('EUR 1,500.00 for CT-2026 in ZR 2026 plan');
  });
});

describe('records already holding a code are flagged to admins', () => {
  it('lists a record written before the rule (straight through the db layer), and not the others', async () => {
    expect(await w.admin.organization.codeFindings()).toEqual([]);
    const output = await insertOutput(w.opened.db, w.orgId, {
      activityId: w.p.activityId,
      kind: 'video',
      title: 'Interview',
      quantity: 1,
      date: '2026-03-06',
      link: null,
      note: 'ZR-0007 left early',
    });
    const partner = await insertPartner(w.opened.db, w.orgId, {
      name: 'Union',
      city: null,
      country: null,
      website: null,
      description: 'Works with u 7kq2m 9xd4t',
    });
    await upsertIndicatorValue(w.opened.db, w.orgId, {
      indicatorId: w.r.indicatorId,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      value: 12,
      numerator: null,
      denominator: null,
      comment: 'Counted honestly',
    });
    const findings = await w.admin.organization.codeFindings();
    expect(findings).toEqual(
      expect.arrayContaining([
        { kind: 'output', id: output.id, field: 'note', title: 'Interview', scheme: 'sequential' },
        { kind: 'partner', id: partner.id, field: 'description', title: 'Union', scheme: 'uic' },
      ]),
    );
    expect(findings).toHaveLength(2);
    // The list names the record and field, never the text.
    expect(JSON.stringify(findings)).not.toMatch(/left early|7kq2m/i);
  });

  it('is for admins only', async () => {
    const finance = (await callerFor(w.opened, w.orgId, 'finance')).caller;
    await expectTrpcError(w.coordinator.organization.codeFindings(), 'FORBIDDEN');
    await expectTrpcError(finance.organization.codeFindings(), 'FORBIDDEN');
  });
});
