import type * as z from 'zod';
import type { FieldErrors } from './errors';
import { messageKey } from './messages';
import { codePrefixPattern, cyrillicToLatin } from './participant-codes';
import { suppressedMark } from './suppression';

/**
 * The one rule for free text that leaves the coordinators' need-to-know circle (what finance
 * staff, viewers, a network or an export receive): it never holds a participant code.
 *
 * The text is first folded: each character in compatibility form (full-width "ＺＲ－０００７"
 * reads as "ZR-0007"), upper case, accents dropped and Macedonian/Serbian Cyrillic transliterated
 * as the code answers are ("ЗР-0007" typed on a Cyrillic keyboard reads as "ZR-0007"). A code
 * must stand on its own: no letter or digit touches it on either side ("AZR-0042", "ZR-0042B"
 * are not codes). A separator is any run of spaces, dashes (ASCII, Unicode dashes, minus),
 * underscores, dots or middle dots, or nothing. What is caught:
 *
 * 1. A sequential code with the organisation's prefix, in any case: the prefix (its characters
 *    may be split by up to two separators: "Z R", "Z.R."), up to three separators, then 1–12
 *    digits with or without their leading zeros: "ZR-0007", "zr 0007", "ZR0007", "z r - 7",
 *    "Zr_7", "zr.0042". Three exceptions keep ordinary prose free:
 *    - a year-like number (1950–2099, four digits) after the prefix and only spaces is read as
 *      a year, not a code: "ZR 2026 strategy" passes, "ZR-2026" and "ZR2026" do not;
 *    - a prefix of digits only ("2026") is caught only in its issued shape, the prefix, one
 *      dash and at least four digits ("2026-0007"), or every number would look like a code;
 *    - a one-letter prefix (the default "P") glued to fewer than four digits is a label, not a
 *      code: "P1", "A4 brochures", "B2 level" pass; "P-7", "p 7" and "P0007" do not.
 *    An organisation whose prefix is an ordinary word ("IN", "A") will see that word followed
 *    by a number refused ("in 12 towns"): choose a prefix that is not a word.
 * 2. A unique identifier code (UIC, "U-7KQ2M-9XD4T": U and ten Crockford base-32 characters in
 *    two groups of five), however separated ("u 7kq2m 9xd4t", "U7KQ2M9XD4T"), when its ten
 *    characters hold a digit (97.6% of codes) or are written in upper case as shown on screen.
 *    An all-letter code typed in lower case ("u mbajt takpm") cannot be told from words
 *    ("unharnessed", Albanian "u mbajt takim") by its shape: `uicLookalikes` lists those runs and
 *    the API refuses the ones that are an issued code.
 * 3. An erased participant's placeholder ("X-0A1B2C3D4E": X and ten hexadecimal characters),
 *    however separated, on the same condition as a UIC.
 *
 * Not caught, by design: bare numbers and years ("2026", "20 women"), other codes and
 * references ("COVID-19", "CT-2026", "S-MK100-26-GR-014"), money ("EUR 1,500.00", "1 500 kr"),
 * a prefix glued to a longer word, and codes of another organisation's prefix or typed by hand
 * in a shape of their own (the rule knows the scheme, not the list of codes).
 */
export interface CodeInTextOptions {
  /** The organisation's sequential-code prefix ("ZR"), from its participant settings. */
  prefix: string;
}

export type CodeInTextScheme = 'sequential' | 'uic' | 'erased';

export interface CodeInText {
  scheme: CodeInTextScheme;
  /** The code as it was written in the text. */
  text: string;
  /** Where it starts in the text (UTF-16 index). */
  index: number;
}

const sep = '[\\s\\-\\u2010-\\u2015\\u2212_.\\u00B7]';
const dash = '[\\-\\u2010-\\u2015\\u2212]';
const before = '(?<![\\p{L}\\p{N}])';
const after = '(?![\\p{L}\\p{N}])';
const crockford = '[0-9A-TV-Z]';
const uicPattern = new RegExp(`${before}U${sep}{0,3}(${crockford}{5})${sep}{0,3}(${crockford}{5})${after}`, 'gu');
const erasedPattern = new RegExp(`${before}X${sep}{0,3}([0-9A-F]{10})${after}`, 'gu');
const yearLike = /^(19[5-9]\d|20\d\d)$/;

/** The text folded character by character, with where each folded character came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let at = 0;
  for (const ch of text) {
    const upper = ch.normalize('NFKC').toUpperCase();
    const latin = [...upper]
      .map((c) => cyrillicToLatin[c] ?? c)
      .join('')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '');
    for (const c of latin) {
      folded += c;
      for (let i = 0; i < c.length; i += 1) origin.push(at);
    }
    at += ch.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

const sequentialPatterns = new Map<string, RegExp>();

function sequentialPattern(prefix: string): RegExp {
  const cached = sequentialPatterns.get(prefix);
  if (cached) return cached;
  // The prefix is [A-Z0-9]{1,8}: nothing in it needs escaping.
  const pattern = /[A-Z]/.test(prefix)
    ? new RegExp(`${before}${[...prefix].join(`${sep}{0,2}`)}(${sep}{0,3})(\\d{1,12})${after}`, 'gu')
    : new RegExp(`${before}${prefix}()${dash}(\\d{4,12})${after}`, 'gu');
  sequentialPatterns.set(prefix, pattern);
  return pattern;
}

function hasLowerCase(text: string): boolean {
  return /\p{Ll}/u.test(text);
}

/**
 * Every participant code in the text, in order (see the rule above). The prefix must be a valid
 * code prefix; an invalid one only disables the sequential part.
 */
export function findParticipantCodes(text: string, options: CodeInTextOptions): CodeInText[] {
  if (text === '') return [];
  const { folded, origin } = fold(text);
  const found: CodeInText[] = [];
  const original = (start: number, end: number) => {
    const from = origin[start] ?? text.length;
    const to = origin[end] ?? text.length;
    return { index: from, text: text.slice(from, to) };
  };
  if (codePrefixPattern.test(options.prefix)) {
    for (const m of folded.matchAll(sequentialPattern(options.prefix))) {
      const separator = m[1] ?? '';
      const digits = m[2] ?? '';
      if (separator !== '' && separator.trim() === '' && yearLike.test(digits)) continue;
      if (options.prefix.length === 1 && separator === '' && digits.length < 4) continue;
      found.push({ scheme: 'sequential', ...original(m.index, m.index + m[0].length) });
    }
  }
  for (const [scheme, pattern] of [
    ['uic', uicPattern],
    ['erased', erasedPattern],
  ] as const) {
    for (const m of folded.matchAll(pattern)) {
      const at = original(m.index, m.index + m[0].length);
      const body = m.slice(1).join('');
      if (/\d/.test(body) || !hasLowerCase(at.text)) found.push({ scheme, ...at });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The UIC-shaped runs the rule lets pass (all letters, typed in lower case: "u mbajt takpm"
 * could be words), each with the code it would be ("U-MBAJT-TAKPM"). Whoever holds the list of
 * issued codes (the API) refuses those that are a participant's code: no prose is refused for
 * its shape alone, and no issued code passes in any case.
 */
export function uicLookalikes(text: string): (CodeInText & { code: string })[] {
  if (text === '') return [];
  const { folded, origin } = fold(text);
  const out: (CodeInText & { code: string })[] = [];
  for (const m of folded.matchAll(uicPattern)) {
    const from = origin[m.index] ?? text.length;
    const to = origin[m.index + m[0].length] ?? text.length;
    const written = text.slice(from, to);
    const body = m.slice(1).join('');
    if (/\d/.test(body) || !hasLowerCase(written)) continue;
    out.push({ scheme: 'uic', text: written, index: from, code: `U-${m[1]}-${m[2]}` });
  }
  return out;
}

/** The first participant code in the text, or null when it holds none. */
export function findParticipantCode(text: string, options: CodeInTextOptions): CodeInText | null {
  return findParticipantCodes(text, options)[0] ?? null;
}

/**
 * The text with each participant code in it replaced by the neutral mark: for stored text that
 * leaves the circle but was written before the rule, or into the ledger, where a code is refused
 * on entry only when a service checks it (a list of expenditure printed in a financial report).
 */
export function maskParticipantCodes(text: string, options: CodeInTextOptions): string {
  let masked = text;
  const found = findParticipantCodes(text, options);
  for (let i = found.length - 1; i >= 0; i -= 1) {
    const code = found[i] as CodeInText;
    masked = `${masked.slice(0, code.index)}${suppressedMark}${masked.slice(code.index + code.text.length)}`;
  }
  return masked;
}

/** The field message for a text naming a code: it says which code, so the writer can find it. */
export function participantCodeMessage(found: CodeInText): string {
  return messageKey('validation.mentionsCode', { code: found.text.slice(0, 40) });
}

/**
 * Field errors for every named text that holds a code (`{ note: ['validation.mentionsCode?code=ZR-0007'] }`);
 * empty when none does. Services call it with the organisation's prefix before they write.
 */
export function participantCodeFieldErrors(
  fields: Readonly<Record<string, string | null | undefined>>,
  options: CodeInTextOptions,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, value] of Object.entries(fields)) {
    if (!value) continue;
    const found = findParticipantCode(value, options);
    if (found) errors[path] = [participantCodeMessage(found)];
  }
  return errors;
}

/**
 * The same rule as a zod refinement, for a form that knows the prefix:
 * `optionalText(1000).superRefine(refineNoParticipantCode({ prefix }))`.
 */
export function refineNoParticipantCode(options: CodeInTextOptions) {
  return (value: string | null | undefined, ctx: z.RefinementCtx) => {
    if (!value) return;
    const found = findParticipantCode(value, options);
    if (found) ctx.addIssue({ code: 'custom', message: participantCodeMessage(found) });
  };
}

/** The kinds of record whose free text leaves the circle (see the services that check them). */
export const freeTextKinds = [
  'funder',
  'grant',
  'grantStatusChange',
  'budgetLine',
  'budgetRevision',
  'tranche',
  'deadline',
  'expenditure',
  'matchContribution',
  'partner',
  'project',
  'activity',
  'session',
  'output',
  'indicator',
  'indicatorValue',
  'reportPack',
] as const;
export type FreeTextKind = (typeof freeTextKinds)[number];

/**
 * A stored text that names a participant code (written before the rule, or straight into the
 * database): which record and field, and the record's title. Never the text or the code: the
 * admin opens the record to fix it.
 */
export interface CodeFinding {
  kind: FreeTextKind;
  id: string;
  field: string;
  title: string;
  scheme: CodeInTextScheme;
}
