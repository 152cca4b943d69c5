import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { messageKey } from './messages';

/**
 * How guessable a new password is, judged by zxcvbn-ts against the common-password, name and
 * word lists it ships (no network call) and against the person's own email and name. Scores run
 * 0 (too guessable) to 4 (very unguessable); `minimumPasswordScore` is the bar at every place a
 * password is set. Its own entry point (`@tessera/domain/password-strength`, not the index), so
 * the web app can load the dictionaries lazily on the password forms only.
 */
export const minimumPasswordScore = 3;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordJudgement {
  score: PasswordScore;
  acceptable: boolean;
}

let factory: ZxcvbnFactory | undefined;
function checker(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory;
}

/** The words of the person's email and name, so "maja.petrovska2026" is judged as guessable. */
export function personalWords(person: { email?: string | null; displayName?: string | null }): string[] {
  const words = new Set<string>();
  for (const text of [person.email, person.displayName]) {
    if (!text) continue;
    const lower = text.toLowerCase();
    words.add(lower);
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

// Matching is quadratic in the length; past this many characters a password is long enough.
const judgedLength = 100;

export function judgePassword(
  password: string,
  person: { email?: string | null; displayName?: string | null } = {},
): PasswordJudgement {
  const result = checker().check(password.slice(0, judgedLength), personalWords(person));
  const score = result.score as PasswordScore;
  return { score, acceptable: score >= minimumPasswordScore };
}

/** The field error for a password below the bar, or null. */
export function weakPasswordError(
  password: string,
  person: { email?: string | null; displayName?: string | null },
): string | null {
  return judgePassword(password, person).acceptable ? null : messageKey('validation.weakPassword');
}
