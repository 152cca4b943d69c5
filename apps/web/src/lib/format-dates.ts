/**
 * The formatting locale and calendar dates, with no other import: the sign-in page's language
 * menu and the locale provider use them, and must not pull the money and number rules (and zod)
 * into the first load (docs/decisions/0026-javascript-budget.md). The rest is in format.ts.
 */

/**
 * The locale whose conventions dates and numbers follow: each UI language's own, and for English
 * British ones ("3 Dec 2026", 18:30, dd/mm/yyyy) unless the person picked US formats in their
 * settings (ADR 0022). The messages stay keyed by the UI language.
 */
export function formattingLocale(language: string, usFormats = false): string {
  if (language === 'en') return usFormats ? 'en-US' : 'en-GB';
  return language;
}

export function formatDate(locale: string, value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/**
 * A calendar date stored as 'YYYY-MM-DD' (grant periods, due dates): formatted in UTC so the day
 * never shifts with the browser's time zone.
 */
export function formatDay(locale: string, value: string | null | undefined): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(locale, value);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

export function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
