/**
 * Today's date in a time zone as 'YYYY-MM-DD', put together from the formatter's parts. The
 * domain's `todayIn` formats with the 'en-CA' locale and relies on its pattern being ISO-like,
 * which the FormatJS DateTimeFormat polyfill (loaded in Chromium builds without Macedonian data,
 * see app/polyfills.ts) does not keep: there it gives "11/21/2026". Parts do not depend on
 * any locale's pattern.
 */
export function isoToday(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month').padStart(2, '0')}-${part('day').padStart(2, '0')}`;
}
