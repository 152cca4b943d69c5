import { findOrganizationBySlug, type OpenedDatabase } from '@tessera/db';
import { todayIn } from '@tessera/domain';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed-demo';
import { callerFor, createTestDatabase } from './helpers';

// The demo embassy grant (docs/demo-data.md): USD 12,000 banked as MKD 646,800 (53.9), USD 11,500
// spent, converted at the rate table's 54 (MKD 621,000). ADR 0016.
let opened: OpenedDatabase;
let demoId: string;
const now = new Date();

beforeEach(async () => {
  opened = await createTestDatabase();
  await seedDemo(opened.db, now);
  demoId = (await findOrganizationBySlug(opened.db, 'demo'))!.id;
});

async function embassy(role: 'finance' | 'viewer' = 'finance') {
  const { caller } = await callerFor(opened, demoId, role);
  const [grant] = await caller.grants.list({ search: 'S-MK100-26-GR-014' });
  return { caller, grant: grant! };
}

/** The ledger's sums read as text into BigInt, the way an auditor would add them up. */
async function ledgerSums(grantId: string) {
  const received = await sql<{ g: string; b: string }>`
    select cast(coalesce(sum(received_amount_minor), 0) as text) as g,
           cast(coalesce(sum(received_base_minor), 0) as text) as b
    from tranche where grant_id = ${grantId} and received_date is not null`.execute(opened.db);
  const spent = await sql<{ g: string; b: string }>`
    select cast(coalesce(sum(amount_grant_minor), 0) as text) as g,
           cast(coalesce(sum(amount_base_minor), 0) as text) as b
    from expenditure where grant_id = ${grantId}`.execute(opened.db);
  return {
    receivedGrant: BigInt(received.rows[0]!.g),
    receivedBase: BigInt(received.rows[0]!.b),
    spentGrant: BigInt(spent.rows[0]!.g),
    spentBase: BigInt(spent.rows[0]!.b),
  };
}

describe('realised exchange differences in budget vs actual', () => {
  it('names the MKD 1,200 the issue found unexplained: a realised loss, and cash banked below the table', async () => {
    const { caller, grant } = await embassy('viewer');
    const bva = await caller.grants.budgetVsActual({ grantId: grant.id });
    expect(bva.cash).toMatchObject({ onHandMinor: 50_000, onHandBaseMinor: 2_580_000 });
    expect(bva.exchange).toEqual({
      rateOfReceipt: '53.9',
      // USD 11,500 spent at the 53.9 the dollars came in at is MKD 619,850; the books say 621,000.
      differenceBaseMinor: -115_000,
      spentAtReceiptRateBaseMinor: 61_985_000,
      // MKD 621,000 at 53.9 is USD 11,521.34: USD 21.34 more than the table's 54 made it.
      differenceMinor: -2_134,
      spentAtActualRatesMinor: 1_152_134,
      onHandMinor: 50_000,
      onHandBaseMinor: 2_580_000,
      onHandAtReceiptRateBaseMinor: 2_695_000,
      onHandAtActualRatesMinor: 47_866,
    });
    // USD 500 read at the table's 54 (MKD 27,000) against MKD 25,800 in the bank: 1,150 lost on
    // spending, 50 because the USD 500 still held were banked at 53.9.
    expect(2_700_000 - bva.cash.onHandBaseMinor).toBe(
      -bva.exchange!.differenceBaseMinor + (2_700_000 - bva.exchange!.onHandAtReceiptRateBaseMinor),
    );
  });

  it('moves to the weighted average rate when the second tranche arrives at another rate, and still reconciles', async () => {
    const { caller, grant } = await embassy();
    const [, expected] = await caller.tranches.list({ grantId: grant.id });
    await caller.tranches.update({
      ...expected!,
      receivedDate: todayIn('Europe/Skopje', now),
      receivedAmountMinor: 1_200_000,
      receivedBaseMinor: 65_400_000, // 54.5
    });
    const bva = await caller.grants.budgetVsActual({ grantId: grant.id });
    // (646,800 + 654,000) ÷ 24,000 = 54.2: the USD 11,500 spent were worth MKD 623,300, MKD 2,300
    // more than they cost; MKD 621,000 at 54.2 is USD 11,457.56, USD 42.44 less than booked.
    expect(bva.exchange).toMatchObject({
      rateOfReceipt: '54.2',
      differenceBaseMinor: 230_000,
      differenceMinor: 4_244,
      spentAtActualRatesMinor: 1_145_756,
    });
    const sums = await ledgerSums(grant.id);
    const x = bva.exchange!;
    expect(BigInt(x.onHandMinor)).toBe(sums.receivedGrant - sums.spentGrant);
    expect(BigInt(x.onHandBaseMinor)).toBe(sums.receivedBase - sums.spentBase);
    expect(x.onHandAtReceiptRateBaseMinor + x.differenceBaseMinor).toBe(x.onHandBaseMinor);
    expect(x.onHandMinor + x.differenceMinor).toBe(x.onHandAtActualRatesMinor);
  });

  it('records spending at the rate of receipt as no difference at all', async () => {
    const { caller, grant } = await embassy();
    const [line] = await caller.budget.lines({ grantId: grant.id });
    const before = (await caller.grants.budgetVsActual({ grantId: grant.id })).exchange!;
    // USD 100 paid as MKD 5,390 typed at the bank's 53.9: exactly what the dollars came in at.
    await caller.expenditures.create({
      grantId: grant.id,
      budgetLineId: line!.id,
      date: grant.startDate,
      payee: 'Print Studio Vardar',
      description: 'Certificates',
      amountMinor: 539_000,
      currency: 'MKD',
      rate: { per: 'USD', value: '53.9' },
    });
    const after = (await caller.grants.budgetVsActual({ grantId: grant.id })).exchange!;
    expect(after.differenceBaseMinor).toBe(before.differenceBaseMinor);
    expect(after.differenceMinor).toBe(before.differenceMinor);
    expect(after.onHandMinor).toBe(before.onHandMinor - 10_000);
  });

  it('finds the euro grants’ losses: euros banked below the table’s 61.5 they were spent at', async () => {
    const { caller } = await embassy();
    const [network] = await caller.grants.list({ search: 'BCRN-SG-2026-07' });
    const bva = await caller.grants.budgetVsActual({ grantId: network!.id });
    // EUR 3,250 at 61.4 is MKD 199,550; the books say 199,875. MKD 199,875 at 61.4 is EUR 3,255.29.
    expect(bva.exchange).toMatchObject({
      rateOfReceipt: '61.4',
      differenceBaseMinor: -32_500,
      differenceMinor: -529,
      spentAtActualRatesMinor: 325_529,
    });
    // Core support: two tranches at 61.4 and 61.55 average 61.475; EUR 1,700 spent at 61.5.
    const [core] = await caller.grants.list({ search: 'OHWF-2026-112' });
    const coreBva = await caller.grants.budgetVsActual({ grantId: core!.id });
    expect(coreBva.exchange).toMatchObject({
      rateOfReceipt: '61.475',
      differenceBaseMinor: -4_250,
      differenceMinor: -69,
    });
  });
});
