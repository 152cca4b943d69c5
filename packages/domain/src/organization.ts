import * as z from 'zod';
import { requiredText } from './fields';
import { localeSchema } from './locales';
import { messageKey } from './messages';
import type { Role } from './roles';
import { roles } from './roles';

export const slugField = z
  .string({ error: messageKey('validation.required') })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { error: messageKey('validation.invalidSlug') });

export const currencyCodeField = z
  .string({ error: messageKey('validation.required') })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: messageKey('validation.invalidCurrency') });

export const createOrganizationInput = z.object({
  slug: slugField,
  name: requiredText(200),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: messageKey('validation.invalidCountry') }),
  baseCurrency: currencyCodeField,
  defaultLocale: localeSchema,
  suppressionThreshold: z.number().int().min(2).max(50).default(5),
  timeZone: z
    .string()
    .default('Europe/Skopje')
    .refine(isTimeZone, { error: messageKey('validation.invalidChoice') }),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export interface Organization {
  id: string;
  slug: string;
  name: string;
  country: string;
  baseCurrency: string;
  defaultLocale: string;
  suppressionThreshold: number;
  timeZone: string;
  /** Admins and finance must sign in with a second factor (enrol at their next sign-in). */
  requireSecondFactor: boolean;
}

export const roleSchema = z.enum(roles, { error: messageKey('validation.invalidChoice') });

export interface Membership {
  orgId: string;
  orgSlug: string;
  orgName: string;
  role: Role;
}
