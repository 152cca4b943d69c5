import {
  checkTypedRate,
  type DecimalDigits,
  decimalString,
  type ExchangeRate,
  messageKey,
  naturalQuote,
  type RateCheck,
  type RateQuote,
  rateSchema,
  readDecimal,
  writeUnambiguous,
} from '@tessera/domain';

/** What a rate field holds: the typed number and which currency it is per one of. */
export interface RateFieldValue {
  per: string;
  text: string;
}

export type ReadRate =
  | { kind: 'empty' }
  | { kind: 'quote'; quote: RateQuote }
  | { kind: 'problem'; error: string; readings?: DecimalDigits[] };

/**
 * The currency a rate is said per, for a pair: the field's own choice when it is one of the pair;
 * else one foreign unit in local units ("1 USD = 54 MKD"); else the way the table's rate is at least 1.
 */
export function ratePerFor(
  chosen: string,
  from: string,
  to: string,
  local: string,
  table: Pick<ExchangeRate, 'fromCurrency' | 'toCurrency' | 'rate'> | null,
): string {
  if (chosen === from || chosen === to) return chosen;
  if (local === from) return to;
  if (local === to) return from;
  if (table) return naturalQuote(table.rate, table.fromCurrency, table.toCurrency, local).per;
  return to;
}

/** Reads a typed rate like any typed number ("54", "61,5", "1.955,83"); three decimals after a lone mark ask. */
export function readRateText(text: string, per: string): ReadRate {
  if (text.trim() === '') return { kind: 'empty' };
  const reading = readDecimal(text);
  if (reading.kind === 'invalid') return { kind: 'problem', error: reading.error };
  if (reading.kind === 'ambiguous') {
    return {
      kind: 'problem',
      error: messageKey('validation.ambiguousNumber'),
      readings: [reading.grouped, reading.decimal],
    };
  }
  const parsed = rateSchema.safeParse(decimalString(reading));
  if (!parsed.success) return { kind: 'problem', error: parsed.error.issues[0]?.message ?? 'validation.invalidRate' };
  return { kind: 'quote', quote: { per, value: parsed.data } };
}

/** The check of a typed quote against the table's nearest rate, or null without one. */
export function checkAgainstTable(
  quote: RateQuote,
  table: Pick<ExchangeRate, 'fromCurrency' | 'toCurrency' | 'rate'> | null,
): RateCheck | null {
  if (!table || (quote.per !== table.fromCurrency && quote.per !== table.toCurrency)) return null;
  return checkTypedRate(quote, { from: table.fromCurrency, to: table.toCurrency, rate: table.rate });
}

/** A stored rate back in the field, the way it is said, in the user's decimal mark. */
export function rateFieldValueFor(
  rate: string,
  from: string,
  to: string,
  local: string,
  decimalMark: '.' | ',',
): RateFieldValue {
  const quote = naturalQuote(rate, from, to, local);
  const [whole = '', fraction = ''] = quote.value.split('.');
  return { per: quote.per, text: writeUnambiguous({ whole, fraction }, decimalMark) };
}
