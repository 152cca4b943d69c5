import * as z from 'zod';
import { messageKey } from './messages';

/** Reusable field schemas; every message is a translation key (see messages.ts). */

export function requiredText(max: number) {
  return z
    .string({ error: messageKey('validation.required') })
    .trim()
    .min(1, { error: messageKey('validation.required') })
    .max(max, { error: messageKey('validation.tooLong', { max }) });
}

/** Optional free text: empty strings become null so the database never holds "". */
export function optionalText(max: number) {
  return z
    .string({ error: messageKey('validation.invalid') })
    .trim()
    .max(max, { error: messageKey('validation.tooLong', { max }) })
    .nullish()
    .transform((value) => (value ? value : null));
}

export const emailField = z
  .string({ error: messageKey('validation.required') })
  .trim()
  .toLowerCase()
  .min(1, { error: messageKey('validation.required') })
  .max(254, { error: messageKey('validation.tooLong', { max: 254 }) })
  .pipe(z.email({ error: messageKey('validation.invalidEmail') }));

export const optionalEmail = z
  .string({ error: messageKey('validation.invalid') })
  .trim()
  .toLowerCase()
  .max(254, { error: messageKey('validation.tooLong', { max: 254 }) })
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(z.email({ error: messageKey('validation.invalidEmail') }).nullable());

/**
 * http(s) URLs only: a javascript: or file: link in a funder record would be a trap. Any host
 * name is accepted, internationalised ones included (https://пример.мкд).
 */
export const optionalUrl = z
  .string({ error: messageKey('validation.invalid') })
  .trim()
  .max(2000, { error: messageKey('validation.tooLong', { max: 2000 }) })
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(z.url({ protocol: /^https?$/, error: messageKey('validation.invalidUrl') }).nullable());

/** ISO 3166-1 alpha-2, upper case. */
export const optionalCountry = z
  .string({ error: messageKey('validation.invalid') })
  .trim()
  .toUpperCase()
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}$/, { error: messageKey('validation.invalidCountry') })
      .nullable(),
  );

export const idField = z.string().min(1).max(64);

/**
 * The key a form sends with a new money record (a random UUID made when the form opens): a
 * retry, a double click or a resubmitted form with the same key gets the record the first
 * request made (docs/decisions/0014). Optional: the CLI and imports send none.
 */
export const idempotencyKeyField = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, { error: messageKey('validation.invalidChoice') })
  .nullish();

export const versionField = z
  .number({ error: messageKey('validation.invalidNumber') })
  .int({ error: messageKey('validation.invalidNumber') })
  .min(1, { error: messageKey('validation.invalidNumber') });

/** Inputs naming one record, or one record at the version the caller last saw. */
export const recordIdInput = z.object({ id: idField });
export const recordRefInput = z.object({ id: idField, version: versionField });
export const grantIdInput = z.object({ grantId: idField });
