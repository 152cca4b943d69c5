import { createIndicatorInput, type Indicator, noFilter } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { draftFieldFor, draftToInput, emptyIndicatorDraft, indicatorToDraft } from './indicator-draft';

const indicator: Indicator = {
  id: 'i1',
  version: 3,
  projectId: null,
  grantId: 'g1',
  level: 'outcome',
  resultStatement: 'Women find work',
  code: '2.2',
  name: 'Share completing',
  definition: null,
  unit: '%',
  type: 'percentage',
  direction: 'increase',
  baselineValue: 12.5,
  baselineYear: 2025,
  baselineComment: null,
  lifeTarget: 80,
  targets: [{ periodStart: '2026-01-01', periodEnd: '2026-06-30', target: 40 }],
  dataSource: 'Register',
  collectionMethod: null,
  frequency: null,
  responsible: null,
  disaggregation: ['ageBand'],
  source: 'derived',
  numerator: { measure: 'completions', filter: { ...noFilter, activityKind: 'training', projectId: 'p1' } },
  denominator: { measure: 'uniqueParticipants', filter: { ...noFilter, activityKind: 'training' } },
};

describe('indicator drafts', () => {
  it('round-trip an indicator through the form in a comma locale', () => {
    const draft = indicatorToDraft(indicator, ',');
    expect(draft.baselineValue).toBe('12,5');
    const input = createIndicatorInput.parse(draftToInput(draft, { projectId: null, grantId: 'g1' }, ','));
    const { id: _id, version: _version, ...fields } = indicator;
    expect(input).toEqual(fields);
  });

  it('drops measures of a manual indicator, the denominator of a number and filters that do not apply', () => {
    const draft = indicatorToDraft(indicator, '.');
    const manual = draftToInput({ ...draft, source: 'manual' }, { projectId: null, grantId: 'g1' }, '.');
    expect([manual.numerator, manual.denominator]).toEqual([null, null]);
    const number = draftToInput({ ...draft, type: 'number' }, { projectId: 'p9', grantId: null }, '.');
    expect(number.denominator).toBeNull();
    // On a project, the project filter does not apply.
    expect(number.numerator?.filter).toEqual({ ...noFilter, activityKind: 'training' });
    const sessions = draftToInput(
      {
        ...draft,
        type: 'number',
        disaggregation: ['gender', 'city'],
        numerator: { ...draft.numerator, measure: 'sessionsHeld' },
      },
      { projectId: null, grantId: 'g1' },
      '.',
    );
    expect(sessions.disaggregation).toEqual(['city']);
  });

  it('makes unreadable numbers and empty target rows fail on their own fields', () => {
    const draft = {
      ...emptyIndicatorDraft(),
      level: 'output' as const,
      code: 'X',
      name: 'Y',
      unit: 'z',
      source: 'manual' as const,
      baselineValue: 'abc',
      targets: [{ periodStart: '2026-02-01', periodEnd: '2026-01-01', target: '' }],
    };
    const result = createIndicatorInput.safeParse(draftToInput(draft, { projectId: 'p', grantId: null }, '.'));
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => draftFieldFor(i.path.join('.')));
    expect(paths).toEqual(expect.arrayContaining(['baselineValue', 'targets.0.target']));
    // The cross-field rules run once every field reads: then the period lands on its end date.
    const readable = { ...draft, baselineValue: '', targets: [{ ...draft.targets[0], target: '3' }] };
    const second = createIndicatorInput.safeParse(
      draftToInput(readable as typeof draft, { projectId: 'p', grantId: null }, '.'),
    );
    expect(second.error?.issues.map((i) => draftFieldFor(i.path.join('.')))).toEqual(['targets.0.periodEnd']);
  });

  it('maps API error paths onto form fields', () => {
    expect(draftFieldFor('numerator.filter.projectId')).toBe('numerator.filter.projectId');
    expect(draftFieldFor('numerator')).toBe('numerator.measure');
    expect(draftFieldFor('denominator.filter')).toBe('denominator.measure');
    expect(draftFieldFor('targets.3.periodStart')).toBe('targets.3.periodStart');
    expect(draftFieldFor('disaggregation.1')).toBe('disaggregation');
    expect(draftFieldFor('code')).toBe('code');
    expect(draftFieldFor('projectId')).toBeUndefined();
    expect(draftFieldFor('targets')).toBeUndefined();
  });
});
