import { shouldPolyfill as shouldPolyfillCanonicalLocales } from '@formatjs/intl-getcanonicallocales/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillLocale } from '@formatjs/intl-locale/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillPluralRules } from '@formatjs/intl-pluralrules/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillNumberFormat } from '@formatjs/intl-numberformat/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillDateTimeFormat } from '@formatjs/intl-datetimeformat/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillDisplayNames } from '@formatjs/intl-displaynames/should-polyfill.js';
import { type Locale, locales } from '@tessera/domain';
import { loadTimeZones } from './time-zones';

/*
 * Some Chromium builds (Debian's among them) ship without Macedonian and Albanian CLDR data and
 * print "MKD 1,234.50" or month "M11". A polyfill is loaded only when the runtime lacks a UI
 * language, with the data of the language in use only; each language chosen later brings its own
 * data. Before sign-in only the language on screen counts (the sign-in page formats no numbers
 * or dates, and must stay light: docs/decisions/0026); once signed in, the app installs the
 * polyfills if the browser lacks any UI language, so that switching language later never replaces
 * a constructor under a form. Static import maps keep the chunks visible to the bundler.
 */

/** Which languages decide whether a polyfill is installed: the one on screen, or every UI language. */
export type PolyfillScope = 'language' | 'all';

type Loaders = Record<Locale, () => Promise<unknown>>;

const pluralRulesData: Loaders = {
  en: () => import('@formatjs/intl-pluralrules/locale-data/en.js'),
  mk: () => import('@formatjs/intl-pluralrules/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-pluralrules/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-pluralrules/locale-data/sq.js'),
};
const numberFormatData: Loaders = {
  en: () => import('@formatjs/intl-numberformat/locale-data/en.js'),
  mk: () => import('@formatjs/intl-numberformat/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-numberformat/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-numberformat/locale-data/sq.js'),
};
const dateTimeFormatData: Loaders = {
  en: () => import('@formatjs/intl-datetimeformat/locale-data/en.js'),
  mk: () => import('@formatjs/intl-datetimeformat/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-datetimeformat/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-datetimeformat/locale-data/sq.js'),
};
const displayNamesData: Loaders = {
  en: () => import('@formatjs/intl-displaynames/locale-data/en.js'),
  mk: () => import('@formatjs/intl-displaynames/locale-data/mk.js'),
  sv: () => import('@formatjs/intl-displaynames/locale-data/sv.js'),
  sq: () => import('@formatjs/intl-displaynames/locale-data/sq.js'),
};

/**
 * English is shown with British conventions unless US is chosen (ADR 0022). The sign-in page
 * formats no date or amount, so British data loads with the signed-in app only (scope 'all'),
 * keeping the first load within its budget (ADR 0026); until then en-GB falls back to en.
 */
const britishData: Partial<Record<keyof typeof polyfilled, () => Promise<unknown>>> = {
  numberFormat: () => import('@formatjs/intl-numberformat/locale-data/en-GB.js'),
  dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/en-GB.js'),
  displayNames: () => import('@formatjs/intl-displaynames/locale-data/en-GB.js'),
};

/** Read before any polyfill replaces Intl.DateTimeFormat (which would answer its own default). */
const deviceZone = deviceTimeZone();

const polyfilled = { pluralRules: false, numberFormat: false, dateTimeFormat: false, displayNames: false };
const loadedData = new Set<string>();

async function ensure(
  name: keyof typeof polyfilled,
  locale: Locale,
  missing: (locale: string) => unknown,
  force: () => Promise<unknown>,
  data: Loaders,
  scope: PolyfillScope,
): Promise<void> {
  if (!polyfilled[name]) {
    // Signed in, installed when the browser lacks any UI language, not only the one in use:
    // replacing a constructor later would leave the language on screen without its data (and the
    // app would have to step aside, losing what someone was typing). Only the data of the
    // language in use is loaded; another's comes when it is chosen.
    if (!(scope === 'all' ? locales.some((each) => missing(each)) : missing(locale))) return;
    await force();
    polyfilled[name] = true;
  }
  const wanted: [string, () => Promise<unknown>][] = [[locale, data[locale]]];
  const british = britishData[name];
  if (locale === 'en' && scope === 'all' && british) wanted.push(['en-GB', british]);
  for (const [key, load] of wanted) {
    if (loadedData.has(`${name}:${key}`)) continue;
    await load();
    loadedData.add(`${name}:${key}`);
  }
}

/** Makes formatting in `locale` right: loads what this browser lacks for it, nothing else. */
export async function loadIntlPolyfills(locale: Locale, scope: PolyfillScope): Promise<void> {
  if (shouldPolyfillCanonicalLocales()) await import('@formatjs/intl-getcanonicallocales/polyfill.js');
  if (shouldPolyfillLocale()) await import('@formatjs/intl-locale/polyfill.js');
  // Order matters: NumberFormat needs PluralRules; DateTimeFormat needs NumberFormat.
  await ensure(
    'pluralRules',
    locale,
    shouldPolyfillPluralRules,
    () => import('@formatjs/intl-pluralrules/polyfill-force.js'),
    pluralRulesData,
    scope,
  );
  await ensure(
    'numberFormat',
    locale,
    shouldPolyfillNumberFormat,
    () => import('@formatjs/intl-numberformat/polyfill-force.js'),
    numberFormatData,
    scope,
  );
  const hadDateTimeFormat = polyfilled.dateTimeFormat;
  await ensure(
    'dateTimeFormat',
    locale,
    shouldPolyfillDateTimeFormat,
    () => import('@formatjs/intl-datetimeformat/polyfill-force.js'),
    dateTimeFormatData,
    scope,
  );
  // The polyfill knows no time zone until given one: UTC and this device's zone to start with.
  if (polyfilled.dateTimeFormat && !hadDateTimeFormat) {
    await loadTimeZones(['UTC', deviceZone]);
    // The polyfill's own default is UTC: "today" must be the device's day, as without it.
    try {
      (Intl.DateTimeFormat as unknown as { __setDefaultTimeZone?: (zone: string) => void }).__setDefaultTimeZone?.(
        deviceZone,
      );
    } catch {
      // A zone without data (an alias): UTC stays the default.
    }
  }
  await ensure(
    'displayNames',
    locale,
    shouldPolyfillDisplayNames,
    () => import('@formatjs/intl-displaynames/polyfill-force.js'),
    displayNamesData,
    scope,
  );
}

/**
 * Whether loading `locale` with `scope` would replace an Intl constructor now: from then on every
 * language needs its data loaded, so nothing may be formatted until the chosen one's data is in.
 */
export function polyfillWouldReplace(locale: Locale, scope: PolyfillScope): boolean {
  const lacks = (should: (each: string) => unknown) =>
    scope === 'all' ? locales.some((each) => Boolean(should(each))) : Boolean(should(locale));
  return (
    (!polyfilled.pluralRules && lacks(shouldPolyfillPluralRules)) ||
    (!polyfilled.numberFormat && lacks(shouldPolyfillNumberFormat)) ||
    (!polyfilled.dateTimeFormat && lacks(shouldPolyfillDateTimeFormat)) ||
    (!polyfilled.displayNames && lacks(shouldPolyfillDisplayNames))
  );
}

/** Whether Intl.DateTimeFormat is the polyfill (which needs each time zone's data loaded). */
export function dateTimeFormatPolyfilled(): boolean {
  return polyfilled.dateTimeFormat;
}

function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
