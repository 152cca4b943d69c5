/**
 * Validation messages travel as keys, not sentences, so the same zod schema yields a translated
 * message in the browser form and in the API's field errors. A key may carry parameters:
 * `validation.tooLong?max=200`. The web app's catalogs hold one entry per key.
 */
export const validationKeys = [
  'validation.required',
  'validation.tooLong',
  'validation.tooShort',
  'validation.invalidUrl',
  'validation.invalidEmail',
  'validation.invalidChoice',
  'validation.invalidCountry',
  'validation.invalidCurrency',
  'validation.invalidSlug',
  'validation.invalidNumber',
  'validation.invalid',
  'validation.wrongPassword',
  'validation.alreadyMember',
] as const;

export type ValidationKey = (typeof validationKeys)[number];

export function messageKey(key: ValidationKey, params?: Record<string, string | number>): string {
  if (!params || Object.keys(params).length === 0) return key;
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return `${key}?${query.toString()}`;
}

export function parseMessageKey(message: string): { key: string; params: Record<string, string> } {
  const [key = message, query] = message.split('?', 2);
  return { key, params: query ? Object.fromEntries(new URLSearchParams(query)) : {} };
}
