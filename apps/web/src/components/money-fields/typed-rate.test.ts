import { describe, expect, it } from 'vitest';
import { checkAgainstTable, rateFieldValueFor, ratePerFor, readRateText } from './typed-rate';

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

  it('puts a stored rate back in the field the way it was said, unambiguous in the user’s mark', () => {
    // Typed as 1 USD = 54 MKD, stored per MKD to 20 decimals.
    expect(rateFieldValueFor('0.01851851851851851852', 'MKD', 'USD', 'MKD', ',')).toEqual({ per: 'USD', text: '54' });
    expect(rateFieldValueFor('61.5', 'EUR', 'MKD', 'MKD', ',')).toEqual({ per: 'EUR', text: '61,5' });
    // "1.955" would ask; it goes back as 1.9550.
    expect(rateFieldValueFor('1.955', 'EUR', 'BGN', 'MKD', '.')).toEqual({ per: 'EUR', text: '1.9550' });
  });
});
