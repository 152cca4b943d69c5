/**
 * The one place that formats numbers, money and dates for display. Everything takes the UI
 * locale explicitly; in Chromium builds without Macedonian or Albanian data the FormatJS
 * polyfills (src/app/polyfills.ts) supply them before the first render.
 */

export function formatDate(locale: string, value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
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

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
