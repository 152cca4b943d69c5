import { messageKey } from './messages';

/** Digits before and after the decimal mark, as typed (no sign: typed money is never negative). */
export interface DecimalDigits {
  whole: string;
  fraction: string;
}

export type DecimalReading =
  | ({ kind: 'number' } & DecimalDigits)
  | { kind: 'ambiguous'; mark: '.' | ','; grouped: DecimalDigits; decimal: DecimalDigits }
  | { kind: 'invalid'; error: string };

const spaces = /[\s\u00a0\u202f\u2009]/;
const apostrophes = /['\u2019]/;

function separatorKind(char: string): 'space' | 'apostrophe' | '.' | ',' {
  if (spaces.test(char)) return 'space';
  if (apostrophes.test(char)) return 'apostrophe';
  return char as '.' | ',';
}

/** Whole-number digits split by one kind of thousands separator: 1–3 digits, then groups of 3. */
function readGroups(text: string): string | null {
  const groups = text.split(/[.,\s\u00a0\u202f\u2009'\u2019]/);
  if (groups.length === 1) return /^\d*$/.test(text) ? text : null;
  const kinds = new Set([...text].filter((c) => !/\d/.test(c)).map(separatorKind));
  if (kinds.size !== 1) return null;
  const [first = '', ...rest] = groups;
  if (!/^\d{1,3}$/.test(first) || !rest.every((g) => /^\d{3}$/.test(g))) return null;
  return groups.join('');
}

/**
 * Reads a typed number the same way in every language. Whichever of '.' and ',' comes last, once,
 * is the decimal mark and the other (or spaces, or apostrophes) groups thousands: "1234.50",
 * "1234,50", "1.234,50", "1,234.50" and "1 234,50" are all 1234.5. A mark that appears more than
 * once groups thousands ("1.234.567"). The one spelling that stays ambiguous is a lone mark with
 * exactly three digits after it and one to three (not starting with 0) before, such as "1.234":
 * both readings are returned and the caller asks which was meant.
 */
export function readDecimal(input: string): DecimalReading {
  const text = input.trim();
  if (text === '') return { kind: 'invalid', error: messageKey('validation.required') };
  if (/^[-\u2212]/.test(text)) return { kind: 'invalid', error: messageKey('validation.negative') };
  const invalid = { kind: 'invalid', error: messageKey('validation.invalidNumber') } as const;
  if (!/^[\d.,\s\u00a0\u202f\u2009'\u2019]+$/.test(text) || !/\d/.test(text)) return invalid;

  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  let decimalAt = -1;
  if (dots > 0 && commas > 0) decimalAt = Math.max(lastDot, lastComma);
  else if (dots === 1 || commas === 1) decimalAt = Math.max(lastDot, lastComma);
  // Otherwise no mark, or one mark repeated: it groups thousands.

  if (decimalAt < 0) {
    const whole = readGroups(text);
    return whole === null ? invalid : { kind: 'number', whole, fraction: '' };
  }
  const before = text.slice(0, decimalAt);
  const fraction = text.slice(decimalAt + 1);
  if (!/^\d*$/.test(fraction)) return invalid;
  const whole = readGroups(before);
  if (whole === null || whole + fraction === '') return invalid;
  const mayBeGrouping = /^[1-9]\d{0,2}$/.test(before) && fraction.length === 3 && dots + commas === 1;
  if (mayBeGrouping) {
    return {
      kind: 'ambiguous',
      mark: text[decimalAt] as '.' | ',',
      grouped: { whole: `${before}${fraction}`, fraction: '' },
      decimal: { whole: before, fraction },
    };
  }
  return { kind: 'number', whole, fraction };
}

/**
 * Writes digits back so that `readDecimal` reads them unambiguously with the given decimal mark:
 * a three-decimal number gets a fourth, zero decimal ("1.2340"), which changes nothing.
 */
export function writeUnambiguous(digits: DecimalDigits, decimalMark: '.' | ','): string {
  if (digits.fraction === '') return digits.whole || '0';
  const fraction = digits.fraction.length === 3 ? `${digits.fraction}0` : digits.fraction;
  return `${digits.whole || '0'}${decimalMark}${fraction}`;
}

/** The digits as a plain decimal string with '.' and no redundant zeros ("1234.5"), or null. */
export function decimalString(digits: DecimalDigits): string {
  const whole = digits.whole.replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.fraction.replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
