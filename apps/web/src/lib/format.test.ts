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
  formatSessionStart,
  formatTime,
  formattingLocale,
  addMinutesToClock,
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

describe('each language its own conventions (issue 15 item 8)', () => {
  it('shows English the British way unless US formats are chosen', () => {
    expect(formattingLocale('en')).toBe('en-GB');
    expect(formattingLocale('en', true)).toBe('en-US');
    expect(formattingLocale('mk', true)).toBe('mk');
    expect(formatDay(formattingLocale('en'), '2026-12-03')).toBe('3 Dec 2026');
    expect(formatDay(formattingLocale('en', true), '2026-12-03')).toBe('Dec 3, 2026');
    expect(formatDay('sv', '2026-12-03')).toBe('3 dec. 2026');
  });

  it('keeps dollar amounts unambiguous in British English', () => {
    expect(formatMoney('en-GB', 123450, 'USD')).toBe('US$1,234.50');
    expect(formatMoney('en-GB', 123450, 'GBP')).toBe('£1,234.50');
    expect(formatMoney('en-US', 123450, 'USD')).toBe('$1,234.50');
  });

  it('gives a session its day and start time, on the 24-hour clock outside the US', () => {
    expect(formatTime('en-GB', '18:30')).toBe('18:30');
    expect(formatTime('en-US', '18:30')).toBe('6:30 PM');
    expect(formatTime('mk', '09:05')).toMatch(/^0?9:05$/);
    expect(formatSessionStart('en-GB', '2026-12-03', '18:00')).toBe('3 Dec 2026, 18:00');
    expect(formatSessionStart('en-GB', '2026-12-03', null)).toBe('3 Dec 2026');
    expect(addMinutesToClock('18:00', 180)).toBe('21:00');
    expect(addMinutesToClock('23:30', 90)).toBe('01:00');
  });
});
