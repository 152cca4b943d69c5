import * as z from 'zod';
import { isoDateSchema } from './dates';
import { activityKinds, ageBands, genders, outputKinds } from './delivery';
import { idField, optionalText, requiredText, versionField } from './fields';
import { messageKey } from './messages';
import type { Shown } from './suppression';

/**
 * Results: a logframe of indicators for a project or a grant, outcome records per participant,
 * and how an indicator's actual, cumulative and % achieved are worked out. Derived measures are
 * computed in the database (packages/db results.repository); this module says what they mean.
 */

// ---------------------------------------------------------------------------------------------
// Outcome records

export const outcomeKinds = ['employment', 'certificate', 'score', 'service', 'housing', 'other'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
const outcomeKindSchema = z.enum(outcomeKinds, { error: messageKey('validation.invalidChoice') });

const scoreField = z
  .number({ error: messageKey('validation.invalidNumber') })
  .min(0, { error: messageKey('validation.negative') })
  .max(1_000_000, { error: messageKey('validation.tooLarge') })
  .nullable();

const outcomeBase = z.object({
  participantId: idField,
  /** The activity the outcome follows from, if any. */
  activityId: idField.nullable(),
  kind: outcomeKindSchema,
  date: isoDateSchema,
  /** Pre/post scores (kind "score"); null otherwise. */
  scoreBefore: scoreField,
  scoreAfter: scoreField,
  /** Free text about a person ("found work at the bakery"): sealed like notes (ADR 0008). */
  description: optionalText(300),
});

function scoresComplete<T extends { kind: OutcomeKind; scoreBefore: number | null; scoreAfter: number | null }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.kind === 'score') {
    if (value.scoreBefore === null) {
      ctx.addIssue({ code: 'custom', path: ['scoreBefore'], message: messageKey('validation.required') });
    }
    if (value.scoreAfter === null) {
      ctx.addIssue({ code: 'custom', path: ['scoreAfter'], message: messageKey('validation.required') });
    }
  }
}

export const createOutcomeInput = outcomeBase.superRefine(scoresComplete);
export type CreateOutcomeInput = z.infer<typeof createOutcomeInput>;
export type OutcomeFormValues = z.input<typeof createOutcomeInput>;
export const updateOutcomeInput = outcomeBase
  .omit({ participantId: true })
  .extend({ id: idField, version: versionField })
  .superRefine(scoresComplete);
export type UpdateOutcomeInput = z.infer<typeof updateOutcomeInput>;

export interface OutcomeRecord {
  id: string;
  participantId: string;
  activityId: string | null;
  activityTitle: string | null;
  kind: OutcomeKind;
  date: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  description: string | null;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// Indicators

export const indicatorLevels = ['impact', 'outcome', 'output'] as const;
export type IndicatorLevel = (typeof indicatorLevels)[number];
export const indicatorTypes = ['number', 'percentage'] as const;
export type IndicatorType = (typeof indicatorTypes)[number];
export const indicatorDirections = ['increase', 'decrease'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

/** What a derived indicator counts, in the database. */
export const measures = [
  'uniqueParticipants',
  'participantHours',
  'completions',
  'sessionsHeld',
  'activities',
  'outputQuantity',
  'headCount',
  'outcomeRecords',
] as const;
export type Measure = (typeof measures)[number];

/** Measures that count people (suppressed below k wherever they leave the system). */
export const peopleMeasures: readonly Measure[] = [
  'uniqueParticipants',
  'completions',
  'headCount',
  'outcomeRecords',
] as const;

/** How a measure can be split. Head counts have no city of their own: the activity's is used. */
export const disaggregations = ['gender', 'ageBand', 'city'] as const;
export type Disaggregation = (typeof disaggregations)[number];

export const measureFilterSchema = z.object({
  activityKind: z.enum(activityKinds, { error: messageKey('validation.invalidChoice') }).nullable(),
  projectId: idField.nullable(),
  city: optionalText(100),
  /** For outputQuantity. */
  outputKind: z.enum(outputKinds, { error: messageKey('validation.invalidChoice') }).nullable(),
  /** For outcomeRecords. */
  outcomeKind: outcomeKindSchema.nullable(),
});
export type MeasureFilter = z.infer<typeof measureFilterSchema>;
export const noFilter: MeasureFilter = {
  activityKind: null,
  projectId: null,
  city: null,
  outputKind: null,
  outcomeKind: null,
};

export const measureSpecSchema = z.object({
  measure: z.enum(measures, { error: messageKey('validation.invalidChoice') }),
  filter: measureFilterSchema,
});
export type MeasureSpec = z.infer<typeof measureSpecSchema>;

const amountField = z
  .number({ error: messageKey('validation.invalidNumber') })
  .finite({ error: messageKey('validation.invalidNumber') })
  .min(-1_000_000_000, { error: messageKey('validation.tooLarge') })
  .max(1_000_000_000, { error: messageKey('validation.tooLarge') });

export const indicatorTargetSchema = z.object({
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  target: amountField,
});
export type IndicatorTarget = z.infer<typeof indicatorTargetSchema>;

const indicatorBase = z.object({
  /** Exactly one of projectId and grantId. */
  projectId: idField.nullable(),
  grantId: idField.nullable(),
  level: z.enum(indicatorLevels, { error: messageKey('validation.invalidChoice') }),
  /** The result statement this indicator measures ("Women find work after the training"). */
  resultStatement: optionalText(500),
  code: requiredText(20),
  name: requiredText(300),
  definition: optionalText(2000),
  unit: requiredText(50),
  type: z.enum(indicatorTypes, { error: messageKey('validation.invalidChoice') }),
  direction: z.enum(indicatorDirections, { error: messageKey('validation.invalidChoice') }),
  baselineValue: amountField.nullable(),
  baselineYear: z
    .number({ error: messageKey('validation.invalidNumber') })
    .int({ error: messageKey('validation.invalidNumber') })
    .min(1900, { error: messageKey('validation.invalidYear') })
    .max(2200, { error: messageKey('validation.invalidYear') })
    .nullable(),
  baselineComment: optionalText(500),
  lifeTarget: amountField.nullable(),
  targets: z.array(indicatorTargetSchema).max(40, { error: messageKey('validation.tooMany') }),
  /** Means of verification. */
  dataSource: optionalText(300),
  collectionMethod: optionalText(300),
  frequency: optionalText(100),
  responsible: optionalText(200),
  disaggregation: z.array(z.enum(disaggregations, { error: messageKey('validation.invalidChoice') })).max(3),
  /** Hand-entered per period, or derived from the data. */
  source: z.enum(['manual', 'derived'], { error: messageKey('validation.invalidChoice') }),
  /** Derived number: this measure. Derived percentage: numerator ÷ denominator × 100. */
  numerator: measureSpecSchema.nullable(),
  denominator: measureSpecSchema.nullable(),
});

function indicatorRules(value: z.infer<typeof indicatorBase>, ctx: z.RefinementCtx) {
  if ((value.projectId === null) === (value.grantId === null)) {
    ctx.addIssue({ code: 'custom', path: ['projectId'], message: messageKey('validation.indicatorScope') });
  }
  if (value.source === 'derived') {
    if (!value.numerator) {
      ctx.addIssue({ code: 'custom', path: ['numerator'], message: messageKey('validation.required') });
    }
    if (value.type === 'percentage' && !value.denominator) {
      ctx.addIssue({ code: 'custom', path: ['denominator'], message: messageKey('validation.required') });
    }
  }
  if (value.type === 'percentage') {
    for (const [field, v] of [
      ['baselineValue', value.baselineValue],
      ['lifeTarget', value.lifeTarget],
    ] as const) {
      if (v !== null && (v < 0 || v > 100)) {
        ctx.addIssue({ code: 'custom', path: [field], message: messageKey('validation.percentage') });
      }
    }
  }
  const seen = new Set<string>();
  value.targets.forEach((t, i) => {
    if (t.periodEnd < t.periodStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets', i, 'periodEnd'],
        message: messageKey('validation.endBeforeStart'),
      });
    }
    const key = `${t.periodStart}/${t.periodEnd}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets', i, 'periodStart'],
        message: messageKey('validation.duplicate'),
      });
    }
    seen.add(key);
  });
  const dims = new Set(value.disaggregation);
  if (dims.size !== value.disaggregation.length) {
    ctx.addIssue({ code: 'custom', path: ['disaggregation'], message: messageKey('validation.duplicate') });
  }
}

export const indicatorFields = indicatorBase.superRefine(indicatorRules);
export type IndicatorFormValues = z.input<typeof indicatorFields>;
export const createIndicatorInput = indicatorFields;
export type CreateIndicatorInput = z.infer<typeof createIndicatorInput>;
export const updateIndicatorInput = indicatorBase
  .extend({ id: idField, version: versionField })
  .superRefine(indicatorRules);
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorInput>;

export interface Indicator extends Omit<CreateIndicatorInput, never> {
  id: string;
  version: number;
}

/** A hand-entered value for one period (manual indicators). */
export const indicatorValueInput = z
  .object({
    indicatorId: idField,
    periodStart: isoDateSchema,
    periodEnd: isoDateSchema,
    /** Number indicators: the value. Percentage indicators: computed from the two below. */
    value: amountField.nullable(),
    numerator: amountField.nullable(),
    denominator: amountField.nullable(),
    comment: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: messageKey('validation.endBeforeStart') });
    }
    const hasPair = v.numerator !== null || v.denominator !== null;
    if (hasPair) {
      if (v.numerator === null) {
        ctx.addIssue({ code: 'custom', path: ['numerator'], message: messageKey('validation.required') });
      }
      if (v.denominator === null || v.denominator <= 0) {
        ctx.addIssue({ code: 'custom', path: ['denominator'], message: messageKey('validation.positive') });
      }
    } else if (v.value === null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: messageKey('validation.required') });
    }
  });
export type IndicatorValueInput = z.infer<typeof indicatorValueInput>;

export interface IndicatorValue {
  id: string;
  indicatorId: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number;
}

/**
 * A hand-entered value as `indicators.values` returns it. Exact for roles that may read the
 * register; for the others hidden by the results view's rule: a whole count of people from 1 to
 * k−1 (the value, or a percentage's numerator or denominator) hides the value with its counts,
 * and a number indicator's values, which add up, are protected together so that a hidden one
 * cannot be worked out from the rest.
 */
export interface ShownIndicatorValue extends Omit<IndicatorValue, 'value' | 'numerator' | 'denominator'> {
  /** The value as `manualValue` works it out (a percentage from its counts); null where none. */
  value: Shown | null;
  numerator: Shown | null;
  denominator: Shown | null;
}

/**
 * The order groups of a split are shown in: genders and age bands as the domain lists them,
 * cities alphabetically; each key once.
 */
export function orderGroupKeys(dimension: Disaggregation, keys: readonly string[]): string[] {
  const order: readonly string[] = dimension === 'gender' ? genders : dimension === 'ageBand' ? ageBands : [];
  return [...new Set(keys)].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return ia !== ib ? ia - ib : a.localeCompare(b);
  });
}

// ---------------------------------------------------------------------------------------------
// Periods

export const reportPeriodInput = z.object({ from: isoDateSchema, to: isoDateSchema }).superRefine((v, ctx) => {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: messageKey('validation.endBeforeStart') });
});
export type ReportPeriod = z.infer<typeof reportPeriodInput>;

export const projectResultsInput = z
  .object({ projectId: idField, from: isoDateSchema, to: isoDateSchema })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: messageKey('validation.endBeforeStart') });
  });
export const grantResultsInput = z
  .object({ grantId: idField, from: isoDateSchema, to: isoDateSchema })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: messageKey('validation.endBeforeStart') });
  });

// ---------------------------------------------------------------------------------------------
// Computation

/** A percentage indicator's value from its two counts; null when the denominator is 0. */
export function percentageOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}

/**
 * How far an indicator has come from its baseline to its target, in % (may pass 100 or be
 * negative). For "decrease" indicators, going down is progress. Null when the target equals the
 * baseline or either is missing.
 */
export function percentAchieved(input: {
  actual: number | null;
  baseline: number | null;
  target: number | null;
  direction: IndicatorDirection;
}): number | null {
  const { actual, target } = input;
  if (actual === null || target === null) return null;
  const baseline = input.baseline ?? 0;
  const span = target - baseline;
  if (span === 0) return null;
  const progress = actual - baseline;
  // span and progress keep their signs, so a decrease indicator works the same way.
  return (progress / span) * 100;
}

/**
 * Period values into a cumulative figure. Counts of events add up (hours, sessions, outputs);
 * percentages are recomputed from the summed numerator and denominator. Unique participants do
 * not add up across periods; the database computes their cumulative figure over the whole span
 * instead, so this is used for hand-entered values only.
 */
export function cumulativeOf(
  type: IndicatorType,
  values: readonly { value: number | null; numerator: number | null; denominator: number | null }[],
): number | null {
  if (values.length === 0) return null;
  if (type === 'percentage') {
    let num = 0;
    let den = 0;
    for (const v of values) {
      if (v.numerator !== null && v.denominator !== null) {
        num += v.numerator;
        den += v.denominator;
      } else if (v.value !== null) {
        return values[values.length - 1]?.value ?? null;
      }
    }
    return percentageOf(num, den);
  }
  let sum = 0;
  for (const v of values) sum += v.value ?? 0;
  return sum;
}

/** The value of a hand-entered row: its number, or its numerator ÷ denominator. */
export function manualValue(v: { value: number | null; numerator: number | null; denominator: number | null }) {
  if (v.numerator !== null && v.denominator !== null) return percentageOf(v.numerator, v.denominator);
  return v.value;
}

/** The target for a period: the per-period target whose range matches, else null. */
export function targetFor(
  targets: readonly IndicatorTarget[],
  period: ReportPeriod,
  type: IndicatorType,
): number | null {
  const exact = targets.find((t) => t.periodStart === period.from && t.periodEnd === period.to);
  if (exact) return exact.target;
  const inside = targets
    .filter((t) => t.periodStart >= period.from && t.periodEnd <= period.to)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  if (inside.length === 0) return null;
  // Counts for quarters add up into a year; a percentage target is the latest one.
  if (type === 'percentage') return inside[inside.length - 1]?.target ?? null;
  return inside.reduce((s, t) => s + t.target, 0);
}

/** Whether an actual is far enough from its target that funders ask for an explanation. */
export function needsVarianceExplanation(achieved: number | null, tolerance = 20): boolean {
  return achieved !== null && Math.abs(100 - achieved) > tolerance;
}

/**
 * % achieved for an indicator's actual against a target. Counts that go up (people reached,
 * hours) compare the actual with the target directly (flows within a period start from 0);
 * percentages and "decrease" indicators measure the way travelled from the baseline.
 */
export function indicatorAchievement(input: {
  type: IndicatorType;
  direction: IndicatorDirection;
  baseline: number | null;
  actual: number | null;
  target: number | null;
}): number | null {
  if (input.type === 'number' && input.direction === 'increase') {
    if (input.actual === null || input.target === null || input.target === 0) return null;
    return (input.actual / input.target) * 100;
  }
  return percentAchieved(input);
}

/** Periods of per-period targets that end by `to`, in order (the chart's x axis). */
export function seriesPeriods(targets: readonly IndicatorTarget[], to: string): IndicatorTarget[] {
  return [...targets].filter((t) => t.periodStart <= to).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}
