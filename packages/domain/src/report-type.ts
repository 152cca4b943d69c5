import { daysBetween } from './dates';

/** The kinds of report a funder asks for (the SF-425's box 6, and the EU report's title). */
export const reportTypes = ['quarterly', 'semiAnnual', 'annual', 'final'] as const;
export type ReportType = (typeof reportTypes)[number];
export type ReportFrequency = Exclude<ReportType, 'final'>;

/**
 * How often reports of this period's length come: up to 100 days is a quarter (a first quarter
 * clipped to a grant that starts mid-quarter is still the quarterly report), 150–200 days half a
 * year, 330–380 days a year. Any other length (eight months "to date") is none of them: null,
 * and the report says so rather than guess.
 */
export function periodFrequency(period: { from: string; to: string }): ReportFrequency | null {
  const days = daysBetween(period.from, period.to) + 1;
  if (days <= 100) return 'quarterly';
  if (days >= 150 && days <= 200) return 'semiAnnual';
  if (days >= 330 && days <= 380) return 'annual';
  return null;
}

/**
 * The type of a report follows its period: final when the period ends with the grant (its last
 * reporting period, or the whole span), else the frequency of the period's length; null when the
 * length is none of the three (the SF-425's box is then left to tick by hand).
 */
export function reportTypeOf(
  period: { from: string; to: string },
  grant: { startDate: string; endDate: string },
): ReportType | null {
  if (period.to >= grant.endDate) return 'final';
  return periodFrequency(period);
}
