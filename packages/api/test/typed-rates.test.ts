import { findOrganizationBySlug, type OpenedDatabase } from '@tessera/db';
import { addDays } from '@tessera/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed-demo';
import { callerFor, createTestDatabase, expectTrpcError, fieldErrorsOf, issuesOf } from './helpers';

// The demo's rate table: 1 USD = 54 MKD on the first of every month. The embassy grant is in USD.
let opened: OpenedDatabase;
let demoId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  await seedDemo(opened.db, new Date());
  demoId = (await findOrganizationBySlug(opened.db, 'demo'))!.id;
});

async function embassy() {
  const { caller } = await callerFor(opened, demoId, 'finance');
  const [grant] = await caller.grants.list({ search: 'S-MK100-26-GR-014' });
  const [line] = await caller.budget.lines({ grantId: grant!.id });
  const spend = {
    grantId: grant!.id,
    budgetLineId: line!.id,
    date: addDays(grant!.startDate, 20),
    payee: 'Hotel Bistra',
    description: 'Venue',
    amountMinor: 250_000, // MKD 2,500.00
    currency: 'MKD',
  };
  return { caller, grant: grant!, spend };
}

describe('typed rates, said the way people say them', () => {
  it('"1 USD = 54 MKD" turns MKD 2,500 into $46.30, and the ledger keeps the typed rate', async () => {
    const { caller, spend } = await embassy();
    const saved = await caller.expenditures.create({ ...spend, rate: { per: 'USD', value: '54' } });
    expect(saved.expenditure).toMatchObject({ amountGrantMinor: 4_630, rateSource: 'typed', amountBaseMinor: 250_000 });
    // Stored per MKD (as every converted figure is), precisely enough to show "54" back.
    expect(saved.expenditure.rateToGrant).toBe('0.01851851851851851852');
  });

  it('refuses the wrong-way rate ("1 MKD = 54 USD") with a field error naming the table rate', async () => {
    const { caller, spend } = await embassy();
    const before = (await caller.expenditures.list({ grantId: spend.grantId })).total;
    const error = await expectTrpcError(
      caller.expenditures.create({ ...spend, rate: { per: 'MKD', value: '54' }, confirmRate: true }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    const [message] = fieldErrorsOf(error)?.rate ?? [];
    expect(message).toMatch(/^validation\.rateFarOff\?/);
    expect(message).toContain('per=MKD');
    expect(message).toContain('table=0.0185185185');
    expect((await caller.expenditures.list({ grantId: spend.grantId })).total).toBe(before);
  });

  it('asks to confirm a rate more than 10% from the table, and saves it once confirmed', async () => {
    const { caller, spend } = await embassy();
    const unconfirmed = await expectTrpcError(
      caller.expenditures.create({ ...spend, rate: { per: 'USD', value: '61.5' } }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(unconfirmed)?.rate?.[0]).toMatch(
      /^validation\.rateUnconfirmed\?percent=13\.9&per=USD&table=54/,
    );
    const confirmed = await caller.expenditures.create({
      ...spend,
      rate: { per: 'USD', value: '61.5' },
      confirmRate: true,
    });
    expect(confirmed.expenditure.amountGrantMinor).toBe(4_065); // 2,500 ÷ 61.5 = 40.65
    // Within 10% needs no confirmation.
    const close = await caller.expenditures.create({ ...spend, rate: { per: 'USD', value: '55' } });
    expect(close.expenditure.amountGrantMinor).toBe(4_545);
  });

  it('gives a field error, never a 500, for a rate of another pair or a malformed one', async () => {
    const { caller, spend } = await embassy();
    const otherPair = await expectTrpcError(
      caller.expenditures.create({ ...spend, rate: { per: 'EUR', value: '61.5' } }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(otherPair)).toEqual({ rate: ['validation.ratePair?from=MKD&to=USD'] });
    const malformed = await expectTrpcError(
      caller.expenditures.create({ ...spend, rate: { per: 'USD', value: '54,0,0' } }),
      'BAD_REQUEST',
    );
    expect(issuesOf(malformed)).toEqual([['rate.value', 'validation.invalidRate']]);
  });

  it('checks the rate a tranche implies (base ÷ received) against the table too', async () => {
    const { caller, grant } = await embassy();
    const tranche = {
      grantId: grant.id,
      expectedDate: addDays(grant.startDate, 30),
      expectedAmountMinor: 500_000,
      receivedDate: addDays(grant.startDate, 30),
      receivedAmountMinor: 500_000, // USD 5,000.00
      note: '',
    };
    // MKD 28,375.00 for USD 5,000: one zero short, 1 USD = 5.675 MKD, ten times off.
    const short = await expectTrpcError(
      caller.tranches.create({ ...tranche, receivedBaseMinor: 2_837_500, confirmRate: true }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(short)?.receivedBaseMinor?.[0]).toMatch(/^validation\.rateFarOff\?.*per=USD&table=54/);
    const far = await expectTrpcError(
      caller.tranches.create({ ...tranche, receivedBaseMinor: 31_000_000 }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(far)?.receivedBaseMinor?.[0]).toMatch(/^validation\.rateUnconfirmed\?percent=14\.8/);
    const saved = await caller.tranches.create({ ...tranche, receivedBaseMinor: 31_000_000, confirmRate: true });
    expect(saved.receivedRate).toBe('62');
    const banked = await caller.tranches.create({ ...tranche, receivedBaseMinor: 28_375_000 });
    expect(banked.receivedRate).toBe('56.75');
  });

  it('looks up the nearest table rate either way round for the form', async () => {
    const { caller, spend } = await embassy();
    const found = await caller.exchangeRates.lookup({ fromCurrency: 'MKD', toCurrency: 'USD', date: spend.date });
    expect(found.rate).toBe('0.0185185185');
    expect(found.nearest).toMatchObject({ fromCurrency: 'USD', toCurrency: 'MKD', rate: '54' });
  });
});
