import type { OpenedDatabase } from '@tessera/db';
import { findGrantByReference, findOrganizationBySlug, listDeadlines, measure } from '@tessera/db';
import { createTestGrantWithMoney, createTestOrganization, createTestProgramme } from '@tessera/db/testing';
import { noFilter, type ReportPackContent, type Shown, shownText } from '@tessera/domain';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed-demo';
import { callerFor, createTestDatabase, expectTrpcError, fieldErrorsOf, issuesOf } from './helpers';

const text = (s: Shown | null | undefined) => (s ? shownText(s) : null);
const secretKey = new Uint8Array(32).fill(7);
const now = new Date('2026-11-21T10:00:00Z');

let opened: OpenedDatabase;
let orgId: string;
let embassy: { id: string; startDate: string; endDate: string };
let network: { id: string; startDate: string; endDate: string };

async function as(role: 'admin' | 'coordinator' | 'finance' | 'viewer') {
  return (await callerFor(opened, orgId, role, { secretKey, now: () => now })).caller;
}

beforeAll(async () => {
  opened = await createTestDatabase();
  await seedDemo(opened.db, now, secretKey);
  orgId = (await findOrganizationBySlug(opened.db, 'demo'))!.id;
  embassy = (await findGrantByReference(opened.db, orgId, 'S-MK100-26-GR-014'))!;
  network = (await findGrantByReference(opened.db, orgId, 'BCRN-SG-2026-07'))!;
});

describe('the embassy grant report pack', () => {
  let content: ReportPackContent;
  beforeAll(async () => {
    const finance = await as('finance');
    const pack = await finance.reports.prepare({ grantId: embassy.id, from: embassy.startDate, to: embassy.endDate });
    content = await finance.reports.content({ id: pack.id });
  });

  it('shows 20 participants, 1,600 participant hours and 20 completions for the career training', () => {
    const training = content.activities.find((a) => a.reference === 'CT-1');
    expect(training).toBeDefined();
    expect(text(training?.participants)).toBe('20');
    expect(text(training?.participantHours)).toBe('1600');
    expect(text(training?.completions)).toBe('20');
    expect(training?.sessionsHeld).toBe(16);
    expect(training?.hoursDelivered).toBe(80);
    expect(text(content.reach.participants)).toBe('20');
    expect(text(content.reach.participantHours)).toBe('1600');
    expect(text(content.reach.completions)).toBe('20');
    expect(content.empty).toBe(false);
    expect(content.outputs.map((o) => [o.title, o.quantity])).toEqual([['Individual career plans', 20]]);
  });

  it('has a cover with the organisation and the funder reference, and the indicator table', () => {
    expect(content.organization.name).toBe('Zora Collective');
    expect(content.grant.reference).toBe('S-MK100-26-GR-014');
    const byCode = new Map(content.indicators.map((i) => [i.code, i]));
    expect(text(byCode.get('1.1')?.actual)).toBe('20');
    expect(byCode.get('1.1')?.achievedLife).toBe(100);
    expect(text(byCode.get('1.2')?.actual)).toBe('1600');
    expect(text(byCode.get('2.2')?.actual)).toBe('100');
    // 17 of 20 entered by hand: 85 %, from a baseline of 30 towards 75 → (85−30)/(75−30).
    expect(text(byCode.get('3.1')?.actual)).toBe('85');
    expect(byCode.get('3.1')?.achievedLife).toBeCloseTo(((85 - 30) / (75 - 30)) * 100, 6);
    // Employment outcomes are on record for women dated up to today; fewer than k are hidden.
    const employed = byCode.get('2.1')?.actual;
    expect(employed).not.toBeNull();
  });

  it('reconciles SF-425 line 10 with the ledger', async () => {
    expect(content.sf425).not.toBeNull();
    const lines = content.sf425!.lines;
    const ledger = await sql<{ spent: number }>`
      select coalesce(sum(amount_grant_minor), 0) as spent from expenditure
      where org_id = ${orgId} and grant_id = ${embassy.id} and date <= ${embassy.endDate}`.execute(opened.db);
    const received = await sql<{ received: number }>`
      select coalesce(sum(received_amount_minor), 0) as received from tranche
      where org_id = ${orgId} and grant_id = ${embassy.id} and received_date is not null`.execute(opened.db);
    // At the actual rate (ADR 0016): MKD 621,000 at the 53.9 the federal cash was banked at is
    // USD 11,521.34, not the USD 11,500.00 the rate table's 54 gave the ledger.
    expect(Number(ledger.rows[0]?.spent)).toBe(1_150_000);
    expect(lines.b).toBe(1_152_134);
    expect(lines.a).toBe(Number(received.rows[0]?.received));
    expect(lines.c).toBe(lines.a - lines.b);
    expect(lines.d).toBe(2_400_000);
    expect(lines.e).toBe(lines.b);
    expect(lines.g).toBe(lines.e + lines.f);
    expect(lines.h).toBe(lines.d - lines.g);
    expect(lines.k).toBe(lines.i - lines.j);
    expect(lines.o).toBe(lines.l - lines.m - lines.n);
    expect(lines.c).toBe(47_866);
    // The finance part keeps the ledger's figures and says the difference between the two.
    const spent = Number(ledger.rows[0]?.spent);
    expect(content.finance.cash.spentMinor).toBe(spent);
    expect(content.finance.total.spentToDateMinor).toBe(spent);
    expect(content.finance.lines.reduce((s, l) => s + l.spentToDateMinor, 0)).toBe(spent);
    expect(content.finance.exchange).toMatchObject({
      rateOfReceipt: '53.9',
      differenceMinor: spent - lines.b,
      differenceBaseMinor: -115_000,
      onHandAtActualRatesMinor: lines.c,
    });
  });

  it('never contains a participant code or id', async () => {
    const ids = await sql<{
      id: string;
      code: string;
    }>`select id, code from participant where org_id = ${orgId}`.execute(opened.db);
    const json = JSON.stringify(content);
    for (const p of ids.rows) {
      expect(json).not.toContain(p.id);
      expect(json).not.toContain(p.code);
    }
    expect(json).not.toContain('Signal, via the drop-in centre');
  });
});

describe('a pack with a workshop of 3 participants from one city', () => {
  it('shows "x" for the workshop and in the city breakdown, with a complementary cell hidden', async () => {
    const coordinator = await as('coordinator');
    const pack = await coordinator.reports.prepare({
      grantId: network.id,
      from: network.startDate,
      to: network.endDate,
    });
    const content = await coordinator.reports.content({ id: pack.id });
    const strumica = content.activities.find((a) => a.reference === 'DS-STR');
    expect(text(strumica?.participants)).toBe('x');
    expect(text(strumica?.participantHours)).toBe('x');
    const byCity = content.reach.breakdowns.find((b) => b.dimension === 'city');
    const row = byCity?.rows.find((r) => r.key === 'Strumica');
    expect(text(row?.participants)).toBe('x');
    expect(text(row?.hours)).toBe('x');
    // With the column total shown, at least two cells of the column are hidden.
    expect(byCity?.rows.filter((r) => r.participants.suppressed).length).toBeGreaterThanOrEqual(2);
  });

  it('follows the organisation threshold', async () => {
    const admin = await as('admin');
    const settings = await admin.participants.settings();
    await admin.participants.saveSettings({ ...settings, suppressionThreshold: 2 });
    try {
      const pack = await admin.reports.prepare({ grantId: network.id, from: network.startDate, to: network.endDate });
      const content = await admin.reports.content({ id: pack.id });
      // Three completions are shown at k = 2 (hidden at 5). The workshop's three people stay
      // hidden here: Skopje's workshop (9) differs by one person from a wider figure of the
      // organisation, so its row is withheld and Strumica's is the smallest partner in its column.
      const strumica = content.activities.find((a) => a.reference === 'DS-STR');
      expect(text(strumica?.completions)).toBe('3');
      expect(text(content.reach.participants)).toBe('20');
    } finally {
      const again = await admin.participants.settings();
      await admin.participants.saveSettings({ ...again, suppressionThreshold: 5 });
    }
  });
});

describe('periods and grants', () => {
  it('accepts a period with no data and says so', async () => {
    const finance = await as('finance');
    // A grant with money but no activities: its last quarter (a lattice period) holds nothing.
    const { grantId } = await createTestGrantWithMoney(opened.db, orgId);
    const pack = await finance.reports.prepare({ grantId, from: '2026-10-01', to: '2026-12-31' });
    const content = await finance.reports.content({ id: pack.id });
    expect(content.empty).toBe(true);
    expect(content.activities).toEqual([]);
    expect(text(content.reach.participants)).toBe('0');
  });

  it('refuses a period that ends before it starts, on the "to" field', async () => {
    const finance = await as('finance');
    const error = await expectTrpcError(
      finance.reports.prepare({ grantId: embassy.id, from: '2026-06-30', to: '2026-01-01' }),
      'BAD_REQUEST',
    );
    expect(issuesOf(error)).toEqual([['to', 'validation.endBeforeStart']]);
  });

  it('refuses another organisation’s grant as not found', async () => {
    const other = await createTestOrganization(opened.db, { slug: 'other-reports' });
    const { caller } = await callerFor(opened, other.id, 'finance', { secretKey, now: () => now });
    await expectTrpcError(
      caller.reports.prepare({ grantId: embassy.id, from: '2026-01-01', to: '2026-03-31' }),
      'NOT_FOUND',
    );
    const pack = await (await as('finance')).reports.prepare({
      grantId: embassy.id,
      from: embassy.startDate,
      to: embassy.endDate,
    });
    await expectTrpcError(caller.reports.content({ id: pack.id }), 'NOT_FOUND');
  });
});

describe('narrative and submission', () => {
  it('saves a draft, refuses a stale save, and closes the matching deadline on submit', async () => {
    const finance = await as('finance');
    const deadlines = await listDeadlines(opened.db, orgId, { grantId: embassy.id, openOnly: true });
    const open = deadlines.find((d) => d.kind === 'narrative')!;
    const pack = await finance.reports.prepare({ grantId: embassy.id, from: open.periodStart, to: open.periodEnd });
    expect(pack.deadlineId).toBe(open.id);
    const saved = await finance.reports.saveNarrative({
      id: pack.id,
      version: pack.version,
      sections: [{ key: 'summary', body: 'Обуката заврши: 20 жени.' }],
    });
    expect(saved.narrative).toEqual([{ key: 'summary', body: 'Обуката заврши: 20 жени.' }]);
    await expectTrpcError(
      finance.reports.saveNarrative({ id: pack.id, version: pack.version, sections: [{ key: 'summary', body: 'x' }] }),
      'CONFLICT',
    );
    const submitted = await finance.reports.submit({
      id: pack.id,
      version: saved.version,
      submittedDate: '2026-11-20',
    });
    expect(submitted.status).toBe('submitted');
    const after = await listDeadlines(opened.db, orgId, { grantId: embassy.id });
    expect(after.find((d) => d.id === open.id)?.submittedDate).toBe('2026-11-20');
    const error = await expectTrpcError(
      finance.reports.saveNarrative({
        id: pack.id,
        version: submitted.version,
        sections: [{ key: 'summary', body: 'x' }],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual({ id: ['validation.packSubmitted'] });
  });

  it('lets a viewer read packs but not write them', async () => {
    const viewer = await as('viewer');
    const list = await viewer.reports.list({ grantId: embassy.id });
    expect(list.length).toBeGreaterThan(0);
    await expectTrpcError(
      viewer.reports.prepare({ grantId: embassy.id, from: '2026-01-01', to: '2026-02-01' }),
      'FORBIDDEN',
    );
  });
});

describe('indicators and results', () => {
  it('computes derived indicators in the database and suppresses them for finance only', async () => {
    const coordinator = await as('coordinator');
    const finance = await as('finance');
    const projects = await coordinator.projects.list();
    const digital = projects.find((p) => p.title === 'Digital rights and safety')!;
    const period = { projectId: digital.id, from: digital.startDate, to: digital.endDate };
    const exact = await coordinator.results.project(period);
    const hidden = await finance.results.project(period);
    const trainedExact = exact.rows.find((r) => r.code === 'D1')!;
    const trainedHidden = hidden.rows.find((r) => r.code === 'D1')!;
    expect(exact.suppressionThreshold).toBeNull();
    expect(hidden.suppressionThreshold).toBe(5);
    const strumica = (rows: typeof trainedExact) =>
      rows.disaggregation.find((d) => d.dimension === 'city')?.rows.find((r) => r.key === 'Strumica')?.value;
    expect(text(strumica(trainedExact))).toBe('3');
    expect(text(strumica(trainedHidden))).toBe('x');
    expect(text(trainedExact.actual)).toBe(text(trainedHidden.actual));
    expect(text(exact.rows.find((r) => r.code === 'D2')?.actual)).toBe('5');
  });

  it('validates indicators field by field and refuses a duplicate code', async () => {
    const coordinator = await as('coordinator');
    const base = {
      projectId: null,
      grantId: embassy.id,
      level: 'output' as const,
      resultStatement: null,
      code: '1.1',
      name: 'Duplicate',
      definition: null,
      unit: 'people',
      type: 'percentage' as const,
      direction: 'increase' as const,
      baselineValue: 120,
      baselineYear: null,
      baselineComment: null,
      lifeTarget: null,
      targets: [{ periodStart: '2026-06-30', periodEnd: '2026-01-01', target: 3 }],
      dataSource: null,
      collectionMethod: null,
      frequency: null,
      responsible: null,
      disaggregation: [],
      source: 'derived' as const,
      numerator: null,
      denominator: null,
    };
    const error = await expectTrpcError(coordinator.indicators.create(base), 'BAD_REQUEST');
    expect(new Map(issuesOf(error))).toEqual(
      new Map([
        ['numerator', 'validation.required'],
        ['denominator', 'validation.required'],
        ['baselineValue', 'validation.percentage'],
        ['targets.0.periodEnd', 'validation.endBeforeStart'],
      ]),
    );
    const duplicate = await expectTrpcError(
      coordinator.indicators.create({ ...base, type: 'number', baselineValue: 0, targets: [], source: 'manual' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(duplicate)).toEqual({ code: ['validation.indicatorCode'] });
  });

  it('keeps outcome records to admin and coordinator and clears their text on erasure', async () => {
    const admin = await as('admin');
    const p = await createTestProgramme(opened.db, orgId);
    const created = await admin.outcomes.create({
      participantId: p.participantIds[0],
      activityId: p.activityId,
      kind: 'score',
      date: '2026-03-10',
      scoreBefore: 4,
      scoreAfter: 8,
      description: 'Quiz',
    });
    expect(created).toMatchObject({ kind: 'score', scoreBefore: 4, scoreAfter: 8 });
    const noScore = await expectTrpcError(
      admin.outcomes.create({
        participantId: p.participantIds[0],
        activityId: null,
        kind: 'score',
        date: '2026-03-10',
        scoreBefore: null,
        scoreAfter: 8,
        description: null,
      }),
      'BAD_REQUEST',
    );
    expect(issuesOf(noScore)).toEqual([['scoreBefore', 'validation.required']]);
    await expectTrpcError((await as('finance')).outcomes.list({ participantId: p.participantIds[0] }), 'FORBIDDEN');
    await admin.participants.erase({ id: p.participantIds[0], version: 1 });
    const after = await admin.outcomes.list({ participantId: p.participantIds[0] });
    expect(after).toHaveLength(1);
    expect(after[0]?.description).toBeNull();
    expect(after[0]?.scoreAfter).toBe(8);
  });
});

describe('derived measures by period', () => {
  it('counts a completion in the period the threshold is reached, so periods add up', async () => {
    const coordinator = await as('coordinator');
    const p = await createTestProgramme(opened.db, orgId);
    // 600 minutes planned, threshold 80 %: 480 minutes complete. Two sessions of 300 minutes.
    await coordinator.register.save({
      sessionId: p.sessionIds[0],
      version: 1,
      entries: [
        { participantId: p.participantIds[0], status: 'present' },
        { participantId: p.participantIds[1], status: 'present' },
      ],
    });
    await coordinator.register.save({
      sessionId: p.sessionIds[1],
      version: 1,
      entries: [
        { participantId: p.participantIds[0], status: 'present' },
        { participantId: p.participantIds[1], status: 'absent' },
      ],
    });
    const scope = { projectId: p.projectId };
    const total = async (m: 'completions' | 'uniqueParticipants' | 'participantHours', from: string, to: string) =>
      (await measure(opened.db, orgId, scope, { measure: m, filter: noFilter }, { from, to })).reduce(
        (s, r) => s + r.value,
        0,
      );
    expect(await total('completions', '2026-03-01', '2026-03-03')).toBe(0);
    expect(await total('completions', '2026-03-04', '2026-03-31')).toBe(1);
    expect(await total('completions', '2026-03-01', '2026-03-31')).toBe(1);
    expect(await total('uniqueParticipants', '2026-03-01', '2026-03-03')).toBe(2);
    expect(await total('uniqueParticipants', '2026-03-04', '2026-03-31')).toBe(1);
    expect(await total('uniqueParticipants', '2026-03-01', '2026-03-31')).toBe(2);
    expect(await total('participantHours', '2026-03-01', '2026-03-31')).toBe(15);
    const byGender = await measure(
      opened.db,
      orgId,
      scope,
      { measure: 'uniqueParticipants', filter: noFilter },
      { from: '2026-03-01', to: '2026-03-31' },
      'gender',
    );
    expect(byGender).toEqual([{ key: 'woman', value: 2 }]);
    // Sessions have no gender: asking for that split gives nothing rather than a wrong figure.
    expect(
      await measure(
        opened.db,
        orgId,
        scope,
        { measure: 'sessionsHeld', filter: noFilter },
        { from: '2026-03-01', to: '2026-03-31' },
        'gender',
      ),
    ).toEqual([]);
  });
});

describe('no hidden count can be recovered by subtraction', () => {
  /** A column whose total is shown must hide none or at least two of its cells. */
  const expectProtected = (cells: (Shown | null)[], total: Shown | null, what: string) => {
    const hidden = cells.filter((c) => c?.suppressed).length;
    if (total && !total.suppressed) expect(hidden === 0 || hidden >= 2, what).toBe(true);
  };

  it('across the activities table and the reach totals of a pack', async () => {
    const finance = await as('finance');
    const pack = await finance.reports.prepare({ grantId: network.id, from: network.startDate, to: network.endDate });
    const content = await finance.reports.content({ id: pack.id });
    const rows = content.activities;
    expect(text(rows.find((a) => a.reference === 'DS-STR')?.participants)).toBe('x');
    expectProtected(
      rows.map((r) => r.participants),
      content.reach.participants,
      'participants',
    );
    expectProtected(
      rows.map((r) => r.completions),
      content.reach.completions,
      'completions',
    );
    expectProtected(
      rows.map((r) => r.participantHours),
      content.reach.participantHours,
      'hours',
    );
    expectProtected(
      rows.map((r) => r.headCount),
      content.reach.headCount,
      'head counts',
    );
    for (const b of content.reach.breakdowns) {
      expectProtected(
        b.rows.map((r) => r.participants),
        b.total.participants,
        `${b.dimension} participants`,
      );
    }
  });

  it('across an indicator’s series, its actual and its cumulative', async () => {
    const finance = await as('finance');
    // Every period finance may ask for (the lattice, ADR 0012).
    for (const period of (await finance.results.periods({ grantId: embassy.id })).periods) {
      const view = await finance.results.grant({ grantId: embassy.id, from: period.from, to: period.to });
      for (const row of view.rows.filter((r) => r.type === 'number')) {
        expectProtected(
          row.series.map((p) => p.actual),
          row.cumulative,
          `${row.code} series`,
        );
        if (row.actual?.suppressed) expect(row.achievedPeriod, `${row.code} % of a hidden actual`).toBeNull();
      }
    }
  });
});

describe('what a narrative may say', () => {
  it('refuses a participant code in the narrative, on the section that has it', async () => {
    const finance = await as('finance');
    const pack = await finance.reports.prepare({ grantId: embassy.id, from: embassy.startDate, to: embassy.endDate });
    const error = await expectTrpcError(
      finance.reports.saveNarrative({
        id: pack.id,
        version: pack.version,
        sections: [
          { key: 'summary', body: 'Twenty women finished the training.' },
          { key: 'outcomes', body: 'ZR-0003 found work in March.' },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual({ 'sections.1.body': ['validation.mentionsCode?code=ZR-0003'] });
    const unchanged = await finance.reports.get({ id: pack.id });
    expect(unchanged.narrative).toEqual([]);
    expect(unchanged.version).toBe(pack.version);
  });
});

describe('hand-entered values', () => {
  it('are hidden below k where they leave the organisation, and never counted twice', async () => {
    const coordinator = await as('coordinator');
    const finance = await as('finance');
    // A grant of the calendar year 2026, so that its quarters are periods finance may ask for.
    const { grantId } = await createTestGrantWithMoney(opened.db, orgId);
    const indicator = await coordinator.indicators.create({
      projectId: null,
      grantId,
      level: 'outcome',
      resultStatement: null,
      code: 'M-1',
      name: 'Women referred to legal aid',
      definition: null,
      unit: 'women',
      type: 'number',
      direction: 'increase',
      baselineValue: 0,
      baselineYear: null,
      baselineComment: null,
      lifeTarget: 20,
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
    const value = (periodStart: string, periodEnd: string, v: number) =>
      coordinator.indicators.setValue({
        indicatorId: indicator.id,
        periodStart,
        periodEnd,
        value: v,
        numerator: null,
        denominator: null,
        comment: null,
      });
    await value('2026-01-01', '2026-03-31', 3);
    await value('2026-04-01', '2026-06-30', 9);
    await value('2026-01-01', '2026-06-30', 12);
    const q1 = { grantId, from: '2026-01-01', to: '2026-03-31' };
    const pick = (rows: { code: string; actual: Shown | null }[]) => text(rows.find((r) => r.code === 'M-1')?.actual);
    expect(pick((await coordinator.results.grant(q1)).rows)).toBe('3');
    expect(pick((await finance.results.grant(q1)).rows)).toBe('x');
    const half = { grantId, from: '2026-01-01', to: '2026-06-30' };
    expect(pick((await coordinator.results.grant(half)).rows)).toBe('12');
    const year = { grantId, from: '2026-01-01', to: '2026-12-31' };
    expect(pick((await coordinator.results.grant(year)).rows)).toBe('12');
    await coordinator.indicators.delete({ id: indicator.id, version: indicator.version });
  });
});
