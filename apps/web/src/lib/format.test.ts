import { describe, expect, it } from 'vitest';
import { parseAmount } from '@tessera/domain';
import {
  decimalMarkFor,
  formatCountry,
  formatDate,
  formatDay,
  formatMinorForInput,
  formatMoney,
  formatMonth,
  formatPercent,
  formatRate,
} from './format';

// Node has full ICU; Chromium without mk/sq data is covered by the polyfills and the e2e test.
describe('format', () => {
  it('formats money from minor units', () => {
    expect(formatMoney('en', 123450, 'EUR')).toBe('€1,234.50');
    expect(formatMoney('mk', 123450, 'MKD')).toMatch(/1\.234,50\s?ден/);
  });

  it('uses Macedonian month names', () => {
    expect(formatDate('mk', '2025-11-03T10:00:00Z')).toMatch(/ноември/);
    expect(formatDate('en', '')).toBe('');
  });

  it('names countries in the UI language', () => {
    expect(formatCountry('sv', 'MK')).toBe('Nordmakedonien');
    expect(formatCountry('en', null)).toBe('');
  });
});

describe('calendar dates, percentages and amount inputs', () => {
  it('formats a stored day without shifting it by time zone', () => {
    expect(formatDay('en', '2026-03-01')).toBe('Mar 1, 2026');
    expect(formatDay('mk', '2026-12-31')).toMatch(/31.*дек.*2026/);
    expect(formatMonth('sv', '2026-05')).toMatch(/maj 2026/);
  });

  it('knows the decimal mark people type', () => {
    expect(decimalMarkFor('en')).toBe('.');
    expect(decimalMarkFor('mk')).toBe(',');
    expect(decimalMarkFor('sv')).toBe(',');
    expect(decimalMarkFor('sq')).toBe(',');
  });

  it('writes amounts for inputs so that parseAmount reads them back unchanged', () => {
    for (const locale of ['en', 'mk', 'sv', 'sq']) {
      for (const [minor, currency] of [
        [2_400_000, 'USD'],
        [5, 'EUR'],
        [1234, 'JPY'],
        [0, 'MKD'],
        [1234, 'BHD'], // 1.234 would ask; written back as 1.2340
      ] as const) {
        const text = formatMinorForInput(locale, minor, currency);
        expect(parseAmount(text, currency, decimalMarkFor(locale))).toEqual({ ok: true, amountMinor: minor });
      }
    }
    expect(formatMinorForInput('mk', 123450, 'MKD')).toBe('1234,50');
    expect(formatMinorForInput('en', null, 'MKD')).toBe('');
  });

  it('formats percentages and rates in the UI locale', () => {
    expect(formatPercent('en', 0.425)).toBe('42.5%');
    expect(formatPercent('en', null)).toBe('');
    expect(formatRate('mk', '61.5234')).toBe('61,5234');
    expect(formatRate('en', '1234.5')).toBe('1,234.5');
  });
});
