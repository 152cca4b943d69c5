import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMinor, invertRate } from './money';
import { checkTypedRate, convertAtQuote, naturalQuote, quoteAsRate, rateQuoteSchema } from './rates';

/** A positive decimal rate string with up to 6 decimals, from 0.000001 to 999999.999999. */
const rateText = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }))
  .filter(([w, f]) => w + f > 0)
  .map(([w, f]) => {
    const fraction = String(f).padStart(6, '0').replace(/0+$/, '');
    return fraction ? `${w}.${fraction}` : String(w);
  });

describe('rates as people say them ("1 USD = 54 MKD")', () => {
  it('converts MKD 2,500 on a USD grant at "1 USD = 54 MKD" to $46.30, not $135,000', () => {
    const quote = rateQuoteSchema.parse({ per: 'USD', value: '54' });
    expect(convertAtQuote(250_000, 'MKD', 'USD', quote)).toBe(4_630);
    expect(convertAtQuote(250_000, 'MKD', 'USD', { per: 'MKD', value: '0.0185185185' })).toBe(4_630);
    expect(quoteAsRate(quote, 'MKD', 'USD')).toBe('0.01851851851851851852');
    expect(() => convertAtQuote(100, 'MKD', 'USD', { per: 'EUR', value: '61.5' })).toThrow(RangeError);
  });

  it('a quote per the paid currency converts exactly as the stored rate does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), rateText, (amount, value) => {
        const quote = { per: 'MKD', value };
        expect(convertAtQuote(amount, 'MKD', 'USD', quote)).toBe(convertMinor(amount, 'MKD', 'USD', value));
        expect(quoteAsRate(quote, 'MKD', 'USD')).toBe(value);
      }),
    );
  });

  it('a quote per the other currency divides once: within half a minor unit of the exact amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        rateText,
        fc.constantFrom(['MKD', 'USD'], ['USD', 'JPY'], ['BHD', 'EUR']),
        (amount, value, [from, to]) => {
          const converted = convertAtQuote(amount, from as string, to as string, { per: to as string, value });
          // Exact: amount / value, scaled by the exponents; |converted − exact| ≤ ½ minor unit.
          const [w = '0', f = ''] = value.split('.');
          const num = BigInt(w + f);
          const scale = 10n ** BigInt(f.length);
          const shift = { MKD: 2, USD: 2, JPY: 0, BHD: 3, EUR: 2 } as Record<string, number>;
          const s = (shift[to as string] ?? 2) - (shift[from as string] ?? 2);
          const exactNum = BigInt(amount) * scale * (s > 0 ? 10n ** BigInt(s) : 1n);
          const exactDen = num * (s < 0 ? 10n ** BigInt(-s) : 1n);
          const diff = BigInt(converted) * exactDen - exactNum;
          expect(2n * (diff < 0n ? -diff : diff) <= exactDen).toBe(true);
        },
      ),
    );
  });

  it('judges a typed rate the same whichever way round it is typed', () => {
    fc.assert(
      fc.property(rateText, rateText, (typed, table) => {
        const asTyped = checkTypedRate({ per: 'USD', value: typed }, { from: 'USD', to: 'MKD', rate: table });
        const tableTurned = checkTypedRate({ per: 'USD', value: typed }, { from: 'MKD', to: 'USD', rate: table });
        const bothTurned = checkTypedRate({ per: 'MKD', value: typed }, { from: 'MKD', to: 'USD', rate: table });
        expect(bothTurned.verdict).toBe(asTyped.verdict);
        // typed/table and table/typed are equally far: the verdict is symmetric in the ratio.
        const swapped = checkTypedRate({ per: 'USD', value: table }, { from: 'USD', to: 'MKD', rate: typed });
        expect(swapped.verdict).toBe(asTyped.verdict);
        // A table quote the other way round is the inverse: typing the table's own inverse is close.
        expect(['close', 'confirm', 'refuse']).toContain(tableTurned.verdict);
      }),
    );
  });

  it('is close within 10%, asks beyond it and refuses beyond five times (either way round)', () => {
    const table = { from: 'USD', to: 'MKD', rate: '54' };
    expect(checkTypedRate({ per: 'USD', value: '54' }, table)).toMatchObject({ verdict: 'close', percent: '0' });
    expect(checkTypedRate({ per: 'USD', value: '59.4' }, table)).toMatchObject({ verdict: 'close', percent: '10' });
    expect(checkTypedRate({ per: 'USD', value: '59.5' }, table)).toMatchObject({ verdict: 'confirm', percent: '10.2' });
    expect(checkTypedRate({ per: 'USD', value: '48' }, table)).toMatchObject({ verdict: 'confirm', percent: '-11.1' });
    expect(checkTypedRate({ per: 'USD', value: '270' }, table).verdict).toBe('confirm');
    expect(checkTypedRate({ per: 'USD', value: '270.01' }, table).verdict).toBe('refuse');
    expect(checkTypedRate({ per: 'USD', value: '10.8' }, table).verdict).toBe('confirm');
    expect(checkTypedRate({ per: 'USD', value: '10.7' }, table).verdict).toBe('refuse');
    // The wrong-way rate of the issue: 54 typed where 1 MKD = 0.0185 USD was meant.
    const wrongWay = checkTypedRate({ per: 'MKD', value: '54' }, table);
    expect(wrongWay).toMatchObject({ verdict: 'refuse', table: { per: 'MKD', value: '0.0185185185' } });
    // The table's own inverse, typed per MKD, is close.
    expect(checkTypedRate({ per: 'MKD', value: invertRate('54') }, table).verdict).toBe('close');
  });

  it('shows a rate as one foreign unit in local units, or the way round that is at least 1', () => {
    expect(naturalQuote('0.0185185185', 'MKD', 'USD', 'MKD')).toEqual({ per: 'USD', value: '54', other: 'MKD' });
    expect(naturalQuote('61.5', 'EUR', 'MKD', 'MKD')).toEqual({ per: 'EUR', value: '61.5', other: 'MKD' });
    expect(naturalQuote('1.08', 'EUR', 'USD', 'MKD')).toEqual({ per: 'EUR', value: '1.08', other: 'USD' });
    expect(naturalQuote('0.925926', 'USD', 'EUR', 'MKD')).toEqual({ per: 'EUR', value: '1.08', other: 'USD' });
    // A quote typed per USD for EUR paid is stored per EUR to 20 decimals; shown to at most 12.
    const stored = quoteAsRate({ per: 'USD', value: '0.925926' }, 'EUR', 'USD');
    expect(naturalQuote(stored, 'EUR', 'USD', 'MKD')).toEqual({ per: 'EUR', value: '1.0799999136', other: 'USD' });
  });

  it('shows a typed quote back as it was typed, whichever way round it was stored', () => {
    fc.assert(
      fc.property(rateText, (value) => {
        const stored = quoteAsRate({ per: 'USD', value }, 'MKD', 'USD');
        expect(naturalQuote(stored, 'MKD', 'USD', 'MKD').value).toBe(value);
      }),
    );
  });
});
