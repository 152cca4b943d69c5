import type { ReportingDeadline } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { deadlinePeriods, isCompletePeriod } from './periods';

const deadline = (over: Partial<ReportingDeadline>): ReportingDeadline => ({
  id: 'd',
  grantId: 'g',
  kind: 'narrative',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  dueDate: '2026-07-30',
  submittedDate: null,
  note: null,
  version: 1,
  ...over,
});

describe('deadlinePeriods', () => {
  it('gives one pick per period, in order, with every kind due and the earliest due date', () => {
    const picks = deadlinePeriods([
      deadline({ id: 'f2', kind: 'final', periodStart: '2026-01-01', periodEnd: '2026-12-31', dueDate: '2027-02-28' }),
      deadline({ id: 'n1', kind: 'narrative', dueDate: '2026-07-30' }),
      deadline({ id: 'f1', kind: 'financial', dueDate: '2026-07-15' }),
    ]);
    expect(picks).toEqual([
      { from: '2026-01-01', to: '2026-06-30', kinds: ['narrative', 'financial'], dueDate: '2026-07-15' },
      { from: '2026-01-01', to: '2026-12-31', kinds: ['final'], dueDate: '2027-02-28' },
    ]);
  });
});

describe('isCompletePeriod', () => {
  it('needs two dates, the end not before the start', () => {
    expect(isCompletePeriod({ from: '2026-01-01', to: '2026-01-01' })).toBe(true);
    expect(isCompletePeriod({ from: '2026-02-01', to: '2026-01-31' })).toBe(false);
    expect(isCompletePeriod({ from: '', to: '2026-01-31' })).toBe(false);
  });
});
