import { shouldPolyfill as shouldPolyfillCanonicalLocales } from '@formatjs/intl-getcanonicallocales/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillLocale } from '@formatjs/intl-locale/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillPluralRules } from '@formatjs/intl-pluralrules/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillNumberFormat } from '@formatjs/intl-numberformat/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillDateTimeFormat } from '@formatjs/intl-datetimeformat/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillDisplayNames } from '@formatjs/intl-displaynames/should-polyfill.js';
import { locales } from '@tessera/domain';

/*
 * Some Chromium builds (Debian's among them) ship without Macedonian and Albanian CLDR data and
 * print "MKD 1,234.50" or month "M11". Each polyfill is loaded only when the runtime lacks one of
 * the UI locales, and then with data for every UI locale, because a forced polyfill replaces the
 * constructor for all locales. Static import maps keep the chunks visible to the bundler.
 */

const pluralRulesData = {
  en: () => import('@formatjs/intl-pluralrules/locale-data/en.js'),
  mk: () => import('@formatjs/intl-pluralrules/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-pluralrules/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-pluralrules/locale-data/sq.js'),
};
const numberFormatData = {
  en: () => import('@formatjs/intl-numberformat/locale-data/en.js'),
  mk: () => import('@formatjs/intl-numberformat/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-numberformat/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-numberformat/locale-data/sq.js'),
};
const dateTimeFormatData = {
  en: () => import('@formatjs/intl-datetimeformat/locale-data/en.js'),
  mk: () => import('@formatjs/intl-datetimeformat/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-datetimeformat/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-datetimeformat/locale-data/sq.js'),
};
const displayNamesData = {
  en: () => import('@formatjs/intl-displaynames/locale-data/en.js'),
  mk: () => import('@formatjs/intl-displaynames/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-displaynames/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-displaynames/locale-data/sq.js'),
};

function anyMissing(check: (locale: string) => unknown): boolean {
  return locales.some((locale) => Boolean(check(locale)));
}

async function loadAll(data: Record<(typeof locales)[number], () => Promise<unknown>>): Promise<void> {
  await Promise.all(locales.map((locale) => data[locale]()));
}

export async function loadIntlPolyfills(): Promise<void> {
  if (shouldPolyfillCanonicalLocales()) await import('@formatjs/intl-getcanonicallocales/polyfill.js');
  if (shouldPolyfillLocale()) await import('@formatjs/intl-locale/polyfill.js');
  // Order matters: NumberFormat needs PluralRules; DateTimeFormat needs NumberFormat.
  if (anyMissing(shouldPolyfillPluralRules)) {
    await import('@formatjs/intl-pluralrules/polyfill-force.js');
    await loadAll(pluralRulesData);
  }
  if (anyMissing(shouldPolyfillNumberFormat)) {
    await import('@formatjs/intl-numberformat/polyfill-force.js');
    await loadAll(numberFormatData);
  }
  if (anyMissing(shouldPolyfillDateTimeFormat)) {
    await import('@formatjs/intl-datetimeformat/polyfill-force.js');
    await Promise.all([loadAll(dateTimeFormatData), import('@formatjs/intl-datetimeformat/add-all-tz.js')]);
  }
  if (anyMissing(shouldPolyfillDisplayNames)) {
    await import('@formatjs/intl-displaynames/polyfill-force.js');
    await loadAll(displayNamesData);
  }
}
