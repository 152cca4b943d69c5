import { grantStatuses } from '@tessera/domain';
import * as z from 'zod';

/** The grants list's filters in the URL (bookmarkable; a bad value falls back to the default). */
export const grantsSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(grantStatuses).optional().catch(undefined),
  funder: z.string().max(64).optional().catch(undefined),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .catch(undefined),
  ending: z.boolean().optional().catch(undefined),
});
export type GrantsSearch = z.infer<typeof grantsSearchSchema>;

/** "Ending soon" on the list and the dashboard: the end date within this many days. */
export const endingSoonDays = 60;

/** The detail page's open section, in the URL so a link can open the ledger or the budget. */
export const grantTabs = [
  'overview',
  'budget',
  'tranches',
  'ledger',
  'deadlines',
  'actual',
  'results',
  'reports',
] as const;
export type GrantTab = (typeof grantTabs)[number];
export const grantPageSearchSchema = z.object({
  tab: z.enum(grantTabs).optional().catch(undefined),
});
