import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locales } from './locales';
import { parseAmount } from './money';

/** Amounts up to 10^13 minor units: what one money record may hold. */
const largest = 10 ** 13;
import { readDecimal } from './number-entry';

function decimalMarkOf(locale: string): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

const sameNumber = ['1234.50', '1234,50', '1.234,50', '1,234.50', '1 234,50', '1\u00a0234,50', "1'234.50"];

describe('reading typed numbers the same way in every language', () => {
  it('reads the five usual spellings of one thousand two hundred thirty-four and a half alike', () => {
    for (const text of sameNumber) {
      expect(readDecimal(text), text).toEqual({ kind: 'number', whole: '1234', fraction: '50' });
      for (const locale of locales) {
        expect(parseAmount(text, 'MKD', decimalMarkOf(locale)), `${locale} ${text}`).toEqual({
          ok: true,
          amountMinor: 123450,
        });
      }
    }
  });

  it('asks when a lone mark is followed by exactly three digits ("1.234", "1,234")', () => {
    for (const text of ['1.234', '1,234', '12.345', '999,999']) {
      const reading = readDecimal(text);
      expect(reading.kind, text).toBe('ambiguous');
    }
    const parsed = parseAmount('1.234', 'BHD');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toBe('validation.ambiguousNumber');
    expect(parsed.readings?.map((r) => r.amountMinor)).toEqual([1_234_000, 1234]);
    // "1.234" in English: USD cannot hold 1.234, so the one reading offered is 1,234.00; it still asks.
    const usd = parseAmount('1.234', 'USD', '.');
    expect(usd.ok ? [] : usd.readings?.map((r) => r.amountMinor)).toEqual([123_400]);
    // Where the mark is the user's own thousands separator and the currency has no third decimal,
    // there is nothing to ask: "5,000" in English and "5.000" in Macedonian are five thousand.
    expect(parseAmount('5,000', 'USD', '.')).toEqual({ ok: true, amountMinor: 500_000 });
    expect(parseAmount('5.000', 'MKD', ',')).toEqual({ ok: true, amountMinor: 500_000 });
    expect(parseAmount('5,000', 'MKD', ',').ok).toBe(false);
    expect(parseAmount('5,000', 'BHD', '.').ok).toBe(false);
    // Without the user's language (an API client) every such input asks.
    expect(parseAmount('5,000', 'USD').ok).toBe(false);
  });

  it('is not ambiguous where grouping cannot be meant', () => {
    expect(readDecimal('0.234')).toEqual({ kind: 'number', whole: '0', fraction: '234' });
    expect(readDecimal('.234')).toEqual({ kind: 'number', whole: '', fraction: '234' });
    expect(readDecimal('1234.567')).toEqual({ kind: 'number', whole: '1234', fraction: '567' });
    expect(readDecimal('1.234.567')).toEqual({ kind: 'number', whole: '1234567', fraction: '' });
    expect(readDecimal('1 234.567')).toEqual({ kind: 'number', whole: '1234', fraction: '567' });
    expect(readDecimal('1,2340')).toEqual({ kind: 'number', whole: '1', fraction: '2340' });
  });

  it('refuses what is not a number with a message key', () => {
    for (const text of ['1.2.3', '12,34,567', '1.23.456', 'ten', '1,234.567,8', '1 23,5', '--1', '1e5', '.']) {
      expect(readDecimal(text).kind, text).toBe('invalid');
    }
    expect(readDecimal('')).toEqual({ kind: 'invalid', error: 'validation.required' });
    expect(readDecimal('-5')).toEqual({ kind: 'invalid', error: 'validation.negative' });
    expect(readDecimal('\u22125')).toEqual({ kind: 'invalid', error: 'validation.negative' });
  });

  it('takes a number written by any of the four languages back exactly (or asks between readings that include it)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.constantFrom('USD', 'MKD', 'SEK', 'EUR', 'JPY', 'BHD'),
        fc.bigInt({ min: 0n, max: BigInt(largest) }),
        fc.boolean(),
        (locale, currency, minor, grouping) => {
          const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
            .maximumFractionDigits as number;
          const amountMinor = Number(minor);
          const text = new Intl.NumberFormat(locale, {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
            useGrouping: grouping,
          }).format(Number(minor) / 10 ** digits);
          // Doubles cannot carry every large amount exactly; compare with what Intl was given.
          if (BigInt(Math.round((Number(minor) / 10 ** digits) * 10 ** digits)) !== minor) return;
          const parsed = parseAmount(text, currency, decimalMarkOf(locale));
          // A currency without a third decimal is never in doubt when written the user's way.
          if (digits <= 2) expect(parsed, `${locale} ${text}`).toEqual({ ok: true, amountMinor });
          else if (parsed.ok) expect(parsed.amountMinor, `${locale} ${text}`).toBe(amountMinor);
          else expect(parsed.readings?.map((r) => r.amountMinor) ?? [], `${locale} ${text}`).toContain(amountMinor);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads any whole and fraction spelt in any of the conventions people use, in every language alike', () => {
    const styles = [
      { group: ',', decimal: '.' },
      { group: '.', decimal: ',' },
      { group: ' ', decimal: ',' },
      { group: '\u00a0', decimal: ',' },
      { group: "'", decimal: '.' },
      { group: '', decimal: '.' },
      { group: '', decimal: ',' },
    ];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.stringMatching(/^\d{1,2}$/),
        fc.constantFrom(...styles),
        (whole, fraction, style) => {
          const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
          const text = `${grouped}${style.decimal}${fraction}`;
          expect(readDecimal(text), text).toEqual({ kind: 'number', whole: whole.toString(), fraction });
          const minor = whole * 100n + BigInt(fraction.padEnd(2, '0'));
          if (minor <= BigInt(largest)) {
            expect(parseAmount(text, 'EUR'), text).toEqual({ ok: true, amountMinor: Number(minor) });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the two readings of an ambiguous input are the grouped whole and the three-decimal number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.stringMatching(/^\d{3}$/),
        fc.constantFrom('.', ','),
        (head, tail, mark) => {
          const reading = readDecimal(`${head}${mark}${tail}`);
          expect(reading).toEqual({
            kind: 'ambiguous',
            mark,
            grouped: { whole: `${head}${tail}`.replace(/^0+(?=\d)/, ''), fraction: '' },
            decimal: { whole: String(head), fraction: tail },
          });
        },
      ),
    );
  });
});
