import { describe, expect, it } from 'vitest';
import { formatClockMinutes, minutesForInput, parseHours } from './hours';

describe('hours typed in the programme forms', () => {
  it('reads whole, decimal and clock hours', () => {
    expect(parseHours('80')).toBe(4800);
    expect(parseHours(' 2.5 ')).toBe(150);
    expect(parseHours('2,5')).toBe(150);
    expect(parseHours('2:30')).toBe(150);
    expect(parseHours('0:45')).toBe(45);
    expect(parseHours('1.33')).toBe(80);
  });

  it('refuses what is not a number of hours', () => {
    for (const text of ['', ' ', '-1', 'abc', '2:75', '1.2.3', '2h', '1e3']) expect(parseHours(text), text).toBeNull();
  });

  it('shows lengths as h:mm and round-trips through the input', () => {
    expect(formatClockMinutes(150)).toBe('2:30');
    expect(formatClockMinutes(300)).toBe('5:00');
    expect(formatClockMinutes(5)).toBe('0:05');
    for (const minutes of [0, 45, 60, 150, 4800]) expect(parseHours(minutesForInput(minutes))).toBe(minutes);
  });
});
