import { describe, expect, it } from 'vitest';
import { isoToday } from './today';

describe('isoToday', () => {
  it('gives the date in the time zone, as YYYY-MM-DD', () => {
    const lateEvening = new Date('2026-11-21T23:30:00Z');
    expect(isoToday('UTC', lateEvening)).toBe('2026-11-21');
    // Already the next day in Skopje (UTC+1 in winter).
    expect(isoToday('Europe/Skopje', lateEvening)).toBe('2026-11-22');
  });
});
