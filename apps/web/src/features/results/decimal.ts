/**
 * Indicator figures (baselines, targets, values) are plain decimals, not money, but they are read
 * the way `parseAmount` reads money: the user's decimal mark ("12,5" in Macedonian), the other
 * mark, spaces and apostrophes as thousands separators. An empty box is "none" (null); anything
 * unreadable is NaN, so the shared zod schema names the field ("Enter a valid number").
 */
export function parseDecimal(text: string, decimalMark: '.' | ','): number | null {
  const groupMark = decimalMark === '.' ? ',' : '.';
  const compact = text
    .replace(/[\s\u00a0\u202f']/g, '')
    .split(groupMark)
    .join('');
  if (compact === '') return null;
  const negative = compact.startsWith('-');
  const parts = (negative ? compact.slice(1) : compact).split(decimalMark);
  const [whole = '', fraction = ''] = parts;
  if (parts.length > 2 || !/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === '') {
    return Number.NaN;
  }
  const value = Number(`${whole || '0'}.${fraction || '0'}`);
  return negative ? -value : value;
}

/** A whole year typed in a box: null when empty, NaN when not a whole number. */
export function parseYear(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A number back into a box, in the locale's decimal mark and without grouping. */
export function decimalForInput(value: number | null | undefined, decimalMark: '.' | ','): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const text = String(value);
  return decimalMark === ',' ? text.replace('.', ',') : text;
}
