/**
 * Participants are known only by a pseudonymous code. An organisation chooses how codes are
 * made: sequential with a prefix ("ZR-0042"), or a unique identifier code (UIC) derived from
 * answers a participant gives at the door (letters of a parent's name, a birth year, …). The
 * answers are never stored: they are canonicalised here, then turned into a short keyed hash by
 * the API with the server's secret key, so the same answers find the same person while nobody
 * holding only the database can rebuild a code from guessed answers.
 */

export const codePrefixPattern = /^[A-Z0-9]{1,8}$/;

/** "ZR", 42 → "ZR-0042" (at least four digits; more when the count needs them). */
export function formatSequentialCode(prefix: string, sequence: number, minDigits = 4): string {
  if (!codePrefixPattern.test(prefix)) throw new RangeError(`Not a code prefix: ${prefix}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Not a sequence number: ${sequence}`);
  return `${prefix}-${String(sequence).padStart(minDigits, '0')}`;
}

// Macedonian, Serbian and Bulgarian Cyrillic to Latin, so "Марија" and "Marija" give the same answer.
export const cyrillicToLatin: Readonly<Record<string, string>> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Ѓ: 'GJ',
  Ђ: 'DJ',
  Е: 'E',
  Ж: 'Z',
  З: 'Z',
  Ѕ: 'DZ',
  И: 'I',
  Ј: 'J',
  К: 'K',
  Л: 'L',
  Љ: 'LJ',
  М: 'M',
  Н: 'N',
  Њ: 'NJ',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  Ќ: 'KJ',
  Ћ: 'C',
  У: 'U',
  Ф: 'F',
  Х: 'H',
  Ц: 'C',
  Ч: 'C',
  Џ: 'DZ',
  Ш: 'S',
  Щ: 'ST',
  Ъ: 'A',
  Ь: '',
  Ю: 'JU',
  Я: 'JA',
  Й: 'J',
  Ы: 'Y',
  Э: 'E',
  Ё: 'E',
};

/**
 * One answer in the form that is hashed: upper case, Cyrillic transliterated, accents and
 * everything but letters and digits dropped ("Ana-Marija Čučkova" → "ANAMARIJACUCKOVA").
 */
export function canonicalAnswer(answer: string): string {
  const upper = answer.normalize('NFC').toLocaleUpperCase('und');
  const latin = [...upper].map((c) => cyrillicToLatin[c] ?? c).join('');
  return latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/Đ/g, 'DJ')
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * The message that is hashed for a UIC: the canonical answers in the organisation's question
 * order, each labelled, so that swapping two answers gives a different code. Empty answers are
 * refused (null): a code from nothing would collide for everyone.
 */
export function uicMessage(questions: readonly string[], answers: Readonly<Record<string, string>>): string | null {
  const parts: string[] = [];
  for (const question of questions) {
    const canonical = canonicalAnswer(answers[question] ?? '');
    if (canonical === '') return null;
    parts.push(`${question}=${canonical}`);
  }
  return parts.length > 0 ? parts.join('|') : null;
}
