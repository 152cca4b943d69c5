import * as z from 'zod';
import {
  idField,
  optionalCountry,
  optionalEmail,
  optionalText,
  optionalUrl,
  requiredText,
  versionField,
} from './fields';
import { messageKey } from './messages';

export const funderKinds = ['government', 'foundation', 'network', 'multilateral', 'private', 'other'] as const;
export type FunderKind = (typeof funderKinds)[number];

export const funderKindSchema = z.enum(funderKinds, { error: messageKey('validation.invalidChoice') });

/** The editable fields of a funder: one schema for the form and for the procedure. */
export const funderFields = z.object({
  name: requiredText(200),
  kind: funderKindSchema,
  country: optionalCountry,
  website: optionalUrl,
  contactName: optionalText(200),
  contactEmail: optionalEmail,
  notes: optionalText(5000),
});
export type FunderFields = z.infer<typeof funderFields>;
/** What a form holds before parsing (empty strings allowed). */
export type FunderFormValues = z.input<typeof funderFields>;

export const createFunderInput = funderFields;
export type CreateFunderInput = z.infer<typeof createFunderInput>;

export const updateFunderInput = funderFields.extend({ id: idField, version: versionField });
export type UpdateFunderInput = z.infer<typeof updateFunderInput>;

export const funderIdInput = z.object({ id: idField });
export type FunderIdInput = z.infer<typeof funderIdInput>;

export const funderRefInput = z.object({ id: idField, version: versionField });
export type FunderRefInput = z.infer<typeof funderRefInput>;

export const funderSortFields = ['name', 'kind', 'country', 'updatedAt'] as const;
export type FunderSortField = (typeof funderSortFields)[number];

export const listFundersInput = z.object({
  search: z
    .string()
    .trim()
    .max(200, { error: messageKey('validation.tooLong', { max: 200 }) })
    .default(''),
  kind: funderKindSchema.optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  sort: z.enum(funderSortFields).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListFundersInput = z.infer<typeof listFundersInput>;

export interface Funder extends FunderFields {
  id: string;
  orgId: string;
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Search text is folded once, on write, so that "skopje", "SKOPJE" and "Skopje" match and
 * Cyrillic folds too (SQLite's LIKE only folds ASCII).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

export function funderSearchText(
  fields: Pick<FunderFields, 'name' | 'country' | 'contactName' | 'contactEmail'>,
): string {
  return foldForSearch(
    [fields.name, fields.country, fields.contactName, fields.contactEmail].filter(Boolean).join(' '),
  );
}

/** The names of the fields given a value, for the audit row of a create (values never copied). */
export function filledFields<T extends object>(values: T): (keyof T & string)[] {
  return (Object.keys(values) as (keyof T & string)[])
    .filter((key) => values[key] !== null && values[key] !== undefined)
    .sort();
}

/** The names of the fields whose values differ, for the audit log (values are never copied). */
export function changedFields<T extends object, A extends Partial<T>>(before: T, after: A): (keyof A & string)[] {
  return (Object.keys(after) as (keyof A & keyof T & string)[])
    .filter((key) => after[key] !== undefined && after[key] !== before[key])
    .sort();
}
