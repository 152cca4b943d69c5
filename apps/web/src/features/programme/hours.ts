/**
 * Hours typed and shown in the programme screens. Storage is whole minutes (see the domain's
 * hours.ts); people think in hours, so forms take "80", "2.5", "2,5" or "2:30"; screens show
 * lengths as "2 h 30 min" (useFormat's `duration`), never as h:mm, which reads as a time of day.
 */

/**
 * Minutes for what someone typed as hours: decimal hours with either decimal mark, or h:mm.
 * Decimal hours are rounded to the nearest whole minute (1.33 h → 80 min), since minutes are the
 * unit kept. Returns null for anything else, an empty box included.
 */
export function parseHours(text: string): number | null {
  const value = text.trim();
  const clock = /^(\d{1,5}):([0-5]\d)$/.exec(value);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (!/^\d{1,5}([.,]\d{1,4})?$/.test(value)) return null;
  return Math.round(Number(value.replace(',', '.')) * 60);
}

/** "2:30" for 150 minutes: what an hours box is given back to edit (never shown as a length). */
export function formatClockMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The hours to put back into an hours box: whole hours as "80", the rest as h:mm ("2:30"). */
export function minutesForInput(minutes: number): string {
  return minutes % 60 === 0 ? String(minutes / 60) : formatClockMinutes(minutes);
}
