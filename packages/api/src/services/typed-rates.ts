import type { Actor, Grant } from '@tessera/domain';
import {
  checkTypedRate,
  convertAtQuote,
  DomainError,
  impliedRate,
  type RateQuote,
  typedRateProblem,
} from '@tessera/domain';
import type { Executor } from '@tessera/db';
import { nearestRate } from './exchange-rates.service';
import { requireOrganization } from './grants.service';

/**
 * Refuses a typed rate (or one implied by two typed amounts) that the rate table contradicts: more
 * than 10% from the table's nearest rate for the pair needs `confirmed`; more than five times
 * away is refused outright (almost always a rate typed the wrong way round). The problem is a
 * field error on `field`, whose message key carries the table's rate and the difference. With
 * no rate for the pair in the table there is nothing to compare with, and the rate stands.
 */
export async function refuseUnlikelyRate(
  db: Executor,
  orgId: string,
  typed: RateQuote,
  pair: { from: string; to: string; date: string },
  confirmed: boolean,
  field: string,
): Promise<void> {
  const table = await nearestRate(db, orgId, pair.from, pair.to, pair.date);
  if (!table) return;
  const check = checkTypedRate(typed, { from: table.fromCurrency, to: table.toCurrency, rate: table.rate });
  const other = typed.per === pair.from ? pair.to : pair.from;
  const problem = typedRateProblem(check, other, confirmed);
  if (!problem) return;
  const said = `1 ${check.table.per} = ${check.table.value} ${other}`;
  throw new DomainError(
    'VALIDATION',
    check.verdict === 'refuse'
      ? `The rate is more than five times away from the rate table's ${said} (${table.date}); is it the wrong way round?`
      : `The rate is ${check.percent}% away from the rate table's ${said} (${table.date}); confirm it to save.`,
    { fieldErrors: { [field]: [`${problem}&date=${table.date}`] } },
  );
}

/** A quote that is not for the pair being converted is a field error, not a 500. */
export function refuseQuoteOfOtherPair(typed: RateQuote, from: string, to: string, field: string): void {
  if (typed.per === from || typed.per === to) return;
  throw new DomainError('VALIDATION', `A rate for ${from} and ${to} must be per one ${from} or one ${to}.`, {
    fieldErrors: { [field]: [`validation.ratePair?from=${from}&to=${to}`] },
  });
}

/** `convertAtQuote`, with a result too large to hold reported on `field` rather than as a 500. */
export function convertAtTypedQuote(amountMinor: number, from: string, to: string, typed: RateQuote, field: string) {
  try {
    return convertAtQuote(amountMinor, from, to, typed);
  } catch {
    throw new DomainError('VALIDATION', `The amount in ${to} would be too large to hold.`, {
      fieldErrors: { [field]: ['validation.tooLarge'] },
    });
  }
}

/**
 * A received tranche's two amounts imply the rate the bank gave ("1 USD = 56.75 MKD"): checked
 * against the table like a typed rate, the problem reported on the base-currency amount.
 */
export async function refuseUnlikelyTrancheRate(
  db: Executor,
  actor: Actor,
  grant: Grant,
  input: {
    receivedDate: string | null;
    receivedAmountMinor: number | null;
    receivedBaseMinor: number | null;
    confirmRate?: boolean;
  },
): Promise<void> {
  const { receivedDate, receivedAmountMinor, receivedBaseMinor } = input;
  if (!receivedDate || !receivedAmountMinor || receivedBaseMinor === null) return;
  const org = await requireOrganization(db, actor);
  if (org.baseCurrency === grant.currency) return;
  const implied = impliedRate(receivedAmountMinor, grant.currency, receivedBaseMinor, org.baseCurrency, 12);
  await refuseUnlikelyRate(
    db,
    actor.orgId,
    { per: grant.currency, value: implied },
    { from: grant.currency, to: org.baseCurrency, date: receivedDate },
    input.confirmRate === true,
    'receivedBaseMinor',
  );
}
