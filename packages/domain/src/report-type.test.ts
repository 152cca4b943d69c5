import { describe, expect, it } from 'vitest';
import { periodFrequency, reportTypeOf } from './report-type';

const grant = { startDate: '2026-04-01', endDate: '2027-03-31' };

describe('the type of a report follows its period', () => {
  it('is final for the grant’s last period and for its whole span', () => {
    expect(reportTypeOf({ from: '2027-01-01', to: '2027-03-31' }, grant)).toBe('final');
    expect(reportTypeOf({ from: '2026-04-01', to: '2027-03-31' }, grant)).toBe('final');
    expect(reportTypeOf({ from: '2026-10-01', to: '2027-03-31' }, grant)).toBe('final');
  });

  it('is quarterly, semi-annual or annual by the length of an interim period', () => {
    expect(reportTypeOf({ from: '2026-07-01', to: '2026-09-30' }, grant)).toBe('quarterly');
    // A first quarter clipped to a grant starting mid-quarter.
    expect(reportTypeOf({ from: '2026-05-14', to: '2026-06-30' }, { ...grant, startDate: '2026-05-14' })).toBe(
      'quarterly',
    );
    expect(reportTypeOf({ from: '2026-04-01', to: '2026-09-30' }, grant)).toBe('semiAnnual');
    expect(reportTypeOf({ from: '2026-01-01', to: '2026-12-31' }, { ...grant, startDate: '2026-01-01' })).toBe(
      'annual',
    );
  });

  it('names no type for an eight-month period to date, rather than calling it annual', () => {
    expect(reportTypeOf({ from: '2026-04-01', to: '2026-11-30' }, grant)).toBeNull();
    expect(periodFrequency({ from: '2026-04-01', to: '2026-11-30' })).toBeNull();
    expect(periodFrequency({ from: '2026-04-01', to: '2026-08-15' })).toBeNull();
  });
});
