import * as codes from 'currency-codes';
import * as z from 'zod';
import { messageKey } from './messages';
import { type DecimalDigits, readDecimal } from './number-entry';

/**
 * Money is an integer count of minor units of one currency (cents, deni, öre), with the currency's
 * ISO 4217 exponent from the `currency-codes` data. Never a float. Conversions take a stated rate
 * (a decimal string, units of the target currency per one unit of the source) and round once,
 * **half away from zero**, to the target currency's minor unit. Splitting an amount uses the
 * largest-remainder method, so the parts always add up to the whole.
 */

export interface Money {
  amountMinor: number;
  currency: string;
}

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && codes.code(code) !== undefined;
}

/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY, 3 for BHD). */
export function currencyExponent(currency: string): number {
  const record = /^[A-Z]{3}$/.test(currency) ? codes.code(currency) : undefined;
  if (!record) throw new RangeError(`Unknown currency code: ${currency}`);
  return record.digits;
}

export const currencySchema = z
  .string({ error: messageKey('validation.required') })
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { error: messageKey('validation.invalidCurrency') });

/**
 * The most one money record may hold, in minor units of its currency: 10^13 (100 billion in a
 * two-decimal currency). Every total of one grant (its budget, its spending and receipts in the
 * grant and the base currency, its tranches) is held to `maxGrantTotalMinor`, and every total of
 * an organisation in one currency (what the dashboard adds up over grants) to
 * `maxOrganizationTotalMinor`. With those, every sum and difference the product computes stays
 * below Number.MAX_SAFE_INTEGER (≈ 9.007·10^15):
 * docs/decisions/0013-money-limits-and-budget-revisions.md.
 */
export const maxRecordMinor = 10_000_000_000_000;
export const maxGrantTotalMinor = 10_000_000_000_000;
export const maxOrganizationTotalMinor = 4_000_000_000_000_000;

/** A non-negative amount of minor units no larger than one record may hold. */
export const minorUnitsSchema = z
  .number({ error: messageKey('validation.invalidNumber') })
  .int({ error: messageKey('validation.tooPrecise') })
  .min(0, { error: messageKey('validation.negative') })
  .max(maxRecordMinor, { error: messageKey('validation.tooLarge') });

/** True for a count of minor units one record may hold (a converted amount, a typed one). */
export function isStorableMinor(amountMinor: number): boolean {
  return Number.isSafeInteger(amountMinor) && Math.abs(amountMinor) <= maxRecordMinor;
}

/** A reading the user may choose when their input is ambiguous ("1.234"), in minor units. */
export interface AmountReading {
  amountMinor: number;
  digits: DecimalDigits;
}

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; error: string; readings?: AmountReading[] };

function digitsToMinor(digits: DecimalDigits, currency: string): ParsedAmount {
  const exponent = currencyExponent(currency);
  // Zeros after the last significant decimal change nothing ("5.00" yen is 5 yen).
  const fraction = digits.fraction.replace(/0+$/, '');
  if (fraction.length > exponent) {
    return { ok: false, error: messageKey('validation.tooPrecise', { digits: exponent }) };
  }
  const minor = BigInt(digits.whole || '0') * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(maxRecordMinor)) return { ok: false, error: messageKey('validation.tooLarge') };
  return { ok: true, amountMinor: Number(minor) };
}

/**
 * Reads a typed amount into minor units of `currency`, the same way in every language (see
 * `readDecimal`): "1234.50", "1234,50", "1.234,50", "1,234.50" and "1 234,50" are all 1234.50.
 * Refuses negatives and more decimals than the currency has: typed money is never rounded
 * silently. A lone mark before three digits ("1.234") is refused with `validation.ambiguousNumber`
 * and the readings the currency can hold, for the form to ask which was meant, unless the mark is
 * the user's thousands separator (`decimalMark` is the other one) and the currency cannot hold
 * three decimals: "5,000" typed in English is five thousand dollars, "5.000" asks.
 */
export function parseAmount(text: string, currency: string, decimalMark?: '.' | ','): ParsedAmount {
  const reading = readDecimal(text);
  if (reading.kind === 'invalid') return { ok: false, error: reading.error };
  if (reading.kind === 'number') return digitsToMinor(reading, currency);
  const grouped = digitsToMinor(reading.grouped, currency);
  const decimal = digitsToMinor(reading.decimal, currency);
  const holdsThreeDecimals = currencyExponent(currency) >= 3;
  if (decimalMark !== undefined && reading.mark !== decimalMark && !holdsThreeDecimals) return grouped;
  const readings: AmountReading[] = [];
  if (grouped.ok) readings.push({ amountMinor: grouped.amountMinor, digits: reading.grouped });
  if (decimal.ok) readings.push({ amountMinor: decimal.amountMinor, digits: reading.decimal });
  if (readings.length === 0) return decimal;
  return { ok: false, error: messageKey('validation.ambiguousNumber'), readings };
}

/** Minor units as a plain decimal string with a '.' ("1234.50"): for inputs, CSV and logs. */
export function formatMinorPlain(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}

/** Minor units as a number of major units, for Intl formatting only (never for arithmetic). */
export function toMajorUnits(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** currencyExponent(currency);
}

/** A positive exchange rate as a decimal string with up to 12 decimals ("61.5234"). */
export const rateSchema = z
  .string({ error: messageKey('validation.required') })
  .trim()
  .transform((v) => v.replace(',', '.'))
  .refine((v) => /^\d{1,12}(\.\d{1,12})?$/.test(v) && /[1-9]/.test(v), { error: messageKey('validation.invalidRate') })
  .transform(normalizeRate);

/** Strips redundant zeros so equal rates compare equal as strings ("61.50" → "61.5"). */
export function normalizeRate(rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}

/** A decimal rate string as numerator / 10^decimals (exact). */
export function rateAsFraction(rate: string): { numerator: bigint; scale: bigint } {
  const [whole = '0', fraction = ''] = rate.split('.');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) throw new RangeError(`Not a rate: ${rate}`);
  return { numerator: BigInt(whole + fraction), scale: 10n ** BigInt(fraction.length) };
}

/** num / den rounded half away from zero (den > 0). */
export function divideRounded(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const remainder = num % den;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (2n * absRemainder >= den) return quotient + (num < 0n ? -1n : 1n);
  return quotient;
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (units of `to` per one unit
 * of `from`), rounding once, half away from zero. Exact for any safe integer amount.
 */
export function convertMinor(amountMinor: number, from: string, to: string, rate: string): number {
  const { numerator, scale } = rateAsFraction(rate);
  const shift = currencyExponent(to) - currencyExponent(from);
  const num = BigInt(amountMinor) * numerator * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = scale * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  const result = divideRounded(num, den);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('The converted amount is too large to hold exactly.');
  }
  return Number(result);
}

/** The rate implied by two amounts (what a bank actually gave), to `digits` decimals. */
export function impliedRate(fromMinor: number, from: string, toMinor: number, to: string, digits = 6): string {
  if (fromMinor <= 0) throw new RangeError('The source amount must be positive.');
  const shift = currencyExponent(from) - currencyExponent(to);
  const scale = 10n ** BigInt(digits);
  const num = BigInt(toMinor) * scale * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = BigInt(fromMinor) * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  const scaled = divideRounded(num, den)
    .toString()
    .padStart(digits + 1, '0');
  return normalizeRate(`${scaled.slice(0, -digits)}.${scaled.slice(-digits)}`);
}

/** 1 ÷ rate, to `digits` decimals (half away from zero): the rate for the opposite direction. */
export function invertRate(rate: string, digits = 10): string {
  const { numerator, scale } = rateAsFraction(rate);
  if (numerator === 0n) throw new RangeError('A zero rate has no inverse.');
  const scaled = divideRounded(scale * 10n ** BigInt(digits), numerator)
    .toString()
    .padStart(digits + 1, '0');
  return normalizeRate(`${scaled.slice(0, -digits)}.${scaled.slice(-digits)}`);
}

/**
 * Splits `totalMinor` in proportion to non-negative `weights` by the largest-remainder method:
 * every part is the floor of its exact share, and the leftover minor units go one each to the
 * largest remainders (earlier index first on ties). The parts always sum to the total.
 */
export function allocateMinor(totalMinor: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('Nothing to allocate to.');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('Weights must be non-negative integers.');
  const totalWeight = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (totalWeight === 0n) throw new RangeError('Weights must not all be zero.');
  const total = BigInt(totalMinor);
  const sign = total < 0n ? -1n : 1n;
  const absolute = total * sign;
  const shares = weights.map((w, index) => {
    const exact = absolute * BigInt(w);
    return { index, floor: exact / totalWeight, remainder: exact % totalWeight };
  });
  let leftover = absolute - shares.reduce((a, s) => a + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = shares.map((s) => s.floor);
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    parts[share.index] = (parts[share.index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((p) => Number(p * sign));
}
