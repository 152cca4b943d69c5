import * as z from 'zod';
import { isoDateSchema } from './dates';
import { idempotencyKeyField, idField, optionalText, requiredText, versionField } from './fields';
import { messageKey } from './messages';
import { minorUnitsSchema } from './money';

/**
 * Cost share and match: what the organisation, or others on its behalf, contribute towards the
 * share of a grant's costs the funder requires it to carry (`Grant.costShareMinor`). A
 * contribution is cash or in kind (volunteer time, a donated venue), with its source, date and
 * evidence, in the grant's currency. The SF-425's recipient share (line 10 i–k) and the EU
 * report's co-financing are worked out from these.
 */

export const matchKinds = ['cash', 'inKind'] as const;
export type MatchKind = (typeof matchKinds)[number];

export const matchContributionFields = z.object({
  kind: z.enum(matchKinds, { error: messageKey('validation.invalidChoice') }),
  /** Who gave it: the organisation itself, a municipality, a partner, volunteers. */
  source: requiredText(200),
  date: isoDateSchema,
  /** In the grant's currency (in kind: its fair value). */
  amountMinor: minorUnitsSchema.refine((v) => v > 0, { error: messageKey('validation.positive') }),
  description: optionalText(1000),
  /** Where the proof is kept: a letter, a timesheet, a bank statement line. */
  evidenceReference: optionalText(200),
});
export type MatchContributionFields = z.infer<typeof matchContributionFields>;

export const createMatchContributionInput = matchContributionFields.extend({
  grantId: idField,
  idempotencyKey: idempotencyKeyField,
});
export type CreateMatchContributionInput = z.infer<typeof createMatchContributionInput>;

export const updateMatchContributionInput = matchContributionFields.extend({ id: idField, version: versionField });
export type UpdateMatchContributionInput = z.infer<typeof updateMatchContributionInput>;

export interface MatchContribution {
  id: string;
  grantId: string;
  kind: MatchKind;
  source: string;
  date: string;
  amountMinor: number;
  description: string | null;
  evidenceReference: string | null;
  /** The evidence file kept with it (a PDF or an image, checked like a receipt), if any. */
  evidenceFile: { fileName: string; contentType: string; size: number } | null;
  version: number;
}

/** Contributions added up by kind (the database's sums). */
export interface MatchTotals {
  cashMinor: number;
  inKindMinor: number;
}

/**
 * A grant's match against what it requires: contributed in cash, in kind and in total, what is
 * still to be provided (required − contributed: negative when more was given than required, as
 * the SF-425's line k computes it) and the share met (null when no match is required).
 */
export interface MatchSummary {
  requiredMinor: number;
  cashMinor: number;
  inKindMinor: number;
  contributedMinor: number;
  remainingMinor: number;
  /** contributed ÷ required, 1 when met in full; may pass 1. */
  metShare: number | null;
}

export function matchSummary(requiredMinor: number | null, totals: MatchTotals): MatchSummary {
  const required = requiredMinor ?? 0;
  const contributedMinor = totals.cashMinor + totals.inKindMinor;
  return {
    requiredMinor: required,
    cashMinor: totals.cashMinor,
    inKindMinor: totals.inKindMinor,
    contributedMinor,
    remainingMinor: required - contributedMinor,
    metShare: required > 0 ? contributedMinor / required : null,
  };
}
