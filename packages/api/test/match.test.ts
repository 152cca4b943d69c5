import {
  findParticipantSettings,
  insertMatchContribution,
  listAuditEvents,
  type OpenedDatabase,
  updateParticipantSettings,
  upsertAttachedFile,
} from '@tessera/db';
import { type CreateMatchContributionInput, maxGrantTotalMinor, maxRecordMinor } from '@tessera/domain';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  callerFor,
  createTestDatabase,
  createTestOrganization,
  expectTrpcError,
  fieldErrorsOf,
  issuesOf,
} from './helpers';

/**
 * Issue 11 item 7: cost share and match. Contributions in cash and in kind, with source, date and
 * evidence, are recorded against a grant's required match; the summary (required, contributed,
 * remaining, share met) is a grant figure; the report pack carries the match for the period and
 * cumulatively, and the SF-425's line 10 i–k is filled from it.
 */
type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

const secretKey = new Uint8Array(32).fill(7);
const now = new Date('2026-11-21T10:00:00Z');

let opened: OpenedDatabase;
let orgId: string;
let finance: Caller;
let grantId: string;

async function as(role: 'admin' | 'coordinator' | 'finance' | 'viewer') {
  return (await callerFor(opened, orgId, role, { secretKey, now: () => now })).caller;
}

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  const { version, ...settings } = await findParticipantSettings(opened.db, orgId);
  await updateParticipantSettings(opened.db, orgId, version, { ...settings, codePrefix: 'ZR' });
  finance = await as('finance');
  const funder = await finance.funders.create({ name: 'U.S. Embassy Skopje', kind: 'government' });
  const grant = await finance.grants.create({
    funderId: funder.id,
    title: 'Legal aid clinics',
    currency: 'USD',
    amountMinor: 2_400_000,
    costShareMinor: 300_000,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    status: 'active',
  });
  grantId = grant.id;
});

const contribution = (over: Partial<CreateMatchContributionInput> = {}): CreateMatchContributionInput => ({
  grantId,
  kind: 'cash',
  source: 'Own funds',
  date: '2026-02-10',
  amountMinor: 50_000,
  description: null,
  evidenceReference: 'Bank statement 02/2026, line 14',
  ...over,
});

const hall = () =>
  contribution({
    kind: 'inKind',
    source: 'Municipality of Kumanovo',
    date: '2026-04-05',
    amountMinor: 120_000,
    description: 'Community hall for eight clinic days, at the municipality’s rental rate',
    evidenceReference: 'Letter 08-1123/2026',
  });

const auditCount = async () =>
  (await listAuditEvents(opened.db, orgId, { entity: 'match_contribution', limit: 100 })).length;

describe('recording contributions', () => {
  it('records cash and in kind and sums them against the required match', async () => {
    const cash = await finance.match.create(contribution());
    const inKind = await finance.match.create(hall());
    expect(inKind).toMatchObject({
      kind: 'inKind',
      source: 'Municipality of Kumanovo',
      amountMinor: 120_000,
      version: 1,
    });
    expect((await finance.match.list({ grantId })).map((c) => c.id)).toEqual([cash.id, inKind.id]);
    const summary = await (await as('viewer')).match.summary({ grantId });
    expect(summary).toEqual({
      requiredMinor: 300_000,
      cashMinor: 50_000,
      inKindMinor: 120_000,
      contributedMinor: 170_000,
      remainingMinor: 130_000,
      metShare: 170_000 / 300_000,
    });
    const events = await listAuditEvents(opened.db, orgId, { entity: 'match_contribution', limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['create', 'create']);
    expect(events.flatMap((e) => e.fields ?? [])).not.toContain('idempotencyKey');
  });

  it('makes one contribution per form submission: a retry with the same key gets the first', async () => {
    const first = await finance.match.create(contribution({ idempotencyKey: 'form-key-0001' }));
    const again = await finance.match.create(contribution({ idempotencyKey: 'form-key-0001' }));
    expect(again.id).toBe(first.id);
    expect(await finance.match.list({ grantId })).toHaveLength(1);
    expect(await auditCount()).toBe(1);
  });

  it('edits at the version seen, refuses a stale one, and removes', async () => {
    const made = await finance.match.create(hall());
    const edited = await finance.match.update({ ...hall(), id: made.id, version: 1, amountMinor: 110_000 });
    expect(edited).toMatchObject({ amountMinor: 110_000, version: 2 });
    await expectTrpcError(
      finance.match.update({ ...hall(), id: made.id, version: 1, amountMinor: 1 }),
      'CONFLICT',
      'STALE_VERSION',
    );
    await finance.match.remove({ id: made.id, version: 2 });
    expect(await finance.match.list({ grantId })).toEqual([]);
    const events = await listAuditEvents(opened.db, orgId, { entity: 'match_contribution', limit: 10 });
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
  });
});

describe('evidence files (uploaded over HTTP: apps/server/test/files.test.ts)', () => {
  it('are listed with the contribution, kept through an edit, and removed on their own with an audit event', async () => {
    const made = await finance.match.create(hall());
    await upsertAttachedFile(opened.db, orgId, 'evidence', {
      ownerId: made.id,
      fileName: 'letter.pdf',
      contentType: 'application/pdf',
      content: new Uint8Array(Buffer.from('%PDF-1.4 letter')),
    });
    const evidenceFile = { fileName: 'letter.pdf', contentType: 'application/pdf', size: 15 };
    expect((await finance.match.list({ grantId }))[0]?.evidenceFile).toEqual(evidenceFile);
    const edited = await finance.match.update({ ...hall(), id: made.id, version: 1, amountMinor: 110_000 });
    expect(edited.evidenceFile).toEqual(evidenceFile);

    const before = await auditCount();
    const after = await finance.match.removeEvidence({ id: made.id });
    expect(after.evidenceFile).toBeNull();
    expect(after.version).toBe(2);
    expect(await auditCount()).toBe(before + 1);
    // Removing what is already gone changes nothing and logs nothing.
    await finance.match.removeEvidence({ id: made.id });
    expect(await auditCount()).toBe(before + 1);
  });

  it('cannot be removed from another organisation’s contribution', async () => {
    const otherOrg = (await createTestOrganization(opened.db)).id;
    const other = await (await callerFor(opened, otherOrg, 'finance', { secretKey, now: () => now })).caller;
    const theirs = await other.funders.create({ name: 'Fund', kind: 'foundation' });
    const theirGrant = await other.grants.create({
      funderId: theirs.id,
      title: 'Theirs',
      currency: 'USD',
      amountMinor: 100_000,
      costShareMinor: 0,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      status: 'active',
    });
    const made = await other.match.create({ ...hall(), grantId: theirGrant.id });
    await expectTrpcError(finance.match.removeEvidence({ id: made.id }), 'NOT_FOUND');
  });
});

describe('bad input', () => {
  it('gets field errors, never a 500, and writes nothing', async () => {
    await finance.match.create(contribution());
    const before = await auditCount();

    const zero = await expectTrpcError(finance.match.create(contribution({ amountMinor: 0 })), 'BAD_REQUEST');
    expect(issuesOf(zero)).toEqual([['amountMinor', 'validation.positive']]);
    const kind = await expectTrpcError(finance.match.create(contribution({ kind: 'loan' as 'cash' })), 'BAD_REQUEST');
    expect(issuesOf(kind)).toEqual([['kind', 'validation.invalidChoice']]);
    const huge = await expectTrpcError(
      finance.match.create(contribution({ amountMinor: maxRecordMinor + 1 })),
      'BAD_REQUEST',
    );
    expect(issuesOf(huge)).toEqual([['amountMinor', 'validation.tooLarge']]);

    const outside = await expectTrpcError(
      finance.match.create(contribution({ date: '2027-01-05' })),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(outside)).toEqual({ date: ['validation.outsideGrantPeriod?start=2026-01-01&end=2026-12-31'] });

    const code = await expectTrpcError(
      finance.match.create(contribution({ description: 'Volunteer hours of ZR-0007 at the clinic' })),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(code)).toEqual({
      description: [`validation.mentionsCode?code=${encodeURIComponent('ZR-0007')}`],
    });

    // One record may hold 10^13; the grant's contributions together may not pass it either.
    const overTotal = await expectTrpcError(
      finance.match.create(contribution({ amountMinor: maxGrantTotalMinor })),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(Object.keys(fieldErrorsOf(overTotal) ?? {})).toEqual(['amountMinor']);
    expect(fieldErrorsOf(overTotal)?.amountMinor?.[0]).toMatch(/^validation\.overGrantTotal\?max=/);

    expect(await finance.match.list({ grantId })).toHaveLength(1);
    expect(await auditCount()).toBe(before);
  });

  it('lists a contribution holding a code from before the rule among the admin’s code findings', async () => {
    const id = await insertMatchContribution(opened.db, orgId, {
      ...contribution(),
      source: 'Volunteer ZR-0007',
      description: null,
      evidenceReference: null,
    });
    const findings = await (await as('admin')).organization.codeFindings();
    expect(findings.filter((f) => f.id === id)).toEqual([
      expect.objectContaining({ kind: 'matchContribution', field: 'source' }),
    ]);
  });

  it('finds nothing of another organisation’s grant', async () => {
    const otherOrg = await createTestOrganization(opened.db);
    const stranger = (await callerFor(opened, otherOrg.id, 'admin')).caller;
    await expectTrpcError(stranger.match.create(contribution()), 'NOT_FOUND');
    await expectTrpcError(stranger.match.summary({ grantId }), 'NOT_FOUND');
    expect(await finance.match.list({ grantId })).toEqual([]);
  });
});

describe('the report pack and the SF-425', () => {
  it('carry the match for the period and cumulatively; line 10 j is the recipient share to date, k = i − j', async () => {
    await finance.match.create(contribution());
    await finance.match.create(hall());
    await finance.match.create(contribution({ date: '2026-08-01', amountMinor: 30_000, evidenceReference: null }));

    const pack = await finance.reports.prepare({ grantId, from: '2026-04-01', to: '2026-06-30' });
    const content = await finance.reports.content({ id: pack.id });
    expect(content.finance.match).toEqual({
      period: { cashMinor: 0, inKindMinor: 120_000, contributedMinor: 120_000 },
      toDate: {
        requiredMinor: 300_000,
        cashMinor: 50_000,
        inKindMinor: 120_000,
        contributedMinor: 170_000,
        remainingMinor: 130_000,
        metShare: 170_000 / 300_000,
      },
    });
    const toDate = await sql<{ s: number }>`
      select coalesce(sum(amount_minor), 0) as s from match_contribution
      where org_id = ${orgId} and grant_id = ${grantId} and date <= '2026-06-30'`.execute(opened.db);
    const lines = content.sf425!.lines;
    expect(lines.i).toBe(300_000);
    expect(lines.j).toBe(Number(toDate.rows[0]?.s));
    expect(lines.k).toBe(130_000);
  });
});
