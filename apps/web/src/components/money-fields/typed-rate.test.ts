import { describe, expect, it } from 'vitest';
import { checkAgainstTable, ratePerFor, readRateText } from './typed-rate';

const table = { fromCurrency: 'USD', toCurrency: 'MKD', rate: '54' };

describe('the rate field', () => {
  it('offers "1 USD = … MKD" for MKD spent on a USD grant in a Macedonian organisation', () => {
    expect(ratePerFor('', 'MKD', 'USD', 'MKD', table)).toBe('USD');
    expect(ratePerFor('MKD', 'MKD', 'USD', 'MKD', table)).toBe('MKD');
    // Neither currency local: the way round that is at least 1.
    expect(ratePerFor('', 'USD', 'EUR', 'MKD', { fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.08' })).toBe('EUR');
    expect(ratePerFor('SEK', 'USD', 'EUR', 'MKD', null)).toBe('EUR');
  });

  it('reads rates typed in any language and asks about "61.500"', () => {
    expect(readRateText('54', 'USD')).toEqual({ kind: 'quote', quote: { per: 'USD', value: '54' } });
    expect(readRateText('61,5', 'EUR')).toEqual({ kind: 'quote', quote: { per: 'EUR', value: '61.5' } });
    expect(readRateText('0,0185', 'MKD')).toEqual({ kind: 'quote', quote: { per: 'MKD', value: '0.0185' } });
    expect(readRateText('', 'USD')).toEqual({ kind: 'empty' });
    expect(readRateText('61.500', 'USD')).toMatchObject({ kind: 'problem', error: 'validation.ambiguousNumber' });
    expect(readRateText('0', 'USD')).toMatchObject({ kind: 'problem', error: 'validation.invalidRate' });
  });

  it('compares with the table whichever way round either is given', () => {
    expect(checkAgainstTable({ per: 'MKD', value: '54' }, table)?.verdict).toBe('refuse');
    expect(checkAgainstTable({ per: 'USD', value: '61.5' }, table)).toMatchObject({
      verdict: 'confirm',
      percent: '13.9',
    });
    expect(checkAgainstTable({ per: 'EUR', value: '61.5' }, table)).toBeNull();
  });
});
