import { describe, expect, it } from 'vitest';
import { formatCountry, formatDate, formatMoney } from './format';

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
