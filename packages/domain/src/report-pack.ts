import * as z from 'zod';
import { isoDateSchema } from './dates';
import type { ActivityKind, AgeBand, Gender, OutputKind } from './delivery';
import type { FunderKind } from './funders';
import type { ExchangeDifference } from './exchange-differences';
import type { DeadlineKind } from './grants';
import { idField, versionField } from './fields';
import type { Locale } from './locales';
import type { MatchSummary } from './match';
import { messageKey } from './messages';
import type { Disaggregation, IndicatorDirection, IndicatorLevel, IndicatorType, MeasureSpec } from './results';
import type { Shown } from './suppression';

/**
 * A report pack: one grant, one period. `ReportPackContent` is what every screen and export of
 * the pack shows, already suppressed: no participant code, name, contact or id is in it, and
 * every count of people below the organisation's threshold is a `Shown` hidden behind the one
 * neutral `suppressedMark`.
 * The renderers (packages/reports) draw it; they never query anything themselves.
 */

export const narrativeSectionKeys = [
  'summary',
  'progress',
  'outcomes',
  'challenges',
  'changes',
  'media',
  'nextPeriod',
] as const;
export type NarrativeSectionKey = (typeof narrativeSectionKeys)[number];

export const reportFormats = ['pdf', 'xlsx', 'csv', 'sf425', 'eu'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The file each format is written as (without the dot): `csv` is a zip of one CSV per table. */
export const reportFileExtensions = {
  pdf: 'pdf',
  xlsx: 'xlsx',
  csv: 'zip',
  sf425: 'pdf',
  eu: 'xlsx',
} as const satisfies Record<ReportFormat, string>;

export const preparePackInput = z
  .object({ grantId: idField, from: isoDateSchema, to: isoDateSchema })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: messageKey('validation.endBeforeStart') });
  });
export type PreparePackInput = z.infer<typeof preparePackInput>;

export const saveNarrativeInput = z.object({
  id: idField,
  version: versionField,
  sections: z
    .array(
      z.object({
        key: z.enum(narrativeSectionKeys, { error: messageKey('validation.invalidChoice') }),
        body: z.string().max(20_000, { error: messageKey('validation.tooLong', { max: 20_000 }) }),
      }),
    )
    .max(narrativeSectionKeys.length * 2, { error: messageKey('validation.tooMany') }),
});
export type SaveNarrativeInput = z.infer<typeof saveNarrativeInput>;

/** What the organisation writes to explain a budget line's variance, by the line's code. */
export interface VarianceExplanation {
  code: string;
  body: string;
}

/**
 * Saves explanations of budget lines' variances with the pack, at the pack's version (as the
 * narrative is saved): an entry with an empty body removes that line's explanation.
 */
export const saveVarianceExplanationsInput = z.object({
  id: idField,
  version: versionField,
  explanations: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .min(1, { error: messageKey('validation.required') })
          .max(40, { error: messageKey('validation.tooLong', { max: 40 }) }),
        body: z.string().max(4_000, { error: messageKey('validation.tooLong', { max: 4_000 }) }),
      }),
    )
    .max(500, { error: messageKey('validation.tooMany') }),
});
export type SaveVarianceExplanationsInput = z.infer<typeof saveVarianceExplanationsInput>;

/** A pack's variance explanations; a pack frozen before they were kept has none. */
export function varianceExplanationsOf(pack: { varianceExplanations?: readonly VarianceExplanation[] }) {
  return new Map((pack.varianceExplanations ?? []).map((e) => [e.code, e.body]));
}

export const submitPackInput = z.object({ id: idField, version: versionField, submittedDate: isoDateSchema });
export type SubmitPackInput = z.infer<typeof submitPackInput>;

export const packContentInput = z.object({ id: idField, locale: z.enum(['en', 'mk', 'sv', 'sq']).optional() });

export type PackStatus = 'draft' | 'submitted';

/**
 * The stored pack (its narrative and status). A draft's figures are worked out when asked for; a
 * submitted pack's are frozen as sent (`frozenAt`).
 */
export interface ReportPack {
  id: string;
  grantId: string;
  periodStart: string;
  periodEnd: string;
  status: PackStatus;
  submittedDate: string | null;
  deadlineId: string | null;
  narrative: { key: NarrativeSectionKey; body: string }[];
  /**
   * Explanations of budget lines' variances, in the lines' order, saved and frozen with the pack
   * like the narrative. Absent from packs frozen before they were kept.
   */
  varianceExplanations?: VarianceExplanation[];
  updatedAt: string;
  version: number;
  /** 1 for a period's first pack; 2, 3, … for a new version prepared after one was submitted. */
  edition: number;
  /** The submitted pack a new version replaces, and the day it was submitted. */
  replaces: { id: string; submittedDate: string | null } | null;
  /** When the content was frozen as sent (at submission); null while a draft. */
  frozenAt: string | null;
}

export interface PackActivityRow {
  reference: string | null;
  title: string;
  kind: ActivityKind;
  project: string;
  city: string | null;
  startDate: string;
  endDate: string;
  sessionsHeld: number;
  hoursDelivered: number;
  participants: Shown;
  participantHours: Shown;
  completions: Shown;
  headCount: Shown;
}

export interface PackOutputRow {
  activity: string;
  kind: OutputKind;
  title: string;
  quantity: number;
  date: string;
  link: string | null;
}

/** One split of reach: a row per group, suppressed with complementary suppression. */
export interface ReachBreakdown {
  dimension: Disaggregation;
  rows: { key: string; participants: Shown; hours: Shown; completions: Shown }[];
  total: { participants: Shown; hours: Shown; completions: Shown };
}

export interface PackReach {
  participants: Shown;
  participantHours: Shown;
  completions: Shown;
  headCount: Shown;
  sessionsHeld: number;
  breakdowns: ReachBreakdown[];
  /** Head counts (events without a register) by gender × age band. */
  headCounts: {
    genders: Gender[];
    ageBands: AgeBand[];
    cells: Shown[][];
    genderTotals: Shown[];
    ageBandTotals: Shown[];
    total: Shown;
  };
}

export interface IndicatorResultRow {
  id: string;
  level: IndicatorLevel;
  resultStatement: string | null;
  code: string;
  name: string;
  definition: string | null;
  unit: string;
  type: IndicatorType;
  direction: IndicatorDirection;
  source: 'manual' | 'derived';
  numeratorSpec: MeasureSpec | null;
  baseline: number | null;
  baselineYear: number | null;
  lifeTarget: number | null;
  periodTarget: number | null;
  /** This period; a count of people may be suppressed. */
  actual: Shown | null;
  cumulative: Shown | null;
  /** % achieved of the period target (actual), null without a target or when suppressed. */
  achievedPeriod: number | null;
  /** % achieved of the life-of-project target (cumulative). */
  achievedLife: number | null;
  needsExplanation: boolean;
  comment: string | null;
  meansOfVerification: {
    dataSource: string | null;
    collectionMethod: string | null;
    frequency: string | null;
    responsible: string | null;
  };
  disaggregation: { dimension: Disaggregation; rows: { key: string; value: Shown }[]; total: Shown }[];
  /** Actual against target per target period up to the report's end, for the chart. */
  series: { periodStart: string; periodEnd: string; target: number | null; actual: Shown | null }[];
}

export interface PackFinanceLine {
  code: string;
  category: string;
  description: string | null;
  /** As first agreed with the funder. Absent from packs frozen before it was kept. */
  originalBudgetMinor?: number;
  /** As revised by the end of the report's period (revisions dated on or before it). Absent likewise. */
  revisedBudgetMinor?: number;
  /** The current budget: after every revision to the day the pack was made. Remaining and variance use it. */
  budgetMinor: number;
  spentPeriodMinor: number;
  spentToDateMinor: number;
  spentToDateBaseMinor: number;
  remainingMinor: number;
  /** spent to date − budget, and as % of budget (null for a line with no budget). */
  varianceMinor: number;
  variancePercent: number | null;
}

/**
 * A finance line's three budgets for a financial export: original, revised by the period's end,
 * and current. A pack frozen before the first two were kept shows its one budget in all three.
 */
export function budgetsOf(line: Pick<PackFinanceLine, 'originalBudgetMinor' | 'revisedBudgetMinor' | 'budgetMinor'>) {
  return {
    originalMinor: line.originalBudgetMinor ?? line.budgetMinor,
    revisedMinor: line.revisedBudgetMinor ?? line.budgetMinor,
    currentMinor: line.budgetMinor,
  };
}

export interface PackFinance {
  currency: string;
  baseCurrency: string;
  lines: PackFinanceLine[];
  total: Omit<PackFinanceLine, 'code' | 'category' | 'description'>;
  tranches: {
    expectedDate: string;
    expectedAmountMinor: number;
    receivedDate: string | null;
    receivedAmountMinor: number | null;
    receivedBaseMinor: number | null;
  }[];
  /** To the end of the period. */
  cash: {
    receivedMinor: number;
    receivedBaseMinor: number;
    spentMinor: number;
    spentBaseMinor: number;
    onHandMinor: number;
    onHandBaseMinor: number;
  };
  /**
   * The realised exchange difference to the end of the period (ADR 0016). Absent in packs frozen
   * before it was kept; null before any money arrived.
   */
  exchange?: ExchangeDifference | null;
  /** Expenditures without a base-currency amount (no rate known). */
  unconvertedCount: number;
  /**
   * How the expenditures to the end of the period were converted to the grant currency: none
   * needed (`same`), the organisation's rate table on or before the payment date (`table`), or
   * the rate of the payment entered with it (`typed`). Absent from packs frozen before it was kept.
   */
  rateSources?: Record<RateSource, number>;
  /**
   * The period's expenditures, oldest first: the list of expenditure attached to a financial
   * report. Payees, descriptions and receipt references are ledger data: they reach only readers
   * with `ledger.read` (null for the others), and never carry a participant code. Absent from
   * packs frozen before it was kept.
   */
  expenditures?: PackExpenditure[];
  /**
   * Cost share and match: contributed in the period and from the award's start to the period's
   * end, against the grant's required match. Absent from packs frozen before match was kept.
   */
  match?: PackMatch;
}

export interface PackMatch {
  /** Contributions dated within the period. */
  period: Pick<MatchSummary, 'cashMinor' | 'inKindMinor' | 'contributedMinor'>;
  /** Contributions from the start of the award to the end of the period (what the SF-425 asks). */
  toDate: MatchSummary;
}

export type RateSource = 'same' | 'table' | 'typed';

export interface PackExpenditure {
  date: string;
  lineCode: string;
  payee: string | null;
  description: string | null;
  /** As paid, in its own currency. */
  amountMinor: number;
  currency: string;
  /** Units of the grant currency per unit paid, as stored with the expenditure. */
  rateToGrant: string;
  rateSource: RateSource;
  amountGrantMinor: number;
  receiptReference: string | null;
}

/**
 * A pack as a reader sees it: one without `ledger.read` (coordinators, viewers) gets the list of
 * expenditure without payees, descriptions and receipt references (DESIGN.md, need to know).
 */
export function packForReader(content: ReportPackContent, mayReadLedger: boolean): ReportPackContent {
  if (mayReadLedger || !content.finance.expenditures) return content;
  return {
    ...content,
    finance: {
      ...content.finance,
      expenditures: content.finance.expenditures.map((e) => ({
        ...e,
        payee: null,
        description: null,
        receiptReference: null,
      })),
    },
  };
}

export interface ReportPackContent {
  pack: ReportPack;
  generatedAt: string;
  locale: Locale;
  organization: { name: string; country: string; baseCurrency: string; suppressionThreshold: number };
  grant: {
    id: string;
    title: string;
    reference: string | null;
    currency: string;
    amountMinor: number;
    costShareMinor: number | null;
    startDate: string;
    endDate: string;
    funder: { name: string; kind: FunderKind; country: string | null };
  };
  period: { from: string; to: string };
  deadline: { id: string; kind: DeadlineKind; dueDate: string; submittedDate: string | null } | null;
  /** True when nothing was delivered, produced or spent in the period. */
  empty: boolean;
  activities: PackActivityRow[];
  outputs: PackOutputRow[];
  reach: PackReach;
  indicators: IndicatorResultRow[];
  finance: PackFinance;
  /** Only for a U.S. federal award (`isUsFederal`: a government funder, grant in USD). */
  sf425: Sf425 | null;
}

// ---------------------------------------------------------------------------------------------
// SF-425 line 10

/**
 * Whether the SF-425 pair applies: a government funder paying in USD (a U.S. embassy or agency;
 * an embassy's country is where it sits, so the currency is what tells).
 */
export function isUsFederal(funder: { kind: FunderKind }, currency: string): boolean {
  return funder.kind === 'government' && currency === 'USD';
}

export interface Sf425Inputs {
  /** Cumulative from the award start to the report's end, in USD minor units. */
  cashReceiptsMinor: number;
  cashDisbursementsMinor: number;
  authorisedMinor: number;
  federalExpendituresMinor: number;
  unliquidatedObligationsMinor: number;
  costShareRequiredMinor: number;
  recipientExpendituresMinor: number;
  programIncomeEarnedMinor: number;
  programIncomeDeductionMinor: number;
  programIncomeAdditionMinor: number;
}

export interface Sf425 {
  reportingPeriodEnd: string;
  projectPeriod: { from: string; to: string };
  lines: {
    a: number;
    b: number;
    c: number;
    d: number;
    e: number;
    f: number;
    g: number;
    h: number;
    i: number;
    j: number;
    k: number;
    l: number;
    m: number;
    n: number;
    o: number;
  };
}

/** SF-425 line 10 arithmetic (REPORTING.md): c = a − b, g = e + f, h = d − g, k = i − j, o = l − m − n. */
export function sf425Lines(input: Sf425Inputs): Sf425['lines'] {
  const a = input.cashReceiptsMinor;
  const b = input.cashDisbursementsMinor;
  const d = input.authorisedMinor;
  const e = input.federalExpendituresMinor;
  const f = input.unliquidatedObligationsMinor;
  const i = input.costShareRequiredMinor;
  const j = input.recipientExpendituresMinor;
  const l = input.programIncomeEarnedMinor;
  const m = input.programIncomeDeductionMinor;
  const n = input.programIncomeAdditionMinor;
  const g = e + f;
  return { a, b, c: a - b, d, e, f, g, h: d - g, i, j, k: i - j, l, m, n, o: l - m - n };
}
