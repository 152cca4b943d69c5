import * as z from 'zod';
import { isoDateSchema, optionalIsoDateSchema } from './dates';
import { idempotencyKeyField, idField, optionalText, requiredText, versionField } from './fields';
import { messageKey } from './messages';
import { currencySchema, minorUnitsSchema, rateSchema } from './money';
import { rateQuoteSchema } from './rates';

// ---------------------------------------------------------------------------------------------
// Status

export const grantStatuses = ['prospect', 'applied', 'awarded', 'active', 'closed', 'declined', 'withdrawn'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/** The only moves a grant can make; everything else is refused. Closed, declined and withdrawn are final. */
export const grantTransitions: Record<GrantStatus, readonly GrantStatus[]> = {
  prospect: ['applied', 'withdrawn'],
  applied: ['awarded', 'declined', 'withdrawn'],
  awarded: ['active', 'withdrawn'],
  active: ['closed'],
  closed: [],
  declined: [],
  withdrawn: [],
};

export function canTransition(from: GrantStatus, to: GrantStatus): boolean {
  return grantTransitions[from].includes(to);
}

/** Statuses whose money is real: awarded money is promised, active money flows. */
export function isFundedStatus(status: GrantStatus): boolean {
  return status === 'awarded' || status === 'active' || status === 'closed';
}

// ---------------------------------------------------------------------------------------------
// Grants

const grantBase = z.object({
  funderId: idField,
  title: requiredText(300),
  reference: optionalText(100),
  currency: currencySchema,
  amountMinor: minorUnitsSchema,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  costShareMinor: minorUnitsSchema.nullish().transform((v) => v ?? null),
  restrictions: optionalText(5000),
  notes: optionalText(5000),
});

function endNotBeforeStart<T extends { startDate: string; endDate: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: messageKey('validation.endBeforeStart') });
  }
}

export const grantFields = grantBase.superRefine(endNotBeforeStart);
export type GrantFields = z.infer<typeof grantFields>;
export type GrantFormValues = z.input<typeof grantFields>;

/** A grant may be entered at the stage it has reached (an award recorded after the fact). */
export const initialGrantStatuses = ['prospect', 'applied', 'awarded', 'active'] as const;

export const createGrantInput = grantBase
  .extend({
    status: z.enum(initialGrantStatuses, { error: messageKey('validation.invalidChoice') }).default('prospect'),
    idempotencyKey: idempotencyKeyField,
  })
  .superRefine(endNotBeforeStart);
export type CreateGrantInput = z.infer<typeof createGrantInput>;

export const updateGrantInput = grantBase.extend({ id: idField, version: versionField }).superRefine(endNotBeforeStart);
export type UpdateGrantInput = z.infer<typeof updateGrantInput>;

export const changeGrantStatusInput = z.object({
  id: idField,
  version: versionField,
  status: z.enum(grantStatuses, { error: messageKey('validation.invalidChoice') }),
  date: isoDateSchema,
  note: optionalText(1000),
});
export type ChangeGrantStatusInput = z.infer<typeof changeGrantStatusInput>;

export const listGrantsInput = z.object({
  status: z.enum(grantStatuses).optional(),
  funderId: idField.optional(),
  currency: z.string().trim().toUpperCase().length(3).optional(),
  /** Only grants whose end date falls within this many days from today. */
  endingWithinDays: z.number().int().min(1).max(3650).optional(),
  search: z.string().trim().max(200).default(''),
});
export type ListGrantsInput = z.infer<typeof listGrantsInput>;

export interface Grant {
  id: string;
  orgId: string;
  funderId: string;
  funderName: string;
  title: string;
  reference: string | null;
  currency: string;
  amountMinor: number;
  startDate: string;
  endDate: string;
  costShareMinor: number | null;
  restrictions: string | null;
  notes: string | null;
  status: GrantStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GrantStatusChange {
  status: GrantStatus;
  date: string;
  note: string | null;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Budget lines and revisions

export const budgetLineFields = z.object({
  code: requiredText(30),
  category: requiredText(120),
  description: optionalText(1000),
  amountMinor: minorUnitsSchema,
});
export const createBudgetLineInput = budgetLineFields.extend({ grantId: idField, idempotencyKey: idempotencyKeyField });
export type CreateBudgetLineInput = z.infer<typeof createBudgetLineInput>;
export const updateBudgetLineInput = budgetLineFields
  .omit({ amountMinor: true })
  .extend({ id: idField, version: versionField });
export type UpdateBudgetLineInput = z.infer<typeof updateBudgetLineInput>;

export interface BudgetLine {
  id: string;
  grantId: string;
  code: string;
  category: string;
  description: string | null;
  /** As first agreed with the funder. */
  originalAmountMinor: number;
  /** After every revision so far. */
  amountMinor: number;
  version: number;
}

/**
 * A budget revision moves money between lines: new amounts for some lines, a date and a
 * justification. It reallocates, so the grant's budget total must not change. It carries the
 * whole budget as the user saw it (every line, with its version and amount then), so a revision
 * made from a view someone else has since changed is refused as a conflict rather than applied
 * to amounts the user never saw; the moves recorded are the ones the user made.
 */
export const reviseBudgetInput = z.object({
  grantId: idField,
  date: isoDateSchema,
  justification: requiredText(2000),
  lines: z
    .array(
      z.object({
        budgetLineId: idField,
        version: versionField,
        /** The amount the user saw when the revision was opened. */
        amountBeforeMinor: minorUnitsSchema,
        amountMinor: minorUnitsSchema,
      }),
    )
    .min(1, { error: messageKey('validation.required') })
    .max(1000),
  /** A retry or a double submit of the same revision answers the first result (ADR 0014). */
  idempotencyKey: idempotencyKeyField,
});
export type ReviseBudgetInput = z.infer<typeof reviseBudgetInput>;

export interface BudgetRevision {
  id: string;
  date: string;
  justification: string;
  createdAt: string;
  changes: { budgetLineId: string; code: string; amountBeforeMinor: number; amountAfterMinor: number }[];
}

/** True when the revision leaves the total unchanged (sum of the differences is zero). */
export function isBalancedRevision(changes: readonly { before: number; after: number }[]): boolean {
  return changes.reduce((sum, c) => sum + (c.after - c.before), 0) === 0;
}

// ---------------------------------------------------------------------------------------------
// Tranches (disbursements)

const trancheBase = z.object({
  expectedDate: isoDateSchema,
  expectedAmountMinor: minorUnitsSchema,
  receivedDate: optionalIsoDateSchema,
  /** What the funder sent, in the grant currency. */
  receivedAmountMinor: minorUnitsSchema.nullish().transform((v) => v ?? null),
  /** What arrived in the organisation's base currency: keeps the real exchange rate. */
  receivedBaseMinor: minorUnitsSchema.nullish().transform((v) => v ?? null),
  note: optionalText(1000),
  /** The two received amounts imply a rate more than 10% from the rate table's, and that is right. */
  confirmRate: z.boolean().optional(),
});

function receivedTogether<
  T extends { receivedDate: string | null; receivedAmountMinor: number | null; receivedBaseMinor: number | null },
>(value: T, ctx: z.RefinementCtx) {
  const given = [value.receivedDate, value.receivedAmountMinor, value.receivedBaseMinor].filter((v) => v !== null);
  if (given.length > 0 && given.length < 3) {
    for (const field of ['receivedDate', 'receivedAmountMinor', 'receivedBaseMinor'] as const) {
      if (value[field] === null)
        ctx.addIssue({ code: 'custom', path: [field], message: messageKey('validation.required') });
    }
  }
}

export const trancheFields = trancheBase.superRefine(receivedTogether);
export type TrancheFormValues = z.input<typeof trancheFields>;
export const createTrancheInput = trancheBase
  .extend({ grantId: idField, idempotencyKey: idempotencyKeyField })
  .superRefine(receivedTogether);
export type CreateTrancheInput = z.infer<typeof createTrancheInput>;
export const updateTrancheInput = trancheBase
  .extend({ id: idField, version: versionField })
  .superRefine(receivedTogether);
export type UpdateTrancheInput = z.infer<typeof updateTrancheInput>;

export interface Tranche {
  id: string;
  grantId: string;
  expectedDate: string;
  expectedAmountMinor: number;
  receivedDate: string | null;
  receivedAmountMinor: number | null;
  receivedBaseMinor: number | null;
  /** Base-currency units per grant-currency unit, implied by the two received amounts. */
  receivedRate: string | null;
  note: string | null;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// Expenditures

export const expenditureFields = z.object({
  grantId: idField,
  budgetLineId: idField,
  date: isoDateSchema,
  payee: requiredText(200),
  description: requiredText(1000),
  /** In the currency actually paid. */
  amountMinor: minorUnitsSchema.refine((v) => v > 0, { error: messageKey('validation.required') }),
  currency: currencySchema,
  /**
   * The rate actually paid, as people say it: `{ per: 'USD', value: '54' }` is "1 USD = 54 MKD";
   * `per` is either currency of the pair. Omitted: taken from the exchange-rate table for the date
   * (refused when there is none). Ignored when paid in the grant currency.
   */
  rate: rateQuoteSchema.nullish().transform((v) => v ?? null),
  /** The typed rate is more than 10% from the rate table's nearest, and that is right. */
  confirmRate: z.boolean().optional(),
  /** Set when the user has seen that this expenditure takes its line past its budget, and records it anyway. */
  confirmOverBudget: z.boolean().optional(),
  receiptReference: optionalText(100),
});
export type ExpenditureFields = z.infer<typeof expenditureFields>;
export type ExpenditureFormValues = z.input<typeof expenditureFields>;
export const createExpenditureInput = expenditureFields.extend({ idempotencyKey: idempotencyKeyField });
export type CreateExpenditureInput = z.infer<typeof createExpenditureInput>;
export const updateExpenditureInput = expenditureFields.extend({ id: idField, version: versionField });
export type UpdateExpenditureInput = z.infer<typeof updateExpenditureInput>;

export const listExpendituresInput = z.object({
  grantId: idField.optional(),
  budgetLineId: idField.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  search: z.string().trim().max(200).default(''),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type ListExpendituresInput = z.infer<typeof listExpendituresInput>;

export interface Expenditure {
  id: string;
  grantId: string;
  budgetLineId: string;
  budgetLineCode: string;
  date: string;
  payee: string;
  description: string;
  amountMinor: number;
  currency: string;
  rateToGrant: string;
  rateSource: 'same' | 'table' | 'typed';
  amountGrantMinor: number;
  /** In the organisation's base currency, when a rate for it was known; else null. */
  amountBaseMinor: number | null;
  receiptReference: string | null;
  receipt: { fileName: string; contentType: string; size: number } | null;
  version: number;
}

/** Receipts: PDFs and common images, checked by content, not by name. */
export const receiptPolicy = {
  maxBytes: 10 * 1024 * 1024,
  types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const,
} as const;

/** The content type a file's first bytes declare, or null when it is none we accept. */
export function sniffReceiptType(bytes: Uint8Array): (typeof receiptPolicy.types)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return 'image/webp';
  }
  const brand = String.fromCharCode(...bytes.slice(4, 12));
  if (/^ftyp(heic|heix|mif1|msf1)$/.test(brand)) return 'image/heic';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Exchange rates

export const exchangeRateFields = z.object({
  date: isoDateSchema,
  fromCurrency: currencySchema,
  toCurrency: currencySchema,
  rate: rateSchema,
});
export const createExchangeRateInput = exchangeRateFields.superRefine((v, ctx) => {
  if (v.fromCurrency === v.toCurrency) {
    ctx.addIssue({ code: 'custom', path: ['toCurrency'], message: messageKey('validation.invalidCurrency') });
  }
});
export type CreateExchangeRateInput = z.infer<typeof createExchangeRateInput>;

export interface ExchangeRate {
  id: string;
  date: string;
  fromCurrency: string;
  toCurrency: string;
  rate: string;
  source: string;
}

/** A CSV file's text (the browser reads the file; the CLI passes it too). */
export const importRatesInput = z.object({
  csv: z
    .string()
    .min(1, { error: messageKey('validation.required') })
    .max(900_000, { error: messageKey('validation.fileTooLarge', { max: 0.9 }) }),
});

/** The rate the table proposes for a conversion on a date (what an expenditure would use). */
export const lookupRateInput = z.object({
  fromCurrency: currencySchema,
  toCurrency: currencySchema,
  date: isoDateSchema,
});

export const listExchangeRatesInput = z.object({
  currency: z.string().trim().toUpperCase().length(3).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

// ---------------------------------------------------------------------------------------------
// Reporting deadlines

export const deadlineKinds = ['narrative', 'financial', 'final'] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

const deadlineBase = z.object({
  kind: z.enum(deadlineKinds, { error: messageKey('validation.invalidChoice') }),
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  dueDate: isoDateSchema,
  submittedDate: optionalIsoDateSchema,
  note: optionalText(1000),
});
function periodInOrder<T extends { periodStart: string; periodEnd: string }>(v: T, ctx: z.RefinementCtx) {
  if (v.periodEnd < v.periodStart) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: messageKey('validation.endBeforeStart') });
  }
}
export const deadlineFields = deadlineBase.superRefine(periodInOrder);
export type DeadlineFormValues = z.input<typeof deadlineFields>;
export const createDeadlineInput = deadlineBase.extend({ grantId: idField }).superRefine(periodInOrder);
export type CreateDeadlineInput = z.infer<typeof createDeadlineInput>;
export const updateDeadlineInput = deadlineBase
  .extend({ id: idField, version: versionField })
  .superRefine(periodInOrder);
export type UpdateDeadlineInput = z.infer<typeof updateDeadlineInput>;

export interface ReportingDeadline {
  id: string;
  grantId: string;
  kind: DeadlineKind;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  submittedDate: string | null;
  note: string | null;
  version: number;
}

export type DeadlineState = 'submitted' | 'overdue' | 'due-soon' | 'upcoming';

/** Overdue once the due date has passed unsubmitted; due soon within `soonDays`. */
export function deadlineState(
  deadline: { dueDate: string; submittedDate: string | null },
  today: string,
  soonDays = 30,
): DeadlineState {
  if (deadline.submittedDate) return 'submitted';
  if (deadline.dueDate < today) return 'overdue';
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + soonDays * 86_400_000).toISOString().slice(0, 10);
  return deadline.dueDate <= soon ? 'due-soon' : 'upcoming';
}
