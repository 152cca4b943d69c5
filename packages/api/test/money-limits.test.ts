import { type OpenedDatabase, upsertExchangeRate } from '@tessera/db';
import { createTestFunder } from '@tessera/db/testing';
import { maxGrantTotalMinor, maxRecordMinor } from '@tessera/domain';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appCodeOf,
  callerFor,
  createTestDatabase,
  createTestOrganization,
  expectTrpcError,
  fieldErrorsOf,
  issuesOf,
} from './helpers';

let opened: OpenedDatabase | undefined;
afterEach(() => {
  opened?.close();
  opened = undefined;
});

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

/** A fresh organisation (base MKD) with table rates between USD, EUR and MKD, and a finance caller. */
async function setUp() {
  opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  for (const [fromCurrency, toCurrency, rate] of [
    ['USD', 'MKD', '54'],
    ['EUR', 'MKD', '61.5'],
    ['EUR', 'USD', '1.08'],
  ] as const) {
    await upsertExchangeRate(opened.db, orgId, {
      date: '2026-01-01',
      fromCurrency,
      toCurrency,
      rate,
      source: 'manual',
    });
  }
  const funderId = (await createTestFunder(opened.db, orgId)).id;
  const { caller } = await callerFor(opened, orgId, 'finance');
  return { db: opened, orgId, funderId, caller };
}

async function newGrant(caller: Caller, funderId: string, currency = 'USD') {
  return caller.grants.create({
    funderId,
    title: 'Large grant',
    currency,
    amountMinor: maxRecordMinor,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    status: 'active',
  });
}

/** Spending converted at the table's rates (typed rates are the rate-entry tests' business). */
function spend(grantId: string, budgetLineId: string, amountMinor: number, currency = 'USD') {
  return {
    grantId,
    budgetLineId,
    date: '2026-02-01',
    payee: 'Supplier',
    description: 'Goods',
    amountMinor,
    currency,
    // These tests are about what a currency can hold, not budgets: past a line's budget is confirmed.
    confirmOverBudget: true,
  };
}

describe('amounts a currency cannot hold', () => {
  it('gets a field error for 1.7e14 minor units, never a 500', async () => {
    const { caller, funderId } = await setUp();
    const grant = await newGrant(caller, funderId);
    const line = await caller.budget.addLine({ grantId: grant.id, code: '1', category: 'All', amountMinor: 1 });
    const error = await expectTrpcError(
      caller.expenditures.create(spend(grant.id, line.id, 170_000_000_000_000)),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(issuesOf(error)).toEqual([['amountMinor', 'validation.tooLarge']]);
  });

  it('gets a field error when a conversion would give more than a record holds', async () => {
    const { caller, funderId } = await setUp();
    const grant = await newGrant(caller, funderId);
    const line = await caller.budget.addLine({ grantId: grant.id, code: '1', category: 'All', amountMinor: 1 });
    // Within the limit in euros; at the table's 61.5 its base amount (MKD) is not.
    const error = await expectTrpcError(
      caller.expenditures.create(spend(grant.id, line.id, maxRecordMinor / 2, 'EUR')),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(error)).toEqual({ amountMinor: ['validation.tooLarge'] });
    expect((await caller.grants.budgetVsActual({ grantId: grant.id })).total.spentMinor).toBe(0);
  });

  it('refuses the amount that would take a grant total past the limit, naming the field', async () => {
    const { caller, funderId } = await setUp();
    // In the base currency, so that no conversion limits the amounts first.
    const grant = await newGrant(caller, funderId, 'MKD');
    const third = Math.floor(maxGrantTotalMinor / 2.5);
    const lines = [];
    for (const code of ['1', '2']) {
      lines.push(await caller.budget.addLine({ grantId: grant.id, code, category: 'Big', amountMinor: third }));
    }
    const overBudget = await expectTrpcError(
      caller.budget.addLine({ grantId: grant.id, code: '3', category: 'Big', amountMinor: third }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(overBudget)).toEqual({
      amountMinor: ['validation.overGrantTotal?max=100000000000.00%20MKD'],
    });
    const [one] = lines;
    await caller.expenditures.create(spend(grant.id, one!.id, third, 'MKD'));
    await caller.expenditures.create(spend(grant.id, one!.id, third, 'MKD'));
    const overSpent = await expectTrpcError(
      caller.expenditures.create(spend(grant.id, one!.id, third, 'MKD')),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(Object.keys(fieldErrorsOf(overSpent) ?? {})).toEqual(['amountMinor']);
    expect((await caller.grants.budgetVsActual({ grantId: grant.id })).total.spentMinor).toBe(2 * third);
  });
});

/** The exact sum of a column, as text from SQLite (64-bit integers), read into a BigInt. */
async function sqlSum(db: OpenedDatabase, query: ReturnType<typeof sql<{ s: string | null }>>): Promise<bigint> {
  const { rows } = await query.execute(db.db);
  return BigInt(rows[0]?.s ?? '0');
}

describe('every sum stays exact on a ledger near the limits', () => {
  const nearLimit = fc.oneof(
    fc.integer({ min: maxRecordMinor - 1_000_000, max: maxRecordMinor }),
    fc.integer({ min: Math.floor(maxRecordMinor / 3), max: Math.floor(maxRecordMinor / 2) }),
    // Around the most a dollar amount may be once converted to denars at 54.
    fc.integer({ min: Math.floor(maxRecordMinor / 54) - 1_000_000, max: Math.floor(maxRecordMinor / 54) + 1_000_000 }),
    fc.integer({ min: 1, max: 1_000_000 }),
  );
  const ledger = fc.record({
    grants: fc.array(fc.constantFrom('USD', 'MKD'), { minLength: 1, maxLength: 3 }),
    lines: fc.array(fc.tuple(fc.nat(2), nearLimit), { minLength: 1, maxLength: 6 }),
    spending: fc.array(fc.tuple(fc.nat(2), fc.constantFrom('USD', 'MKD', 'EUR'), nearLimit), { maxLength: 12 }),
    tranches: fc.array(fc.tuple(fc.nat(2), nearLimit), { maxLength: 5 }),
  });
  it('matches SQL sums (as BigInt) in budget vs actual and the dashboard; what would not fit is a field error', async () => {
    // The generated ledgers must reach the limits, not stay politely below them.
    let refusedOverTotal = 0;
    let largestTotal = 0n;
    await fc.assert(
      fc.asyncProperty(ledger, async (plan) => {
        const { db, caller, funderId } = await setUp();
        const refusals: unknown[] = [];
        let spendingTried = 0;
        let spendingRefused = 0;
        const attempt = async (write: Promise<unknown>) => {
          await write.catch((error: unknown) => refusals.push(error));
        };
        const grants = [];
        for (const currency of plan.grants) grants.push(await newGrant(caller, funderId, currency));
        const linesOf = new Map<string, string[]>();
        for (const [index, [g, amountMinor]] of plan.lines.entries()) {
          const grant = grants[g % grants.length]!;
          await attempt(
            caller.budget
              .addLine({ grantId: grant.id, code: String(index), category: 'Line', amountMinor })
              .then((line) => linesOf.set(grant.id, [...(linesOf.get(grant.id) ?? []), line.id])),
          );
        }
        for (const [g, currency, amountMinor] of plan.spending) {
          const grant = grants[g % grants.length]!;
          const lineId = linesOf.get(grant.id)?.[0];
          if (!lineId) continue;
          spendingTried += 1;
          const before = refusals.length;
          await attempt(caller.expenditures.create(spend(grant.id, lineId, amountMinor, currency)));
          spendingRefused += refusals.length - before;
        }
        for (const [g, amountMinor] of plan.tranches) {
          const grant = grants[g % grants.length]!;
          await attempt(
            caller.tranches.create({
              grantId: grant.id,
              expectedDate: '2026-03-01',
              expectedAmountMinor: amountMinor,
              receivedDate: '2026-03-02',
              receivedAmountMinor: amountMinor,
              receivedBaseMinor: amountMinor,
            }),
          );
        }
        for (const error of refusals) {
          expect(error).toBeInstanceOf(TRPCError);
          expect(appCodeOf(error as TRPCError)).toBe('VALIDATION');
          if (JSON.stringify(fieldErrorsOf(error as TRPCError)).includes('overGrantTotal')) refusedOverTotal += 1;
        }

        for (const grant of grants) {
          const bva = await caller.grants.budgetVsActual({ grantId: grant.id });
          const where = sql`where grant_id = ${grant.id}`;
          const budget = await sqlSum(db, sql`select cast(sum(amount_minor) as text) as s from budget_line ${where}`);
          const spent = await sqlSum(
            db,
            sql`select cast(sum(amount_grant_minor) as text) as s from expenditure ${where}`,
          );
          const spentBase = await sqlSum(
            db,
            sql`select cast(sum(amount_base_minor) as text) as s from expenditure ${where}`,
          );
          const received = await sqlSum(
            db,
            sql`select cast(sum(received_amount_minor) as text) as s from tranche ${where}`,
          );
          expect(BigInt(bva.total.budgetMinor)).toBe(budget);
          expect(BigInt(bva.total.spentMinor)).toBe(spent);
          expect(BigInt(bva.total.spentBaseMinor)).toBe(spentBase);
          expect(BigInt(bva.total.remainingMinor)).toBe(budget - spent);
          expect(BigInt(bva.cash.onHandMinor)).toBe(received - spent);
          for (const value of [budget, spent, spentBase, received]) {
            expect(value <= BigInt(maxGrantTotalMinor)).toBe(true);
            if (value > largestTotal) largestTotal = value;
          }
        }
        const dashboard = await caller.grants.dashboard();
        for (const totals of dashboard.totals) {
          const inCurrency = sql`join "grant" g on g.id = grant_id where g.currency = ${totals.currency}`;
          const spentAll = await sqlSum(
            db,
            sql`select cast(sum(amount_grant_minor) as text) as s from expenditure ${inCurrency}`,
          );
          const awardedAll = await sqlSum(
            db,
            sql`select cast(sum(amount_minor) as text) as s from "grant" where currency = ${totals.currency}`,
          );
          expect(BigInt(totals.spentMinor)).toBe(spentAll);
          expect(BigInt(totals.awardedMinor)).toBe(awardedAll);
          expect(BigInt(totals.remainingMinor)).toBe(awardedAll - spentAll);
          const last = dashboard.spending.find((s) => s.currency === totals.currency)?.points.at(-1);
          expect(BigInt(last?.cumulativeSpentMinor ?? 0)).toBe(spentAll);
        }
        // Every attempted expenditure was either saved whole or refused with a field error.
        const saved = await sqlSum(db, sql`select cast(count(*) as text) as s from expenditure`);
        expect(Number(saved) + spendingRefused).toBe(spendingTried);
        db.close();
        opened = undefined;
      }),
      { numRuns: 25 },
    );
    expect(refusedOverTotal).toBeGreaterThan(0);
    expect(largestTotal > (BigInt(maxGrantTotalMinor) * 9n) / 10n).toBe(true);
  });
});
