import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateMinor,
  convertMinor,
  currencyExponent,
  currencySchema,
  formatMinorPlain,
  impliedRate,
  invertRate,
  isCurrencyCode,
  parseAmount,
  rateSchema,
} from './money';

const currencies = ['USD', 'EUR', 'MKD', 'SEK', 'JPY', 'BHD', 'CLF'] as const;

describe('currencies', () => {
  it('knows ISO 4217 codes and their exponents', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('MKD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(currencySchema.parse(' eur ')).toBe('EUR');
    expect(currencySchema.safeParse('EURO').success).toBe(false);
  });
});

describe('parsing typed amounts', () => {
  it('reads the usual ways people type money', () => {
    expect(parseAmount('1234.5', 'EUR')).toEqual({ ok: true, amountMinor: 123450 });
    expect(parseAmount('1 234,50', 'MKD')).toEqual({ ok: true, amountMinor: 123450 });
    expect(parseAmount('1,234.50', 'USD')).toEqual({ ok: true, amountMinor: 123450 });
    expect(parseAmount('1.234.567,89', 'EUR')).toEqual({ ok: true, amountMinor: 123456789 });
    expect(parseAmount('1.234.000', 'EUR')).toEqual({ ok: true, amountMinor: 123400000 });
    expect(parseAmount('1.2340', 'BHD')).toEqual({ ok: true, amountMinor: 1234 });
    expect(parseAmount('5.00', 'JPY')).toEqual({ ok: true, amountMinor: 5 });
    expect(parseAmount('.5', 'USD')).toEqual({ ok: true, amountMinor: 50 });
    expect(parseAmount('500', 'JPY')).toEqual({ ok: true, amountMinor: 500 });
    expect(parseAmount('0', 'USD')).toEqual({ ok: true, amountMinor: 0 });
  });

  it('refuses negatives, over-precise and non-numbers with a message key', () => {
    expect(parseAmount('-5', 'USD')).toEqual({ ok: false, error: 'validation.negative' });
    expect(parseAmount('10.5551', 'USD')).toEqual({ ok: false, error: 'validation.tooPrecise?digits=2' });
    expect(parseAmount('10.5', 'JPY')).toEqual({ ok: false, error: 'validation.tooPrecise?digits=0' });
    expect(parseAmount('ten', 'USD')).toEqual({ ok: false, error: 'validation.invalidNumber' });
    expect(parseAmount('1.2.3', 'USD')).toEqual({ ok: false, error: 'validation.invalidNumber' });
    expect(parseAmount('10,5551', 'USD')).toEqual({ ok: false, error: 'validation.tooPrecise?digits=2' });
    expect(parseAmount('', 'USD')).toEqual({ ok: false, error: 'validation.required' });
    expect(parseAmount('99999999999999999999', 'USD')).toEqual({ ok: false, error: 'validation.tooLarge' });
  });

  it('round-trips every amount through its plain form', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.integer({ min: 0, max: 10 ** 13 }), (currency, minor) => {
        // The plain form of a three-decimal currency ("1.234" BHD) asks; its readings hold the amount.
        const text = formatMinorPlain(minor, currency);
        for (const typed of [text, text.replace('.', ',')]) {
          const parsed = parseAmount(typed, currency);
          if (parsed.ok) expect(parsed.amountMinor).toBe(minor);
          else expect(parsed.readings?.map((r) => r.amountMinor)).toContain(minor);
        }
      }),
    );
  });
});

describe('conversion', () => {
  it('converts with the stated rate and rounds half away from zero', () => {
    // 100.00 USD at 61.5 MKD per USD = 6150.00 MKD
    expect(convertMinor(10000, 'USD', 'MKD', '61.5')).toBe(615000);
    // 1.00 MKD at 0.016260 USD per MKD = 0.01626 USD → 0.02 USD (half away from zero at .5 and up)
    expect(convertMinor(100, 'MKD', 'USD', '0.01626')).toBe(2);
    expect(convertMinor(50, 'USD', 'EUR', '0.01')).toBe(1); // 0.005 → 0.01
    expect(convertMinor(49, 'USD', 'EUR', '0.01')).toBe(0);
    expect(convertMinor(1000, 'JPY', 'USD', '0.0067')).toBe(670); // ¥1000 → $6.70
    expect(convertMinor(670, 'USD', 'JPY', '149.25')).toBe(1000); // $6.70 → ¥999.975 → ¥1000
  });

  it('is within half a minor unit of the exact value, for any amount and rate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.constantFrom(...currencies),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (from, to, amount, rateDigits, rateScale) => {
          const rateText = (rateDigits / 10 ** rateScale).toFixed(rateScale);
          // exact = amount * rate * 10^(eTo - eFrom), compared in integers
          const shift = currencyExponent(to) - currencyExponent(from);
          const num = BigInt(amount) * BigInt(rateText.replace('.', '')) * 10n ** BigInt(Math.max(0, shift));
          const den = 10n ** BigInt(rateScale) * 10n ** BigInt(Math.max(0, -shift));
          if (num / den >= BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(() => convertMinor(amount, from, to, rateText)).toThrow(RangeError);
            return;
          }
          const result = convertMinor(amount, from, to, rateText);
          const error = BigInt(result) * den - num;
          expect(2n * (error < 0n ? -error : error) <= den).toBe(true);
        },
      ),
    );
  });

  it('never shrinks a larger amount below a smaller one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e6 }), (a, extra) => {
        expect(convertMinor(a + extra, 'EUR', 'MKD', '61.495')).toBeGreaterThanOrEqual(
          convertMinor(a, 'EUR', 'MKD', '61.495'),
        );
      }),
    );
  });

  it('derives the rate a bank actually gave', () => {
    expect(impliedRate(500000, 'USD', 30750000, 'MKD')).toBe('61.5');
    expect(impliedRate(100, 'EUR', 6150, 'MKD', 4)).toBe('61.5');
  });

  it('inverts a rate for the opposite direction', () => {
    expect(invertRate('61.5')).toBe('0.0162601626');
    expect(invertRate('0.5')).toBe('2');
  });

  it('accepts rates as positive decimals only', () => {
    expect(rateSchema.parse('61,50')).toBe('61.5');
    expect(rateSchema.parse('0.016260')).toBe('0.01626');
    for (const bad of ['0', '-1', 'abc', '1e3', '']) expect(rateSchema.safeParse(bad).success).toBe(false);
  });
});

describe('allocation', () => {
  it('splits without losing or creating a minor unit', () => {
    expect(allocateMinor(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateMinor(5, [1, 0, 1])).toEqual([3, 0, 2]);
    expect(allocateMinor(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('always sums to the total, each part within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateMinor(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            expect(Math.abs(part - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});
