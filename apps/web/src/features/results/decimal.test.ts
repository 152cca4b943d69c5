import { describe, expect, it } from 'vitest';
import { decimalForInput, parseDecimal, parseYear } from './decimal';

describe('parseDecimal', () => {
  it('reads the locale’s decimal mark', () => {
    expect(parseDecimal('12.5', '.')).toBe(12.5);
    expect(parseDecimal('12,5', ',')).toBe(12.5);
    expect(parseDecimal(' -3 ', '.')).toBe(-3);
    expect(parseDecimal('.5', '.')).toBe(0.5);
  });

  it('reads the other mark as grouping, as money inputs do', () => {
    expect(parseDecimal('12.5', ',')).toBe(125);
    expect(parseDecimal('1,600', '.')).toBe(1600);
    expect(parseDecimal('1.600,5', ',')).toBe(1600.5);
    expect(parseDecimal('1 600', ',')).toBe(1600);
    expect(parseDecimal('1\u202f600', ',')).toBe(1600);
  });

  it('is null when empty and NaN when unreadable', () => {
    expect(parseDecimal('  ', '.')).toBeNull();
    expect(parseDecimal('abc', '.')).toBeNaN();
    expect(parseDecimal('1,5,', '.')).toBe(15);
    expect(parseDecimal('1,2,3', ',')).toBeNaN();
    expect(parseDecimal('-', '.')).toBeNaN();
    expect(parseDecimal('1e3', '.')).toBeNaN();
  });
});

describe('parseYear and decimalForInput', () => {
  it('reads whole years only', () => {
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear('')).toBeNull();
    expect(parseYear('2026.5')).toBeNaN();
  });

  it('writes numbers back with the decimal mark, round-tripping', () => {
    expect(decimalForInput(12.5, ',')).toBe('12,5');
    expect(decimalForInput(null, '.')).toBe('');
    for (const mark of ['.', ','] as const) {
      for (const value of [0, 1600, -2.25, 0.1]) expect(parseDecimal(decimalForInput(value, mark), mark)).toBe(value);
    }
  });
});
