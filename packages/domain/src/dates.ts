import * as z from 'zod';
import { messageKey } from './messages';

/** Calendar dates are 'YYYY-MM-DD' strings everywhere: storage, API and rules. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const isoDateSchema = z
  .string({ error: messageKey('validation.required') })
  .trim()
  .refine(isIsoDate, { error: messageKey('validation.invalidDate') });

export const optionalIsoDateSchema = z
  .string({ error: messageKey('validation.invalidDate') })
  .trim()
  .nullish()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isIsoDate(value), { error: messageKey('validation.invalidDate') });

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date in a time zone (the organisation's), as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // Built from the parts: how 'en-CA' formats a whole date differs between ICU builds and
  // browser polyfills ("2026-11-21" in one, "11/21/2026" in another).
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month').padStart(2, '0')}-${part('day').padStart(2, '0')}`;
}

/**
 * The share of a period elapsed on `today`, counting both ends as whole days: 0 before it starts,
 * 1 from its last day on. Used for burn rate (spent % against time %).
 */
export function elapsedShare(start: string, end: string, today: string): number {
  const total = daysBetween(start, end) + 1;
  if (total <= 0) return 0;
  const done = daysBetween(start, today) + 1;
  return Math.min(1, Math.max(0, done / total));
}
