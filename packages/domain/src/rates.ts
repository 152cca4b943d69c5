import * as z from 'zod';
import { messageKey } from './messages';
import {
  convertMinor,
  currencyExponent,
  currencySchema,
  divideRounded,
  invertRate,
  normalizeRate,
  rateAsFraction,
  rateSchema,
} from './money';

/**
 * A rate the way people say it: "1 USD = 54 MKD" is `{ per: 'USD', value: '54' }`, units of the
 * other currency of the pair for one unit of `per`. Either currency of the pair may be `per`;
 * which one is part of what was typed, so a rate can never be taken the wrong way round.
 */
export interface RateQuote {
  per: string;
  value: string;
}

export const rateQuoteSchema = z.object({ per: currencySchema, value: rateSchema });

/** Decimals kept when a quote per the target currency is stored as a rate per the source. */
const storedInverseDigits = 20;

function otherOf(quote: RateQuote, from: string, to: string): 'from' | 'to' {
  if (quote.per === from) return 'from';
  if (quote.per === to) return 'to';
  throw new RangeError(`A rate per ${quote.per} does not convert ${from} to ${to}.`);
}

/**
 * Converts minor units of `from` into `to` at a quote for that pair, rounding once, half away from
 * zero: a quote per `from` multiplies, a quote per `to` divides ("1 USD = 54 MKD" turns MKD 2,500
 * into $46.30). Throws RangeError for a quote of another pair or a result too large to hold.
 */
export function convertAtQuote(amountMinor: number, from: string, to: string, quote: RateQuote): number {
  if (otherOf(quote, from, to) === 'from') return convertMinor(amountMinor, from, to, quote.value);
  const { numerator, scale } = rateAsFraction(quote.value);
  if (numerator === 0n) throw new RangeError('A zero rate converts nothing.');
  const shift = currencyExponent(to) - currencyExponent(from);
  const num = BigInt(amountMinor) * scale * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = numerator * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  const result = divideRounded(num, den);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('The converted amount is too large.');
  return Number(result);
}

/**
 * The quote as a rate of `to` per one `from` (how converted figures store their rate). A quote per
 * `to` is inverted to 20 decimals, enough for `naturalQuote` to show it back exactly as typed.
 */
export function quoteAsRate(quote: RateQuote, from: string, to: string): string {
  return otherOf(quote, from, to) === 'from'
    ? normalizeRate(quote.value)
    : invertRate(quote.value, storedInverseDigits);
}

/** The quote the other way round, to 6 decimals (10 when below 1), for showing. */
function turned(rate: string): string {
  const six = invertRate(rate, 6);
  return Number(six) < 1 ? invertRate(rate, 10) : six;
}

/**
 * How a rate of `to` per one `from` is said: one foreign unit in units of `local` (the
 * organisation's base currency) when it is one of the pair, else the way round that is at least 1.
 */
export function naturalQuote(rate: string, from: string, to: string, local: string): RateQuote & { other: string } {
  const perFrom = local === to || (local !== from && Number(rate) >= 1);
  return perFrom ? { per: from, value: roundRate(rate, 12), other: to } : { per: to, value: turned(rate), other: from };
}

/** A rate to at most `digits` decimals, half away from zero (a stored 20-decimal inverse, shown). */
function roundRate(rate: string, digits: number): string {
  const { numerator, scale } = rateAsFraction(rate);
  const target = 10n ** BigInt(digits);
  if (scale <= target) return normalizeRate(rate);
  const scaled = divideRounded(numerator * target, scale)
    .toString()
    .padStart(digits + 1, '0');
  return normalizeRate(`${scaled.slice(0, -digits)}.${scaled.slice(-digits)}`);
}

export type RateVerdict = 'close' | 'confirm' | 'refuse';

/** A typed rate more than 10% away from the table needs a confirmation; more than 5× is refused. */
export const rateTolerance = { confirmAbove: { num: 11n, den: 10n }, refuseAbove: 5n } as const;

export interface RateCheck {
  verdict: RateVerdict;
  /** typed ÷ table − 1, in percent to one decimal, signed ("10.2", "-11.1"). */
  percent: string;
  /** The table's rate said the same way round as the typed one. */
  table: RateQuote;
}

/**
 * Compares a typed quote with a table rate (`rate` units of `to` per one `from`) for the same pair.
 * The distance is symmetric: typed ÷ table and table ÷ typed count alike, so it does not matter
 * which way round either was given. Exact (fractions), never floating point.
 */
export function checkTypedRate(typed: RateQuote, table: { from: string; to: string; rate: string }): RateCheck {
  const t = rateAsFraction(typed.value);
  const r = rateAsFraction(table.rate);
  const sameWay = otherOf(typed, table.from, table.to) === 'from';
  // The table rate per `typed.per`, as un/ud.
  const un = sameWay ? r.numerator : r.scale;
  const ud = sameWay ? r.scale : r.numerator;
  const a = t.numerator * ud; // typed ÷ table = a ÷ b
  const b = t.scale * un;
  const { num, den } = rateTolerance.confirmAbove;
  let verdict: RateVerdict = 'close';
  if (a * den > num * b || b * den > num * a) verdict = 'confirm';
  if (a > rateTolerance.refuseAbove * b || b > rateTolerance.refuseAbove * a) verdict = 'refuse';
  const tenths = divideRounded((a - b) * 1000n, b);
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  const percent = `${sign}${abs / 10n}${abs % 10n === 0n ? '' : `.${abs % 10n}`}`;
  return {
    verdict,
    percent: percent === '-0' ? '0' : percent,
    table: { per: typed.per, value: sameWay ? normalizeRate(table.rate) : turned(table.rate) },
  };
}

/** The field error for a typed rate the table disagrees with, or null when it may be saved. */
export function typedRateProblem(check: RateCheck, other: string, confirmed: boolean): string | null {
  const params = { percent: check.percent, per: check.table.per, table: check.table.value, other };
  if (check.verdict === 'refuse') return messageKey('validation.rateFarOff', params);
  if (check.verdict === 'confirm' && !confirmed) return messageKey('validation.rateUnconfirmed', params);
  return null;
}
