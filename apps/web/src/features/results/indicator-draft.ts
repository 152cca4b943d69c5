import {
  type ActivityKind,
  type Disaggregation,
  type Indicator,
  type IndicatorDirection,
  type IndicatorLevel,
  type IndicatorType,
  type Measure,
  type MeasureFilter,
  type MeasureSpec,
  type OutcomeKind,
  type OutputKind,
  noFilter,
} from '@tessera/domain';
import { decimalForInput, parseDecimal, parseYear } from './decimal';
import { applicableDisaggregations, type IndicatorOwner, keepApplicable } from './measure-filters';

/**
 * The indicator form's values: everything as people type it (text for numbers, '' for "not
 * chosen"), shaped like the API input so a server field error such as `numerator.filter.projectId`
 * or `targets.2.periodEnd` names a form field by the same path.
 */
export interface MeasureDraft {
  measure: Measure | '';
  filter: {
    activityKind: ActivityKind | '';
    projectId: string;
    city: string;
    outputKind: OutputKind | '';
    outcomeKind: OutcomeKind | '';
  };
}

export interface TargetDraft {
  periodStart: string;
  periodEnd: string;
  target: string;
}

export interface IndicatorDraft {
  level: IndicatorLevel | '';
  resultStatement: string;
  code: string;
  name: string;
  definition: string;
  unit: string;
  type: IndicatorType;
  direction: IndicatorDirection;
  baselineValue: string;
  baselineYear: string;
  baselineComment: string;
  lifeTarget: string;
  targets: TargetDraft[];
  dataSource: string;
  collectionMethod: string;
  frequency: string;
  responsible: string;
  disaggregation: Disaggregation[];
  source: 'manual' | 'derived';
  numerator: MeasureDraft;
  denominator: MeasureDraft;
}

export function emptyMeasure(): MeasureDraft {
  return { measure: '', filter: { activityKind: '', projectId: '', city: '', outputKind: '', outcomeKind: '' } };
}

export function emptyIndicatorDraft(): IndicatorDraft {
  return {
    level: '',
    resultStatement: '',
    code: '',
    name: '',
    definition: '',
    unit: '',
    type: 'number',
    direction: 'increase',
    baselineValue: '',
    baselineYear: '',
    baselineComment: '',
    lifeTarget: '',
    targets: [],
    dataSource: '',
    collectionMethod: '',
    frequency: '',
    responsible: '',
    disaggregation: [],
    source: 'derived',
    numerator: emptyMeasure(),
    denominator: emptyMeasure(),
  };
}

function measureToDraft(spec: MeasureSpec | null): MeasureDraft {
  if (!spec) return emptyMeasure();
  return {
    measure: spec.measure,
    filter: {
      activityKind: spec.filter.activityKind ?? '',
      projectId: spec.filter.projectId ?? '',
      city: spec.filter.city ?? '',
      outputKind: spec.filter.outputKind ?? '',
      outcomeKind: spec.filter.outcomeKind ?? '',
    },
  };
}

export function indicatorToDraft(indicator: Indicator, decimalMark: '.' | ','): IndicatorDraft {
  const text = (value: string | null) => value ?? '';
  return {
    level: indicator.level,
    resultStatement: text(indicator.resultStatement),
    code: indicator.code,
    name: indicator.name,
    definition: text(indicator.definition),
    unit: indicator.unit,
    type: indicator.type,
    direction: indicator.direction,
    baselineValue: decimalForInput(indicator.baselineValue, decimalMark),
    baselineYear: indicator.baselineYear === null ? '' : String(indicator.baselineYear),
    baselineComment: text(indicator.baselineComment),
    lifeTarget: decimalForInput(indicator.lifeTarget, decimalMark),
    targets: indicator.targets.map((t) => ({
      periodStart: t.periodStart,
      periodEnd: t.periodEnd,
      target: decimalForInput(t.target, decimalMark),
    })),
    dataSource: text(indicator.dataSource),
    collectionMethod: text(indicator.collectionMethod),
    frequency: text(indicator.frequency),
    responsible: text(indicator.responsible),
    disaggregation: [...indicator.disaggregation],
    source: indicator.source,
    numerator: measureToDraft(indicator.numerator),
    denominator: measureToDraft(indicator.denominator),
  };
}

function measureFromDraft(draft: MeasureDraft, owner: IndicatorOwner): MeasureSpec | null {
  if (draft.measure === '') return null;
  const filter: MeasureFilter = {
    ...noFilter,
    activityKind: draft.filter.activityKind || null,
    projectId: draft.filter.projectId || null,
    city: draft.filter.city.trim() || null,
    outputKind: draft.filter.outputKind || null,
    outcomeKind: draft.filter.outcomeKind || null,
  };
  return { measure: draft.measure, filter: keepApplicable(draft.measure, owner, filter) };
}

/**
 * The API input for a draft (to be checked with the shared schema): numbers read in the user's
 * decimal mark, filters and splits that do not apply dropped, a manual indicator without
 * measures and a number indicator without a denominator.
 */
export function draftToInput(
  draft: IndicatorDraft,
  scope: { projectId: string | null; grantId: string | null },
  decimalMark: '.' | ',',
) {
  const owner: IndicatorOwner = scope.projectId ? 'project' : 'grant';
  const derived = draft.source === 'derived';
  const numerator = derived ? measureFromDraft(draft.numerator, owner) : null;
  const denominator = derived && draft.type === 'percentage' ? measureFromDraft(draft.denominator, owner) : null;
  const splits = applicableDisaggregations(draft.source, derived ? draft.numerator.measure : '');
  return {
    projectId: scope.projectId,
    grantId: scope.grantId,
    level: draft.level || undefined,
    resultStatement: draft.resultStatement,
    code: draft.code,
    name: draft.name,
    definition: draft.definition,
    unit: draft.unit,
    type: draft.type,
    direction: draft.direction,
    baselineValue: parseDecimal(draft.baselineValue, decimalMark),
    baselineYear: parseYear(draft.baselineYear),
    baselineComment: draft.baselineComment,
    lifeTarget: parseDecimal(draft.lifeTarget, decimalMark),
    targets: draft.targets.map((t) => ({
      periodStart: t.periodStart,
      periodEnd: t.periodEnd,
      // A target row needs its number: an empty box is refused as not a number.
      target: parseDecimal(t.target, decimalMark) ?? Number.NaN,
    })),
    dataSource: draft.dataSource,
    collectionMethod: draft.collectionMethod,
    frequency: draft.frequency,
    responsible: draft.responsible,
    disaggregation: draft.disaggregation.filter((d) => splits.includes(d)),
    source: draft.source,
    numerator,
    denominator,
  };
}

const draftFields = new Set<string>(Object.keys(emptyIndicatorDraft()));
const measureFields = new Set([
  'measure',
  'filter.activityKind',
  'filter.projectId',
  'filter.city',
  'filter.outputKind',
  'filter.outcomeKind',
]);

/**
 * The form field for an API error path: the same path where the form has that field
 * (`targets.1.target`, `numerator.filter.city`); a missing measure (`numerator`) lands on its
 * measure select; anything else (the scope) has no field and shows in the form's alert.
 */
export function draftFieldFor(path: string): string | undefined {
  const [head, ...rest] = path.split('.');
  if (!head || !draftFields.has(head)) return undefined;
  if (head === 'numerator' || head === 'denominator') {
    const tail = rest.join('.');
    if (tail === '') return `${head}.measure`;
    return measureFields.has(tail) ? `${head}.${tail}` : `${head}.measure`;
  }
  if (head === 'targets') {
    const [index, field] = rest;
    if (
      index !== undefined &&
      /^\d+$/.test(index) &&
      (field === 'periodStart' || field === 'periodEnd' || field === 'target')
    ) {
      return `targets.${index}.${field}`;
    }
    return undefined;
  }
  // disaggregation.1 and the like: the field as a whole.
  return head;
}
