import { measures, noFilter } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { applicableDisaggregations, applicableFilters, keepApplicable } from './measure-filters';

describe('applicableFilters', () => {
  it('offers nothing before a measure is chosen', () => {
    expect(applicableFilters('', 'grant')).toEqual([]);
  });

  it('offers the activity filters for every measure, the project only on a grant', () => {
    for (const measure of measures) {
      expect(applicableFilters(measure, 'grant').slice(0, 3)).toEqual(['activityKind', 'projectId', 'city']);
      expect(applicableFilters(measure, 'project')).not.toContain('projectId');
    }
  });

  it('offers output and outcome kinds only to their own measures', () => {
    expect(applicableFilters('outputQuantity', 'project')).toEqual(['activityKind', 'city', 'outputKind']);
    expect(applicableFilters('outcomeRecords', 'project')).toEqual(['activityKind', 'city', 'outcomeKind']);
    expect(applicableFilters('completions', 'grant')).toEqual(['activityKind', 'projectId', 'city']);
  });
});

describe('keepApplicable', () => {
  it('clears filters a measure ignores, so a hidden field never changes the count', () => {
    const filter = {
      activityKind: 'training' as const,
      projectId: 'p1',
      city: 'Skopje',
      outputKind: 'video' as const,
      outcomeKind: 'employment' as const,
    };
    expect(keepApplicable('completions', 'project', filter)).toEqual({
      ...noFilter,
      activityKind: 'training',
      city: 'Skopje',
    });
    expect(keepApplicable('outputQuantity', 'grant', filter)).toEqual({ ...filter, outcomeKind: null });
  });
});

describe('applicableDisaggregations', () => {
  it('splits activity-based measures by city only', () => {
    expect(applicableDisaggregations('derived', 'sessionsHeld')).toEqual(['city']);
    expect(applicableDisaggregations('derived', 'outputQuantity')).toEqual(['city']);
    expect(applicableDisaggregations('derived', 'uniqueParticipants')).toEqual(['gender', 'ageBand', 'city']);
    expect(applicableDisaggregations('manual', '')).toEqual(['gender', 'ageBand', 'city']);
  });
});
