// The UI languages without zod: the web app's first load (the sign-in page) needs these and
// nothing else from the domain (docs/decisions/0026-javascript-budget.md).

export const locales = ['en', 'mk', 'sv', 'sq'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export const localeNames: Record<Locale, string> = {
  en: 'English',
  mk: 'Македонски',
  sv: 'Svenska',
  sq: 'Shqip',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Picks the first supported locale from a list such as navigator.languages. */
export function matchLocale(candidates: readonly string[]): Locale {
  for (const candidate of candidates) {
    const base = candidate.toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return defaultLocale;
}
