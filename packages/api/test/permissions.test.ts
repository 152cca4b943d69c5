import { type Permission, type Role, roles } from '@tessera/domain';
import { insertFunderTemplate, insertMatchContribution, type OpenedDatabase } from '@tessera/db';
import { starterTemplate } from '@tessera/reports';
import {
  createTestFunder,
  createTestGrantWithMoney,
  createTestProgramme,
  createTestResults,
} from '@tessera/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { anonymousCaller, callerFor, createTestDatabase, createTestOrganization, createTestUser } from './helpers';
import { policyAllows, procedurePolicy } from './policy';

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

/** Every organisation-scoped procedure with a call that is valid apart from who makes it. */
type Ids = { funderId: string; memberId: string; matchId: string; templateId: string } & Awaited<
  ReturnType<typeof createTestGrantWithMoney>
> & {
    p: Awaited<ReturnType<typeof createTestProgramme>>;
    r: Awaited<ReturnType<typeof createTestResults>>;
  };

const starterBytes = starterTemplate('docx', 'en').then((file) => file.bytes);

const expenditure = (ids: Ids) => ({
  grantId: ids.grantId,
  budgetLineId: ids.lineA.id,
  date: '2026-03-01',
  payee: 'Printer',
  description: 'Cards',
  amountMinor: 500,
  currency: 'USD',
});
const activity = (ids: Ids) => ({
  projectId: ids.p.projectId,
  kind: 'workshop' as const,
  title: 'Digital safety',
  startDate: '2026-03-01',
  endDate: '2026-06-30',
  plannedMinutes: 180,
});
const indicator = (ids: Ids) => ({
  projectId: ids.p.projectId,
  grantId: null,
  level: 'output' as const,
  resultStatement: null,
  code: `N-${Math.random().toString(36).slice(2, 8)}`,
  name: 'People trained',
  definition: null,
  unit: 'people',
  type: 'number' as const,
  direction: 'increase' as const,
  baselineValue: null,
  baselineYear: null,
  baselineComment: null,
  lifeTarget: 20,
  targets: [],
  dataSource: null,
  collectionMethod: null,
  frequency: null,
  responsible: null,
  disaggregation: [],
  source: 'derived' as const,
  numerator: {
    measure: 'uniqueParticipants' as const,
    filter: { activityKind: null, projectId: null, city: null, outputKind: null, outcomeKind: null },
  },
  denominator: null,
});
const contribution = {
  kind: 'inKind' as const,
  source: 'Municipality',
  date: '2026-03-01',
  amountMinor: 20_000,
  description: 'Hall',
  evidenceReference: 'Letter 1',
};
const tranche = { expectedDate: '2026-06-01', expectedAmountMinor: 50_000 };
const deadline = {
  kind: 'narrative' as const,
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  dueDate: '2026-07-15',
};

const calls: Record<string, (caller: Caller, ids: Ids) => Promise<unknown>> = {
  'organization.current': (c) => c.organization.current(),
  'organization.audit': (c) => c.organization.audit({ pageSize: 5 }),
  'organization.codeFindings': (c) => c.organization.codeFindings(),
  'organization.setSecondFactorRequired': (c) => c.organization.setSecondFactorRequired({ required: false }),
  'members.list': (c) => c.members.list(),
  'members.add': (c) => c.members.add({ email: `p${Math.random()}@example.test`, displayName: 'P', role: 'viewer' }),
  'members.setRole': (c, ids) => c.members.setRole({ userId: ids.memberId, role: 'viewer' }),
  'members.remove': (c, ids) => c.members.remove({ userId: ids.memberId }),
  'members.resetSecondFactor': (c, ids) => c.members.resetSecondFactor({ userId: ids.memberId }),
  'funders.list': (c) => c.funders.list({}),
  'funders.get': (c, ids) => c.funders.get({ id: ids.funderId }),
  'funders.create': (c) => c.funders.create({ name: 'New', kind: 'other' }),
  'funders.update': (c, ids) => c.funders.update({ id: ids.funderId, version: 1, name: 'Renamed', kind: 'other' }),
  'funders.archive': (c, ids) => c.funders.archive({ id: ids.funderId, version: 1 }),
  'funders.restore': (c, ids) => c.funders.restore({ id: ids.funderId, version: 1 }),
  'grants.list': (c) => c.grants.list({}),
  'grants.get': (c, ids) => c.grants.get({ id: ids.grantId }),
  'grants.create': (c, ids) =>
    c.grants.create({
      funderId: ids.funderId,
      title: 'New',
      currency: 'EUR',
      amountMinor: 1,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    }),
  'grants.update': (c, ids) =>
    c.grants.update({
      id: ids.grantId,
      version: 1,
      funderId: ids.funderId,
      title: 'Renamed',
      currency: 'USD',
      amountMinor: 200_000,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    }),
  'grants.changeStatus': (c, ids) =>
    c.grants.changeStatus({ id: ids.grantId, version: 1, status: 'closed', date: '2026-12-31' }),
  'grants.budgetVsActual': (c, ids) => c.grants.budgetVsActual({ grantId: ids.grantId }),
  'grants.dashboard': (c) => c.grants.dashboard(),
  'budget.lines': (c, ids) => c.budget.lines({ grantId: ids.grantId }),
  'budget.revisions': (c, ids) => c.budget.revisions({ grantId: ids.grantId }),
  'budget.addLine': (c, ids) =>
    c.budget.addLine({ grantId: ids.grantId, code: '3', category: 'Supplies', amountMinor: 0 }),
  'budget.updateLine': (c, ids) =>
    c.budget.updateLine({ id: ids.lineB.id, version: 1, code: '2', category: 'Travel and per diem' }),
  'budget.removeLine': (c, ids) => c.budget.removeLine({ id: ids.spareLine.id, version: 1 }),
  'budget.revise': (c, ids) =>
    c.budget.revise({
      grantId: ids.grantId,
      date: '2026-04-01',
      justification: 'Move',
      lines: [
        { budgetLineId: ids.lineA.id, version: 1, amountBeforeMinor: 100_000, amountMinor: 90_000 },
        { budgetLineId: ids.lineB.id, version: 1, amountBeforeMinor: 100_000, amountMinor: 110_000 },
        { budgetLineId: ids.spareLine.id, version: 1, amountBeforeMinor: 0, amountMinor: 0 },
      ],
    }),
  'tranches.list': (c, ids) => c.tranches.list({ grantId: ids.grantId }),
  'tranches.create': (c, ids) => c.tranches.create({ grantId: ids.grantId, ...tranche }),
  'tranches.update': (c, ids) => c.tranches.update({ id: ids.trancheId, version: 1, ...tranche }),
  'tranches.remove': (c, ids) => c.tranches.remove({ id: ids.trancheId, version: 1 }),
  'expenditures.list': (c, ids) => c.expenditures.list({ grantId: ids.grantId }),
  'expenditures.get': (c, ids) => c.expenditures.get({ id: ids.expenditureId }),
  'expenditures.create': (c, ids) => c.expenditures.create(expenditure(ids)),
  'expenditures.update': (c, ids) => c.expenditures.update({ ...expenditure(ids), id: ids.expenditureId, version: 1 }),
  'expenditures.remove': (c, ids) => c.expenditures.remove({ id: ids.expenditureId, version: 1 }),
  'expenditures.removeReceipt': (c, ids) => c.expenditures.removeReceipt({ id: ids.expenditureId }),
  'match.list': (c, ids) => c.match.list({ grantId: ids.grantId }),
  'match.summary': (c, ids) => c.match.summary({ grantId: ids.grantId }),
  'match.create': (c, ids) => c.match.create({ grantId: ids.grantId, ...contribution }),
  'match.update': (c, ids) => c.match.update({ id: ids.matchId, version: 1, ...contribution, amountMinor: 30_000 }),
  'match.removeEvidence': (c, ids) => c.match.removeEvidence({ id: ids.matchId }),
  'match.remove': (c, ids) => c.match.remove({ id: ids.matchId, version: 1 }),
  'exchangeRates.list': (c) => c.exchangeRates.list({}),
  'exchangeRates.lookup': (c) => c.exchangeRates.lookup({ fromCurrency: 'MKD', toCurrency: 'USD', date: '2026-02-01' }),
  'exchangeRates.save': (c) =>
    c.exchangeRates.save({ date: '2026-05-01', fromCurrency: 'EUR', toCurrency: 'MKD', rate: '61.6' }),
  'exchangeRates.remove': (c, ids) => c.exchangeRates.remove({ id: ids.rateId }),
  'exchangeRates.importCsv': (c) => c.exchangeRates.importCsv({ csv: 'date,from,to,rate\n2026-05-02,EUR,MKD,61.7\n' }),
  'deadlines.list': (c, ids) => c.deadlines.list({ grantId: ids.grantId }),
  'deadlines.create': (c, ids) => c.deadlines.create({ grantId: ids.grantId, ...deadline }),
  'deadlines.update': (c, ids) => c.deadlines.update({ id: ids.deadlineId, version: 1, ...deadline }),
  'deadlines.remove': (c, ids) => c.deadlines.remove({ id: ids.deadlineId, version: 1 }),
  'partners.list': (c) => c.partners.list(),
  'partners.create': (c) => c.partners.create({ name: 'New partner' }),
  'partners.update': (c, ids) => c.partners.update({ id: ids.p.partnerId, version: 1, name: 'Renamed' }),
  'partners.delete': (c, ids) => c.partners.delete({ id: ids.p.partnerId, version: 1 }).catch(conflictIsOk),
  'projects.list': (c) => c.projects.list(),
  'projects.get': (c, ids) => c.projects.get({ id: ids.p.projectId }),
  'projects.create': (c) => c.projects.create({ title: 'New', startDate: '2026-01-01', endDate: '2026-12-31' }),
  'projects.update': (c, ids) =>
    c.projects.update({
      id: ids.p.projectId,
      version: 1,
      title: 'Renamed',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    }),
  'projects.delete': (c, ids) => c.projects.delete({ id: ids.p.projectId, version: 1 }).catch(conflictIsOk),
  'activities.list': (c) => c.activities.list({}),
  'activities.get': (c, ids) => c.activities.get({ id: ids.p.activityId }),
  'activities.create': (c, ids) => c.activities.create(activity(ids)),
  'activities.update': (c, ids) => c.activities.update({ ...activity(ids), id: ids.p.activityId, version: 1 }),
  'activities.delete': (c, ids) => c.activities.delete({ id: ids.p.activityId, version: 1 }).catch(conflictIsOk),
  'sessions.list': (c, ids) => c.sessions.list({ activityId: ids.p.activityId }),
  'sessions.get': (c, ids) => c.sessions.get({ id: ids.p.sessionIds[0] }),
  'sessions.today': (c) => c.sessions.today(),
  'sessions.create': (c, ids) => c.sessions.create({ activityId: ids.p.activityId, date: '2026-03-09', minutes: 60 }),
  'sessions.generate': (c, ids) =>
    c.sessions.generate({
      activityId: ids.p.activityId,
      startDate: '2026-04-06',
      weeks: 1,
      days: ['mon'],
      minutesPerSession: 60,
    }),
  'sessions.update': (c, ids) =>
    c.sessions.update({ id: ids.p.sessionIds[0], version: 1, date: '2026-03-02', minutes: 240 }),
  'sessions.delete': (c, ids) => c.sessions.delete({ id: ids.p.sessionIds[1], version: 1 }),
  'sessions.headCount': (c, ids) => c.sessions.headCount({ id: ids.p.headcountSessionId }),
  'sessions.recordHeadCount': (c, ids) =>
    c.sessions.recordHeadCount({ sessionId: ids.p.headcountSessionId, version: 1, total: 40 }),
  'outputs.list': (c, ids) => c.outputs.list({ activityId: ids.p.activityId }),
  'outputs.create': (c, ids) =>
    c.outputs.create({ activityId: ids.p.activityId, kind: 'card', title: 'Cards', quantity: 500, date: '2026-03-05' }),
  'outputs.update': (c, ids) =>
    c.outputs.update({
      id: ids.p.outputId,
      version: 1,
      kind: 'video',
      title: 'Videos',
      quantity: 5,
      date: '2026-03-05',
    }),
  'outputs.delete': (c, ids) => c.outputs.delete({ id: ids.p.outputId, version: 1 }),
  'participants.settings': (c) => c.participants.settings(),
  'participants.saveSettings': (c) =>
    c.participants.settings().then((s) =>
      c.participants.saveSettings({
        codeScheme: s.codeScheme,
        codePrefix: 'ZR',
        uicQuestions: [],
        attributes: [],
        suppressionThreshold: 5,
        version: s.version,
      }),
    ),
  'participants.list': (c) => c.participants.list({}),
  'participants.get': (c, ids) => c.participants.get({ id: ids.p.participantIds[0] }),
  'participants.findByAnswers': (c) => c.participants.findByAnswers({ uicAnswers: { a: 'x' } }).catch(validationIsOk),
  'participants.create': (c) => c.participants.create({ contact: '+389 70 000 000' }),
  'participants.update': (c, ids) =>
    c.participants.update({ id: ids.p.participantIds[0], version: 1, notes: 'Prefers evenings' }),
  'participants.erase': (c, ids) => c.participants.erase({ id: ids.p.participantIds[1], version: 1 }),
  'enrollments.list': (c, ids) => c.enrollments.list({ activityId: ids.p.activityId }),
  'enrollments.enrol': (c, ids) =>
    c.enrollments.enrol({ activityId: ids.p.activityId, participantIds: [ids.p.participantIds[0]] }),
  'enrollments.update': (c, ids) =>
    c.enrollments
      .list({ activityId: ids.p.activityId })
      .then((l) => c.enrollments.update({ id: l.items[0]!.id, version: 1, status: 'dropped' })),
  'enrollments.delete': (c, ids) =>
    c.enrollments
      .list({ activityId: ids.p.activityId })
      .then((l) => c.enrollments.delete({ id: l.items[0]!.id, version: 1 })),
  'register.get': (c, ids) => c.register.get({ sessionId: ids.p.sessionIds[0] }),
  'register.save': (c, ids) =>
    c.register.save({
      sessionId: ids.p.sessionIds[0],
      version: 1,
      entries: [{ participantId: ids.p.participantIds[0], status: 'present' }],
    }),
  'indicators.list': (c, ids) => c.indicators.list({ projectId: ids.p.projectId }),
  'indicators.get': (c, ids) => c.indicators.get({ id: ids.r.indicatorId }),
  'indicators.create': (c, ids) => c.indicators.create(indicator(ids)),
  'indicators.update': (c, ids) => c.indicators.update({ ...indicator(ids), id: ids.r.indicatorId, version: 1 }),
  'indicators.delete': (c, ids) => c.indicators.delete({ id: ids.r.indicatorId, version: 1 }),
  'indicators.values': (c, ids) => c.indicators.values({ indicatorId: ids.r.indicatorId }),
  'indicators.setValue': (c, ids) =>
    c.indicators.setValue({
      indicatorId: ids.r.indicatorId,
      periodStart: '2026-07-01',
      periodEnd: '2026-12-31',
      value: 3,
      numerator: null,
      denominator: null,
      comment: null,
    }),
  'indicators.deleteValue': (c, ids) => c.indicators.deleteValue({ id: ids.r.indicatorValueId, version: 1 }),
  'outcomes.list': (c, ids) => c.outcomes.list({ participantId: ids.p.participantIds[0] }),
  'outcomes.create': (c, ids) =>
    c.outcomes.create({
      participantId: ids.p.participantIds[0],
      activityId: null,
      kind: 'employment',
      date: '2026-05-01',
      scoreBefore: null,
      scoreAfter: null,
      description: null,
    }),
  'outcomes.update': (c, ids) =>
    c.outcomes.update({
      id: ids.r.outcomeId,
      version: 1,
      activityId: null,
      kind: 'employment',
      date: '2026-05-01',
      scoreBefore: null,
      scoreAfter: null,
      description: null,
    }),
  'outcomes.delete': (c, ids) => c.outcomes.delete({ id: ids.r.outcomeId, version: 1 }),
  'results.project': (c, ids) =>
    c.results.project({ projectId: ids.p.projectId, from: '2026-01-01', to: '2026-12-31' }),
  'results.grant': (c, ids) => c.results.grant({ grantId: ids.grantId, from: '2026-01-01', to: '2026-12-31' }),
  'results.periods': (c, ids) => c.results.periods({ grantId: ids.grantId }),
  'reports.list': (c, ids) => c.reports.list({ grantId: ids.grantId }),
  'reports.get': (c, ids) => c.reports.get({ id: ids.r.packId }),
  'reports.content': (c, ids) => c.reports.content({ id: ids.r.packId }),
  'reports.files': (c, ids) => c.reports.files({ id: ids.r.packId }),
  'reports.prepare': (c, ids) => c.reports.prepare({ grantId: ids.grantId, from: '2026-07-01', to: '2026-09-30' }),
  'reports.saveNarrative': (c, ids) =>
    c.reports.saveNarrative({ id: ids.r.packId, version: 1, sections: [{ key: 'summary', body: 'On track.' }] }),
  'reports.saveExplanations': (c, ids) =>
    c.reports.saveExplanations({
      id: ids.r.packId,
      version: 1,
      explanations: [{ code: ids.lineA.code, body: 'Trainers were paid later than planned.' }],
    }),
  'reports.submit': (c, ids) => c.reports.submit({ id: ids.r.packId, version: 1, submittedDate: '2026-07-10' }),
  'templates.list': (c, ids) => c.templates.list({ grantId: ids.grantId }),
  'templates.preview': (c, ids) => c.templates.preview({ id: ids.templateId }),
  'templates.starter': (c) => c.templates.starter({ kind: 'docx', locale: 'sv' }),
  'templates.upload': async (c, ids) =>
    c.templates.upload({
      name: 'Network narrative',
      language: 'en',
      funderId: ids.funderId,
      grantId: null,
      fileName: 'narrative.docx',
      contentBase64: Buffer.from(await starterBytes).toString('base64'),
    }),
  'templates.remove': (c, ids) => c.templates.remove({ id: ids.templateId }),
};

/** Some calls are refused for a reason other than the role (a partner in use): that is not FORBIDDEN. */
function conflictIsOk(error: unknown): string {
  if (error instanceof TRPCError && error.code === 'CONFLICT') return 'conflict';
  throw error;
}

/** findByAnswers under the sequential scheme answers VALIDATION once the role check has passed. */
function validationIsOk(error: unknown): string {
  if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return 'validation';
  throw error;
}

/** Calls that name another organisation's record by id must find nothing. */
const targetsARecord = new Set([
  'partners.update',
  'partners.delete',
  'projects.get',
  'projects.update',
  'projects.delete',
  'activities.get',
  'activities.update',
  'activities.delete',
  'sessions.list',
  'sessions.get',
  'sessions.create',
  'sessions.generate',
  'sessions.update',
  'sessions.delete',
  'sessions.headCount',
  'sessions.recordHeadCount',
  'outputs.list',
  'outputs.create',
  'outputs.update',
  'outputs.delete',
  'participants.get',
  'participants.update',
  'participants.erase',
  'enrollments.list',
  'enrollments.enrol',
  'register.get',
  'register.save',
  'funders.get',
  'funders.update',
  'funders.archive',
  'funders.restore',
  'members.setRole',
  'members.remove',
  'members.resetSecondFactor',
  'grants.get',
  'grants.update',
  'grants.changeStatus',
  'grants.budgetVsActual',
  'budget.lines',
  'budget.revisions',
  'budget.addLine',
  'budget.updateLine',
  'budget.removeLine',
  'budget.revise',
  'tranches.list',
  'tranches.create',
  'tranches.update',
  'tranches.remove',
  'expenditures.get',
  'expenditures.create',
  'expenditures.update',
  'expenditures.remove',
  'expenditures.removeReceipt',
  'match.list',
  'match.summary',
  'match.create',
  'match.update',
  'match.remove',
  'match.removeEvidence',
  'exchangeRates.remove',
  'deadlines.list',
  'deadlines.create',
  'deadlines.update',
  'deadlines.remove',
  'indicators.list',
  'indicators.get',
  'indicators.create',
  'indicators.update',
  'indicators.delete',
  'indicators.values',
  'indicators.setValue',
  'indicators.deleteValue',
  'outcomes.list',
  'outcomes.create',
  'outcomes.update',
  'outcomes.delete',
  'results.project',
  'results.grant',
  'results.periods',
  'reports.list',
  'reports.get',
  'reports.content',
  'reports.files',
  'reports.prepare',
  'reports.saveNarrative',
  'reports.saveExplanations',
  'reports.submit',
  'templates.list',
  'templates.preview',
  'templates.upload',
  'templates.remove',
]);

/** Procedures open without an organisation role, and why. */
const unscoped: Record<string, 'public' | 'signed-in'> = {
  'auth.signIn': 'public',
  'auth.session': 'public',
  'auth.pendingStage': 'public',
  'auth.verifySecondFactor': 'signed-in',
  'auth.secondFactorStatus': 'signed-in',
  'auth.beginEnrolment': 'signed-in',
  'auth.confirmEnrolment': 'signed-in',
  'auth.signOut': 'signed-in',
  'auth.switchOrganization': 'signed-in',
  'auth.setLocale': 'signed-in',
  'auth.setUsFormats': 'signed-in',
  'auth.changePassword': 'signed-in',
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { meta?: { permission?: Permission } } }
>;

function codeOf(error: unknown): string {
  return error instanceof TRPCError ? error.code : 'UNEXPECTED';
}

let opened: OpenedDatabase;
let orgId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
});

async function freshIds(): Promise<Ids> {
  const funder = await createTestFunder(opened.db, orgId, { name: 'Target' });
  const member = await createTestUser(opened.db, orgId, 'viewer');
  const money = await createTestGrantWithMoney(opened.db, orgId);
  const p = await createTestProgramme(opened.db, orgId);
  const r = await createTestResults(opened.db, orgId, {
    projectId: p.projectId,
    grantId: money.grantId,
    participantId: p.participantIds[0],
    activityId: p.activityId,
  });
  const matchId = await insertMatchContribution(opened.db, orgId, { grantId: money.grantId, ...contribution });
  const templateId = await insertFunderTemplate(opened.db, orgId, {
    funderId: funder.id,
    grantId: null,
    name: 'Target template',
    language: 'en',
    kind: 'docx',
    fileName: 'target.docx',
    content: await starterBytes,
    tags: ['grant.title'],
  });
  return { ...money, funderId: funder.id, memberId: member.id, matchId, templateId, p, r };
}

describe('every procedure declares who may call it', () => {
  it('is either listed as unscoped or names a permission covered by this matrix and the policy', () => {
    for (const [path, procedure] of Object.entries(procedures)) {
      if (path in unscoped) {
        expect(procedure._def.meta?.permission, path).toBeUndefined();
        expect(procedurePolicy[path], `${path} is unscoped but has a policy row`).toBeUndefined();
      } else {
        expect(procedure._def.meta?.permission, `${path} has no permission`).toBeDefined();
        expect(calls[path], `${path} is missing from the permission matrix`).toBeDefined();
        expect(procedurePolicy[path], `${path} has no row in test/policy.ts`).toBeDefined();
      }
    }
  });

  it('has no policy row or call for a procedure that no longer exists', () => {
    for (const path of [...Object.keys(procedurePolicy), ...Object.keys(calls)]) {
      expect(procedures[path], `${path} is not a procedure`).toBeDefined();
    }
  });
});

describe('signed-in procedures without a session', () => {
  const signedIn: Record<string, (caller: Caller) => Promise<unknown>> = {
    'auth.signOut': (c) => c.auth.signOut(),
    'auth.switchOrganization': (c) => c.auth.switchOrganization({ orgId }),
    'auth.setLocale': (c) => c.auth.setLocale({ locale: 'sv' }),
    'auth.setUsFormats': (c) => c.auth.setUsFormats({ usFormats: true }),
    'auth.changePassword': (c) => c.auth.changePassword({ currentPassword: 'x', newPassword: 'long enough now' }),
    'auth.verifySecondFactor': (c) => c.auth.verifySecondFactor({ code: '123456' }),
    'auth.secondFactorStatus': (c) => c.auth.secondFactorStatus(),
    'auth.beginEnrolment': (c) => c.auth.beginEnrolment(),
    'auth.confirmEnrolment': (c) => c.auth.confirmEnrolment({ code: '123456' }),
  };

  it('covers every signed-in procedure', () => {
    expect(Object.keys(signedIn).sort()).toEqual(
      Object.entries(unscoped)
        .filter(([, kind]) => kind === 'signed-in')
        .map(([path]) => path)
        .sort(),
    );
  });

  it.each(Object.keys(signedIn))('%s answers 401', async (path) => {
    const outcome = await signedIn[path]!(anonymousCaller(opened) as Caller).then(
      () => 'OK',
      (e: unknown) => codeOf(e),
    );
    expect(outcome).toBe('UNAUTHORIZED');
  });
});

describe.each(Object.keys(calls))('%s', (path) => {
  it.each(roles)('as %s, as the written policy says', async (role: Role) => {
    const { caller } = await callerFor(opened, orgId, role);
    const outcome = await calls[path]!(caller, await freshIds()).then(
      () => 'OK',
      (e: unknown) => codeOf(e),
    );
    expect(outcome).toBe(policyAllows(procedurePolicy[path], role) ? 'OK' : 'FORBIDDEN');
  });

  it('without a session', async () => {
    const outcome = await calls[path]!(anonymousCaller(opened) as Caller, await freshIds()).then(
      () => 'OK',
      (e: unknown) => codeOf(e),
    );
    expect(outcome).toBe('UNAUTHORIZED');
  });

  it('as an admin of another organisation, never reaching this one’s records', async () => {
    const otherOrg = await createTestOrganization(opened.db);
    const { caller } = await callerFor(opened, otherOrg.id, 'admin');
    const ids = await freshIds();
    const outcome = await calls[path]!(caller, ids).then(
      (result) => result,
      (e: unknown) => codeOf(e),
    );
    const text = JSON.stringify(outcome);
    for (const id of [
      ids.funderId,
      ids.memberId,
      ids.grantId,
      ids.trancheId,
      ids.expenditureId,
      ids.matchId,
      ids.templateId,
      ids.deadlineId,
      ids.lineA.id,
      ids.p.partnerId,
      ids.p.projectId,
      ids.p.activityId,
      ids.p.sessionIds[0],
      ids.p.participantIds[0],
      ...ids.p.participantCodes,
      orgId,
    ]) {
      expect(text).not.toContain(id);
    }
    if (targetsARecord.has(path)) expect(outcome).toBe('NOT_FOUND');
  });
});
