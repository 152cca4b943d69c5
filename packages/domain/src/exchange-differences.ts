import { divideRounded, impliedRate } from './money';

/**
 * One grant's money to date as the database sums it: tranches received (what was sent, in the
 * grant currency, and what the bank credited, in the base currency), all spending in the grant
 * currency, and the spending whose base-currency amount is known (ADR 0007: an expenditure with
 * no rate to the base currency has none).
 */
export interface ExchangeLedger {
  grantCurrency: string;
  baseCurrency: string;
  received: { grantMinor: number; baseMinor: number };
  spent: { grantMinor: number };
  spentConverted: { grantMinor: number; baseMinor: number };
}

/** A realised exchange difference and the cash on hand it reconciles; a gain is positive. */
export interface ExchangeDifference {
  /** Base units per grant unit over every tranche received: the weighted average (6 decimals). */
  rateOfReceipt: string;
  /** Gain (+) or loss (−) in the grant currency: the spending as booked less at actual rates. */
  differenceMinor: number;
  /** Gain (+) or loss (−) in the base currency: the spending at the rate of receipt less as booked. */
  differenceBaseMinor: number;
  /** What the spending cost the grant at the rates the money actually came in at (the SF-425's). */
  spentAtActualRatesMinor: number;
  /** The spending in the grant currency, valued at the rate of receipt, in the base currency. */
  spentAtReceiptRateBaseMinor: number;
  /** Received − spent in the grant currency (the grant's books). */
  onHandMinor: number;
  /** Received − spent in the base currency (the bank). */
  onHandBaseMinor: number;
  /** The grant money on hand valued at the rate of receipt: plus the difference, the bank's. */
  onHandAtReceiptRateBaseMinor: number;
  /** The grant's books plus the difference: what the bank holds, counted in grant money. */
  onHandAtActualRatesMinor: number;
}

const safe = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The realised exchange difference of one grant (ADR 0016). The grant's money is banked in the
 * base currency, so it forms one pool at the weighted average rate of the tranches received.
 * Spending converted into the grant currency at other rates (the table's, a typed one) is
 * compared with what the same spending would have cost at that rate of receipt: in the base
 * currency (grant-currency spending at the rate of receipt − base as booked) and in the grant
 * currency (as booked − base spending at the rate of receipt). Spending beyond what was received
 * was paid from the organisation's own money, has no rate of receipt and carries no difference:
 * only the share the tranches cover is compared. Every figure is an integer of minor units,
 * rounded once, half away from zero; both columns reconcile exactly. Null before any money
 * arrives, or when the amounts imply a rate no figure can hold exactly.
 */
export function computeExchangeDifference(ledger: ExchangeLedger): ExchangeDifference | null {
  const receivedGrant = BigInt(ledger.received.grantMinor);
  const receivedBase = BigInt(ledger.received.baseMinor);
  if (receivedGrant <= 0n || receivedBase <= 0n) return null;
  const spentGrant = BigInt(ledger.spentConverted.grantMinor);
  const spentBase = BigInt(ledger.spentConverted.baseMinor);
  // The share of the converted spending the tranches cover, in both currencies.
  const coveredGrant = spentGrant <= receivedGrant ? spentGrant : receivedGrant;
  const coveredBase = spentGrant <= receivedGrant ? spentBase : divideRounded(spentBase * receivedGrant, spentGrant);
  const differenceBase = divideRounded(coveredGrant * receivedBase, receivedGrant) - coveredBase;
  const difference = coveredGrant - divideRounded(coveredBase * receivedGrant, receivedBase);
  const onHand = receivedGrant - BigInt(ledger.spent.grantMinor);
  const onHandBase = receivedBase - spentBase;
  const figures = {
    differenceMinor: difference,
    differenceBaseMinor: differenceBase,
    spentAtActualRatesMinor: BigInt(ledger.spent.grantMinor) - difference,
    spentAtReceiptRateBaseMinor: spentBase + differenceBase,
    onHandMinor: onHand,
    onHandBaseMinor: onHandBase,
    onHandAtReceiptRateBaseMinor: onHandBase - differenceBase,
    onHandAtActualRatesMinor: onHand + difference,
  };
  const numbers = {} as Record<keyof typeof figures, number>;
  for (const [key, value] of Object.entries(figures) as [keyof typeof figures, bigint][]) {
    if (value > safe || value < -safe) return null;
    numbers[key] = Number(value);
  }
  return {
    rateOfReceipt: impliedRate(
      ledger.received.grantMinor,
      ledger.grantCurrency,
      ledger.received.baseMinor,
      ledger.baseCurrency,
    ),
    ...numbers,
  };
}
