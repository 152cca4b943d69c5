import { formatMinorPlain, writeUnambiguous } from '@tessera/domain';
import { formatDay, toDate } from './format-dates';

export { formatDate, formatDay, formattingLocale } from './format-dates';

/**
 * The one place that formats numbers, money and dates for display. Everything takes the UI
 * locale explicitly; in Chromium builds without Macedonian or Albanian data the FormatJS
 * polyfills (src/app/polyfills.ts) supply them before the first render.
 */

/** A clock time 'HH:MM' in the locale's way ("18:30", "6:30 PM" in US English). */
export function formatTime(locale: string, time: string | null | undefined): string {
  if (!time || !/^\d{2}:\d{2}$/.test(time)) return '';
  const date = new Date(`1970-01-01T${time}:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date);
}

/** When a session is: its day, and its start time where known ("3 Dec 2026, 18:00"). */
export function formatSessionStart(locale: string, date: string, startTime: string | null | undefined): string {
  const day = formatDay(locale, date);
  const time = formatTime(locale, startTime);
  return time ? `${day}, ${time}` : day;
}

/** A clock time `minutes` after 'HH:MM' (a session's end), wrapping past midnight. */
export function addMinutesToClock(time: string, minutes: number): string {
  const [h = '0', m = '0'] = time.split(':');
  const total = (((Number(h) * 60 + Number(m) + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** A month 'YYYY-MM' as a short label ("Mar 2026"), for chart axes. */
export function formatMonth(locale: string, value: string): string {
  const date = new Date(`${value}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A share (0.42) as a percentage in the UI locale ("42 %" in Swedish). */
export function formatPercent(locale: string, share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return '';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** The decimal mark people type in this locale: '.' in English, ',' in mk, sv and sq. */
export function decimalMarkFor(locale: string): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/**
 * Minor units as text for an amount input, in the locale's decimal mark and without grouping, so
 * that `parseAmount` reads it back unchanged ("1234,50" in Macedonian; "1.2340" for 1.234 BHD,
 * which as "1.234" would ask whether a thousand was meant).
 */
export function formatMinorForInput(locale: string, minorUnits: number | null | undefined, currency: string): string {
  if (minorUnits == null) return '';
  const [whole = '', fraction = ''] = formatMinorPlain(minorUnits, currency).split('.');
  return writeUnambiguous({ whole, fraction }, decimalMarkFor(locale));
}

/** A decimal rate string ("61.5234") in the UI locale, keeping every digit it has. */
export function formatRate(locale: string, rate: string | null | undefined): string {
  if (!rate) return '';
  const [whole = '0', fraction = ''] = rate.split('.');
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(Number(whole));
  return fraction ? `${grouped}${decimalMarkFor(locale)}${fraction}` : grouped;
}

export function formatDateTime(locale: string, value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatNumber(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** Money is kept in integer minor units; the currency says how many digits the minor unit has. */
export function formatMoney(locale: string, minorUnits: number, currency: string): string {
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minorUnits / 10 ** digits);
}

/** A country's name in the UI language, or the bare code where the runtime cannot name it. */
export function formatCountry(locale: string, code: string | null | undefined): string {
  if (!code) return '';
  try {
    if (typeof Intl.DisplayNames === 'function') {
      return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
    }
  } catch {
    // An invalid code: show it as typed.
  }
  return code;
}
