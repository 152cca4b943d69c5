import { findOrganizationBySlug, type OpenedDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { addDays, todayIn } from '@tessera/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed-demo';
import { callerFor, createTestDatabase, expectTrpcError, fieldErrorsOf, issuesOf } from './helpers';

let opened: OpenedDatabase;
let demoId: string;
const now = new Date();
const today = todayIn('Europe/Skopje', now);

async function demoCaller(role: 'admin' | 'finance' | 'coordinator' | 'viewer') {
  return (await callerFor(opened, demoId, role)).caller;
}

async function grantByReference(reference: string) {
  const caller = await demoCaller('finance');
  const [grant] = await caller.grants.list({ search: reference });
  if (!grant) throw new Error(`no demo grant ${reference}`);
  return grant;
}

beforeEach(async () => {
  opened = await createTestDatabase();
  await seedDemo(opened.db, now);
  demoId = (await findOrganizationBySlug(opened.db, 'demo'))!.id;
});

describe('the demo embassy grant, checked by hand', () => {
  it('has the budget vs actual worked out in docs/demo-data.md', async () => {
    const grant = await grantByReference('S-MK100-26-GR-014');
    const bva = await (await demoCaller('viewer')).grants.budgetVsActual({ grantId: grant.id });
    expect(bva.currency).toBe('USD');
    expect(bva.baseCurrency).toBe('MKD');
    expect(
      bva.lines.map((l) => [l.code, l.budgetMinor, l.spentMinor, l.remainingMinor, l.spentBaseMinor, l.overspent]),
    ).toEqual([
      ['1', 960_000, 300_000, 660_000, 16_200_000, false],
      ['2', 720_000, 360_000, 360_000, 19_440_000, false],
      ['3', 400_000, 300_000, 100_000, 16_200_000, false],
      ['4', 120_000, 150_000, -30_000, 8_100_000, true],
      ['5', 200_000, 40_000, 160_000, 2_160_000, false],
    ]);
    expect(bva.total).toMatchObject({
      budgetMinor: 2_400_000,
      spentMinor: 1_150_000,
      remainingMinor: 1_250_000,
      spentBaseMinor: 62_100_000,
    });
    expect(bva.total.spentShare).toBeCloseTo(1_150_000 / 2_400_000, 10);
    expect(bva.cash).toEqual({
      receivedMinor: 1_200_000,
      receivedBaseMinor: 64_680_000,
      spentMinor: 1_150_000,
      spentBaseMinor: 62_100_000,
      onHandMinor: 50_000,
      onHandBaseMinor: 2_580_000,
    });
    // The two cash columns reconcile through the realised exchange loss (ADR 0016).
    expect(bva.exchange).toMatchObject({
      rateOfReceipt: '53.9',
      onHandAtReceiptRateBaseMinor: 2_695_000,
      differenceBaseMinor: -115_000,
      differenceMinor: -2_134,
      onHandAtActualRatesMinor: 47_866,
    });
    // Eight of twelve months have begun: the grant is a little under two thirds through.
    expect(bva.elapsedShare).toBeGreaterThan(0.6);
    expect(bva.elapsedShare).toBeLessThan(0.75);
    expect(grant).toMatchObject({ spentMinor: 1_150_000, receivedMinor: 1_200_000, status: 'active' });
  });

  it('keeps the original budget and each revision of the network sub-grant', async () => {
    const grant = await grantByReference('BCRN-SG-2026-07');
    const caller = await demoCaller('coordinator');
    const lines = await caller.budget.lines({ grantId: grant.id });
    expect(lines.map((l) => [l.code, l.originalAmountMinor, l.amountMinor])).toEqual([
      ['A1', 450_000, 500_000],
      ['A2', 250_000, 250_000],
      ['A3', 100_000, 50_000],
    ]);
    const [revision] = await caller.budget.revisions({ grantId: grant.id });
    expect(revision?.changes.map((c) => [c.code, c.amountBeforeMinor, c.amountAfterMinor])).toEqual([
      ['A1', 450_000, 500_000],
      ['A3', 100_000, 50_000],
    ]);
    const bva = await caller.grants.budgetVsActual({ grantId: grant.id });
    expect(bva.total).toMatchObject({ budgetMinor: 800_000, spentMinor: 325_000, spentBaseMinor: 19_987_500 });
  });

  it('shows the real rate of each received tranche, and the one still expected', async () => {
    const grant = await grantByReference('S-MK100-26-GR-014');
    const tranches = await (await demoCaller('viewer')).tranches.list({ grantId: grant.id });
    expect(tranches.map((t) => [t.expectedAmountMinor, t.receivedAmountMinor, t.receivedRate])).toEqual([
      [1_200_000, 1_200_000, '53.9'],
      [1_200_000, null, null],
    ]);
  });

  it('puts one overdue and one next-month deadline on the dashboard', async () => {
    const dashboard = await (await demoCaller('finance')).grants.dashboard();
    expect(dashboard.overdue.map((d) => [d.grantReference, d.kind, d.dueDate])).toEqual([
      ['S-MK100-26-GR-014', 'financial', addDays(today, -10)],
    ]);
    expect(dashboard.dueSoon.map((d) => [d.grantReference, d.kind, d.dueDate])).toEqual([
      ['S-MK100-26-GR-014', 'narrative', addDays(today, 30)],
    ]);
    expect(dashboard.endingSoon.map((g) => g.reference)).toEqual(['BCRN-SG-2026-07']);
    expect(dashboard.totals).toEqual([
      {
        currency: 'EUR',
        grants: 2,
        awardedMinor: 2_300_000,
        receivedMinor: 2_300_000,
        spentMinor: 325_000 + 170_000,
        remainingMinor: 2_300_000 - 495_000,
      },
      {
        currency: 'USD',
        grants: 1,
        awardedMinor: 2_400_000,
        receivedMinor: 1_200_000,
        spentMinor: 1_150_000,
        remainingMinor: 1_250_000,
      },
    ]);
    const usd = dashboard.spending.find((s) => s.currency === 'USD');
    expect(usd?.points.at(-1)?.cumulativeSpentMinor).toBe(1_150_000);
    expect(usd?.points.at(-1)?.cumulativePlannedMinor).toBe(2_400_000);
    expect(usd?.points).toHaveLength(12);
  });
});

describe('recording money', () => {
  it('converts an MKD expenditure on a USD grant at the table rate, keeps the base amount, and flags overspending', async () => {
    const grant = await grantByReference('S-MK100-26-GR-014');
    const caller = await demoCaller('finance');
    const lines = await caller.budget.lines({ grantId: grant.id });
    const materials = lines.find((l) => l.code === '4')!;
    const extra = {
      grantId: grant.id,
      budgetLineId: materials.id,
      date: addDays(grant.startDate, 40),
      payee: 'Print Studio Vardar',
      description: 'Extra certificates',
      amountMinor: 540_000, // MKD 5,400.00 = USD 100.00 at 54
      currency: 'MKD',
    };
    // It takes line 4 past its budget: refused until the user confirms, naming the line and how far.
    const ledgerSize = async () => (await caller.expenditures.list({ grantId: grant.id })).total;
    const sizeBefore = await ledgerSize();
    const error = await expectTrpcError(caller.expenditures.create(extra), 'BAD_REQUEST', 'VALIDATION');
    expect(fieldErrorsOf(error)).toEqual({
      confirmOverBudget: [expect.stringMatching(/^validation\.overBudget\?code=4&over=\d+\.\d\d&currency=USD$/)],
    });
    expect(await ledgerSize()).toBe(sizeBefore);
    const saved = await caller.expenditures.create({ ...extra, confirmOverBudget: true });
    expect(saved.expenditure).toMatchObject({
      amountGrantMinor: 10_000,
      amountBaseMinor: 540_000,
      rateSource: 'table',
    });
    expect(saved.warnings).toEqual(['overspent']);
    const typed = await caller.expenditures.create({
      grantId: grant.id,
      budgetLineId: lines.find((l) => l.code === '5')!.id,
      date: addDays(grant.startDate, 41),
      payee: 'Taxi',
      description: 'Trainer transport',
      amountMinor: 100_000,
      currency: 'MKD',
      rate: { per: 'MKD', value: '0.0185' },
    });
    expect(typed.expenditure).toMatchObject({ amountGrantMinor: 1_850, rateSource: 'typed', rateToGrant: '0.0185' });
    expect(typed.warnings).toEqual([]);
    const bva = await caller.grants.budgetVsActual({ grantId: grant.id });
    expect(bva.total.spentMinor).toBe(1_150_000 + 10_000 + 1_850);
  });

  it('refuses what it cannot convert or place, field by field, saving nothing', async () => {
    const grant = await grantByReference('S-MK100-26-GR-014');
    const other = await grantByReference('BCRN-SG-2026-07');
    const caller = await demoCaller('finance');
    const [line] = await caller.budget.lines({ grantId: grant.id });
    const [otherLine] = await caller.budget.lines({ grantId: other.id });
    const base = {
      grantId: grant.id,
      budgetLineId: line!.id,
      date: addDays(grant.startDate, 5),
      payee: 'P',
      description: 'D',
      amountMinor: 1000,
      currency: 'MKD',
    };
    const before = (await caller.expenditures.list({ grantId: grant.id })).total;

    const noRate = await expectTrpcError(
      caller.expenditures.create({ ...base, currency: 'SEK' }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(noRate)).toEqual({ rate: ['validation.noRate?from=SEK&to=USD'] });
    const outside = await expectTrpcError(
      caller.expenditures.create({ ...base, date: addDays(grant.endDate, 1) }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(Object.keys(fieldErrorsOf(outside) ?? {})).toEqual(['date']);
    const wrongLine = await expectTrpcError(
      caller.expenditures.create({ ...base, budgetLineId: otherLine!.id }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(wrongLine)).toEqual({ budgetLineId: ['validation.wrongGrant'] });
    await expectTrpcError(caller.expenditures.create({ ...base, amountMinor: -5 }), 'BAD_REQUEST', 'VALIDATION');
    await expectTrpcError(caller.expenditures.create({ ...base, amountMinor: 10.5 }), 'BAD_REQUEST', 'VALIDATION');
    await expectTrpcError(caller.expenditures.create({ ...base, currency: 'XXX1' }), 'BAD_REQUEST', 'VALIDATION');
    expect((await caller.expenditures.list({ grantId: grant.id })).total).toBe(before);
  });

  it('requires the three parts of a received tranche together and reports the bank’s rate', async () => {
    const grant = await grantByReference('S-MK100-26-GR-014');
    const caller = await demoCaller('finance');
    await expectTrpcError(
      caller.tranches.create({ grantId: grant.id, expectedDate: today, expectedAmountMinor: 1, receivedDate: today }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    const [, expected] = await caller.tranches.list({ grantId: grant.id });
    const received = await caller.tranches.update({
      ...expected!,
      receivedDate: today,
      receivedAmountMinor: 1_200_000,
      receivedBaseMinor: 64_560_000,
    });
    expect(received.receivedRate).toBe('53.8');
    expect((await caller.grants.budgetVsActual({ grantId: grant.id })).cash.receivedMinor).toBe(2_400_000);
  });
});

describe('grant rules', () => {
  it('moves status only along the lifecycle, recording each step with its date', async () => {
    const caller = await demoCaller('admin');
    const grant = await grantByReference('OHWF-2026-112');
    const refused = await expectTrpcError(
      caller.grants.changeStatus({ id: grant.id, version: grant.version, status: 'applied', date: today }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(refused)).toEqual({ status: ['validation.impossibleTransition'] });
    const closed = await caller.grants.changeStatus({
      id: grant.id,
      version: grant.version,
      status: 'closed',
      date: today,
      note: 'Final report accepted',
    });
    const detail = await caller.grants.get({ id: closed.id });
    expect(detail.history.map((h) => h.status)).toEqual(['applied', 'awarded', 'active', 'closed']);
    expect(detail.history.at(-1)).toMatchObject({ date: today, note: 'Final report accepted' });
    expect(detail.nextStatuses).toEqual([]);
  });

  it('refuses end before start, an unknown currency, a duplicate reference and a currency change once money exists', async () => {
    const caller = await demoCaller('finance');
    const grant = await grantByReference('S-MK100-26-GR-014');
    const input = {
      funderId: grant.funderId,
      title: 'New',
      currency: 'EUR',
      amountMinor: 100,
      startDate: '2026-05-01',
      endDate: '2026-04-30',
    };
    const endBefore = await expectTrpcError(caller.grants.create(input), 'BAD_REQUEST', 'VALIDATION');
    expect(issuesOf(endBefore)).toEqual([['endDate', 'validation.endBeforeStart']]);
    await expectTrpcError(
      caller.grants.create({ ...input, endDate: '2026-12-31', currency: 'ABC' }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    const duplicate = await expectTrpcError(
      caller.grants.create({ ...input, endDate: '2026-12-31', reference: 'S-MK100-26-GR-014' }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(duplicate)).toEqual({ reference: ['validation.duplicate'] });
    const locked = await expectTrpcError(
      caller.grants.update({ ...grant, currency: 'EUR' }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(locked)).toEqual({ currency: ['validation.currencyLocked'] });
  });

  it('accepts only a revision that keeps the total', async () => {
    const caller = await demoCaller('finance');
    const grant = await grantByReference('S-MK100-26-GR-014');
    const view = await caller.budget.lines({ grantId: grant.id });
    const [one, two] = view;
    const revised = (amounts: Map<string, number>) =>
      view.map((l) => ({
        budgetLineId: l.id,
        version: l.version,
        amountBeforeMinor: l.amountMinor,
        amountMinor: amounts.get(l.id) ?? l.amountMinor,
      }));
    const unbalanced = await expectTrpcError(
      caller.budget.revise({
        grantId: grant.id,
        date: today,
        justification: 'More',
        lines: revised(new Map([[one!.id, one!.amountMinor + 1]])),
      }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(unbalanced)).toEqual({ lines: ['validation.unbalancedRevision'] });
    const revisions = await caller.budget.revise({
      grantId: grant.id,
      date: today,
      justification: 'Fewer coordinator hours, more trainer hours',
      lines: revised(
        new Map([
          [one!.id, one!.amountMinor - 50_000],
          [two!.id, two!.amountMinor + 50_000],
        ]),
      ),
    });
    expect(revisions).toHaveLength(1);
    const lines = await caller.budget.lines({ grantId: grant.id });
    expect(lines[0]).toMatchObject({ originalAmountMinor: 960_000, amountMinor: 910_000 });
    expect(lines.reduce((a, l) => a + l.amountMinor, 0)).toBe(2_400_000);
  });

  it('keeps the ledger from coordinators and viewers while they read summaries', async () => {
    const grant = await grantByReference('S-MK100-26-GR-014');
    for (const role of ['coordinator', 'viewer'] as const) {
      const caller = await demoCaller(role);
      await expectTrpcError(caller.expenditures.list({ grantId: grant.id }), 'FORBIDDEN', 'FORBIDDEN');
      const summary = JSON.stringify([
        await caller.grants.budgetVsActual({ grantId: grant.id }),
        await caller.grants.dashboard(),
      ]);
      expect(summary).not.toContain('Hotel Bristol');
      expect(summary).not.toContain('salary');
    }
  });
});

describe('exchange rates', () => {
  const csv = 'date,from,to,rate\n2026-06-01,SEK,MKD,5.42\n2026-06-01,GBP,MKD,72.1\n';

  it('imports a CSV, and the same file again changes nothing', async () => {
    const caller = await demoCaller('finance');
    expect(await caller.exchangeRates.importCsv({ csv })).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await caller.exchangeRates.importCsv({ csv })).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const rates = await caller.exchangeRates.list({ currency: 'SEK' });
    expect(rates.map((r) => [r.date, r.fromCurrency, r.toCurrency, r.rate, r.source])).toEqual([
      ['2026-06-01', 'SEK', 'MKD', '5.42', 'csv'],
    ]);
  });

  it('reports every bad row and imports nothing from a broken file', async () => {
    const caller = await demoCaller('finance');
    const broken =
      'date,from,to,rate\n2026-06-01,SEK,MKD,5.42\n2026-13-01,SEK,MKD,5.4\n2026-06-02,SEK,MKD,-1\n2026-06-03,ZZZ,MKD,1\n';
    const error = await expectTrpcError(caller.exchangeRates.importCsv({ csv: broken }), 'BAD_REQUEST', 'VALIDATION');
    expect(fieldErrorsOf(error)).toEqual({
      'row 3: date': ['validation.invalidDate'],
      'row 4: rate': ['validation.invalidRate'],
      'row 5: fromCurrency': ['validation.invalidCurrency'],
    });
    expect(await caller.exchangeRates.list({ currency: 'SEK' })).toEqual([]);
    const noColumns = await expectTrpcError(
      caller.exchangeRates.importCsv({ csv: 'day,rate\n1,2\n' }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(noColumns)).toEqual({ file: ['validation.csvColumns?missing=date,from,to'] });
  });

  it('proposes the rate an expenditure would take: direct, inverse, or none', async () => {
    const caller = await demoCaller('coordinator');
    const grant = await grantByReference('S-MK100-26-GR-014');
    const date = addDays(grant.startDate, 45);
    expect(await caller.exchangeRates.lookup({ fromCurrency: 'USD', toCurrency: 'MKD', date })).toMatchObject({
      rate: '54',
    });
    expect(await caller.exchangeRates.lookup({ fromCurrency: 'MKD', toCurrency: 'USD', date })).toMatchObject({
      rate: '0.0185185185',
      nearest: { fromCurrency: 'USD', toCurrency: 'MKD', rate: '54' },
    });
    expect(await caller.exchangeRates.lookup({ fromCurrency: 'SEK', toCurrency: 'USD', date })).toEqual({
      rate: null,
      nearest: null,
    });
    // Before the table starts nothing is proposed, but a typed rate is still checked against the nearest.
    expect(
      await caller.exchangeRates.lookup({
        fromCurrency: 'USD',
        toCurrency: 'MKD',
        date: addDays(grant.startDate, -400),
      }),
    ).toMatchObject({ rate: null, nearest: { rate: '54' } });
  });

  it('uses the inverse of the opposite pair when that is what the table has', async () => {
    const { grantId, lineA } = await createTestGrantWithMoney(opened.db, demoId);
    const caller = await demoCaller('finance');
    await caller.exchangeRates.save({ date: '2026-01-01', fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.25' });
    const saved = await caller.expenditures.create({
      grantId,
      budgetLineId: lineA.id,
      date: '2026-03-03',
      payee: 'P',
      description: 'D',
      amountMinor: 10_000,
      currency: 'EUR',
    });
    expect(saved.expenditure).toMatchObject({ amountGrantMinor: 12_500, rateToGrant: '1.25', rateSource: 'table' });
  });
});
