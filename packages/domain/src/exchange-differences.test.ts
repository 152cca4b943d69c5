import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExchangeDifference, type ExchangeLedger } from './exchange-differences';
import { convertMinor, maxRecordMinor } from './money';

interface Entry {
  grantMinor: number;
  baseMinor: number | null;
}

/** Sums a generated ledger the way the database does. */
function ledgerOf(tranches: readonly Entry[], expenditures: readonly Entry[]): ExchangeLedger {
  const converted = expenditures.filter((e) => e.baseMinor !== null);
  const sum = (rows: readonly Entry[], pick: (r: Entry) => number) => rows.reduce((a, r) => a + pick(r), 0);
  return {
    grantCurrency: 'USD',
    baseCurrency: 'MKD',
    received: { grantMinor: sum(tranches, (t) => t.grantMinor), baseMinor: sum(tranches, (t) => t.baseMinor ?? 0) },
    spent: { grantMinor: sum(expenditures, (e) => e.grantMinor) },
    spentConverted: {
      grantMinor: sum(converted, (e) => e.grantMinor),
      baseMinor: sum(converted, (e) => e.baseMinor ?? 0),
    },
  };
}

const amount = fc.integer({ min: 1, max: maxRecordMinor / 100 });
/** A rate such as a bank or a table gives for USD → MKD, or something far stranger. */
const rate = fc.oneof(
  fc.integer({ min: 5000, max: 6500 }).map((r) => (r / 100).toFixed(2)),
  fc.integer({ min: 1, max: 2_000_000 }).map((r) => (r / 10_000).toFixed(4)),
);
const atRate = (r: string) => (grantMinor: number) => ({
  grantMinor,
  baseMinor: convertMinor(grantMinor, 'USD', 'MKD', r),
});
const tranche = fc.tuple(amount, rate).map(([g, r]) => atRate(r)(g));
const expenditure = fc.oneof(
  fc.tuple(amount, rate).map(([g, r]) => atRate(r)(g) as Entry),
  amount.map((g) => ({ grantMinor: g, baseMinor: null }) as Entry),
);
const ledger = fc
  .tuple(fc.array(tranche, { minLength: 1, maxLength: 4 }), fc.array(expenditure, { maxLength: 8 }))
  .map(([t, e]) => ledgerOf(t, e));

describe('realised exchange differences (weighted average rate of receipt)', () => {
  it('explains the MKD 1,200 of issue 11: a loss of MKD 1,150 realised on spending, and MKD 50 still in the cash', () => {
    // USD 12,000 banked as MKD 646,800 (53.9); USD 11,500 spent as MKD 621,000 (the table's 54).
    const result = computeExchangeDifference({
      grantCurrency: 'USD',
      baseCurrency: 'MKD',
      received: { grantMinor: 1_200_000, baseMinor: 64_680_000 },
      spent: { grantMinor: 1_150_000 },
      spentConverted: { grantMinor: 1_150_000, baseMinor: 62_100_000 },
    });
    expect(result).toEqual({
      rateOfReceipt: '53.9',
      differenceMinor: -2_134,
      differenceBaseMinor: -115_000,
      spentAtActualRatesMinor: 1_152_134,
      spentAtReceiptRateBaseMinor: 61_985_000,
      onHandMinor: 50_000,
      onHandBaseMinor: 2_580_000,
      onHandAtReceiptRateBaseMinor: 2_695_000,
      onHandAtActualRatesMinor: 47_866,
    });
    // Before: USD 500 on hand read at the table's 54 is MKD 27,000, MKD 1,200 more than the bank holds.
    const unexplained = convertMinor(50_000, 'USD', 'MKD', '54') - 2_580_000;
    expect(unexplained).toBe(120_000);
    // Now every deni of it has a name: the loss realised, and the cash banked at 53.9, not 54.
    const cashBankedBelowTable = convertMinor(50_000, 'USD', 'MKD', '54') - (result?.onHandAtReceiptRateBaseMinor ?? 0);
    expect(-(result?.differenceBaseMinor ?? 0) + cashBankedBelowTable).toBe(unexplained);
  });

  it('has nothing to compare with before any money arrives', () => {
    expect(
      computeExchangeDifference({
        grantCurrency: 'USD',
        baseCurrency: 'MKD',
        received: { grantMinor: 0, baseMinor: 0 },
        spent: { grantMinor: 10_000 },
        spentConverted: { grantMinor: 10_000, baseMinor: 540_000 },
      }),
    ).toBeNull();
  });

  it('reconciles cash on hand exactly in both currencies, for any ledger', () => {
    fc.assert(
      fc.property(ledger, (l) => {
        const r = computeExchangeDifference(l);
        if (r === null) return;
        const onHand = l.received.grantMinor - l.spent.grantMinor;
        const onHandBase = l.received.baseMinor - l.spentConverted.baseMinor;
        expect(r.onHandMinor).toBe(onHand);
        expect(r.onHandBaseMinor).toBe(onHandBase);
        expect(r.onHandAtReceiptRateBaseMinor + r.differenceBaseMinor).toBe(onHandBase);
        expect(r.onHandMinor + r.differenceMinor).toBe(r.onHandAtActualRatesMinor);
        expect(r.spentAtActualRatesMinor + r.onHandAtActualRatesMinor).toBe(l.received.grantMinor);
        expect(r.spentAtReceiptRateBaseMinor + r.onHandAtReceiptRateBaseMinor).toBe(l.received.baseMinor);
        for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isSafeInteger(v)).toBe(true);
      }),
    );
  });

  it('values the grant money on hand at the rate of receipt, to within half a deni', () => {
    fc.assert(
      fc.property(ledger, (l) => {
        fc.pre(l.spentConverted.grantMinor <= l.received.grantMinor);
        fc.pre(l.spentConverted.grantMinor === l.spent.grantMinor);
        const r = computeExchangeDifference(l);
        if (r === null) return;
        const exact = BigInt(l.received.grantMinor - l.spent.grantMinor) * BigInt(l.received.baseMinor);
        const shown = BigInt(r.onHandAtReceiptRateBaseMinor) * BigInt(l.received.grantMinor);
        const gap = exact > shown ? exact - shown : shown - exact;
        expect(2n * gap <= BigInt(l.received.grantMinor)).toBe(true);
      }),
    );
  });

  it('tells the same gain or loss in both currencies, at the rate of receipt, to within rounding', () => {
    fc.assert(
      fc.property(ledger, (l) => {
        const r = computeExchangeDifference(l);
        if (r === null) return;
        expect(Math.sign(r.differenceMinor) * Math.sign(r.differenceBaseMinor)).not.toBe(-1);
        const inGrant = BigInt(r.differenceMinor) * BigInt(l.received.baseMinor);
        const inBase = BigInt(r.differenceBaseMinor) * BigInt(l.received.grantMinor);
        const gap = inGrant > inBase ? inGrant - inBase : inBase - inGrant;
        expect(2n * gap <= BigInt(l.received.baseMinor + l.received.grantMinor)).toBe(true);
      }),
    );
  });

  it('finds no difference when one rate is used everywhere', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 200 })
          .chain((whole) =>
            fc.tuple(
              fc.constant(`${whole}`),
              fc.array(amount, { minLength: 1, maxLength: 4 }),
              fc.array(amount, { maxLength: 8 }),
            ),
          ),
        ([r, received, spent]) => {
          const result = computeExchangeDifference(ledgerOf(received.map(atRate(r)), spent.map(atRate(r))));
          expect(result?.differenceMinor).toBe(0);
          expect(result?.differenceBaseMinor).toBe(0);
        },
      ),
    );
  });

  it('finds no difference on a grant in the base currency', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 4 }), fc.array(amount, { maxLength: 8 }), (t, e) => {
        const same = (g: number) => ({ grantMinor: g, baseMinor: g });
        const result = computeExchangeDifference({
          ...ledgerOf(t.map(same), e.map(same)),
          grantCurrency: 'MKD',
        });
        expect(result).toMatchObject({ differenceMinor: 0, differenceBaseMinor: 0, rateOfReceipt: '1' });
      }),
    );
  });

  it('never throws, whatever the amounts', () => {
    const any = fc.integer({ min: 0, max: maxRecordMinor });
    fc.assert(
      fc.property(any, any, any, any, any, (rg, rb, sg, cg, cb) => {
        expect(() =>
          computeExchangeDifference({
            grantCurrency: 'USD',
            baseCurrency: 'MKD',
            received: { grantMinor: rg, baseMinor: rb },
            spent: { grantMinor: sg + cg },
            spentConverted: { grantMinor: cg, baseMinor: cb },
          }),
        ).not.toThrow();
      }),
    );
  });
});
