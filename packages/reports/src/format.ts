import { currencyExponent, type Locale, type Shown, shownText, toMajorUnits } from '@tessera/domain';

/**
 * Display formatting for the PDF, with Node's full ICU data. Spreadsheets and CSV files do not
 * use this: they carry numbers as numbers and dates as ISO text.
 */

const intlTags: Record<Locale, string> = { en: 'en-GB', mk: 'mk-MK', sv: 'sv-SE', sq: 'sq-AL' };

export interface DisplayFormat {
  locale: Locale;
  /** 1234.5 → "1,234.5" (up to two decimals). */
  number(value: number): string;
  /** Minor units as a plain amount with the currency's decimals: "12,500.00". */
  amount(minor: number, currency: string): string;
  /** Minor units with the currency code: "EUR 12,500.00". */
  money(minor: number, currency: string): string;
  /** 85.3 → "85.3%". */
  percent(value: number): string;
  /** '2025-03-15' → "15 Mar 2025". A timestamp is shown as its date. */
  date(iso: string): string;
  /** A count that may be suppressed: the mark "x" or the number. */
  shown(value: Shown): string;
}

export function displayFormat(locale: Locale, tag: string = intlTags[locale]): DisplayFormat {
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const amountFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const cached = (map: Map<string, Intl.NumberFormat>, currency: string, make: () => Intl.NumberFormat) => {
    let format = map.get(currency);
    if (!format) {
      format = make();
      map.set(currency, format);
    }
    return format;
  };
  const digits = (currency: string) => ({
    minimumFractionDigits: currencyExponent(currency),
    maximumFractionDigits: currencyExponent(currency),
  });
  const number = (value: number) => numberFormat.format(value);
  return {
    locale,
    number,
    amount: (minor, currency) =>
      cached(amountFormats, currency, () => new Intl.NumberFormat(tag, digits(currency))).format(
        toMajorUnits(minor, currency),
      ),
    money: (minor, currency) =>
      cached(
        moneyFormats,
        currency,
        () => new Intl.NumberFormat(tag, { style: 'currency', currency, currencyDisplay: 'code', ...digits(currency) }),
      ).format(toMajorUnits(minor, currency)),
    percent: (value) => percentFormat.format(value / 100),
    date: (iso) => dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    shown: (value) => shownText(value, number),
  };
}

// ---------------------------------------------------------------------------------------------
// File names

const cyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ѓ: 'gj',
  ђ: 'dj',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  ѕ: 'dz',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'j',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ќ: 'kj',
  ћ: 'c',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'ch',
  џ: 'dzh',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  œ: 'oe',
};

/**
 * An ASCII-safe file name part: Cyrillic transliterated (Macedonian rules), accents dropped,
 * anything else outside [A-Za-z0-9_-] turned into '-'. Never empty.
 */
export function asciiSlug(text: string, options: { lowercase?: boolean; maxLength?: number } = {}): string {
  const transliterated = [...text.normalize('NFC')]
    .map((char) => {
      const lower = char.toLowerCase();
      const latin = cyrillic[lower];
      if (latin === undefined) return char;
      return char === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    })
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  let slug = transliterated
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (options.lowercase) slug = slug.toLowerCase();
  slug = slug.slice(0, options.maxLength ?? 60).replace(/[-_]+$/, '');
  return slug === '' ? 'report' : slug;
}

/** `<reference or title slug>-<from>-<to><suffix>.<ext>`, e.g. "SIDA-2024-017-2025-01-01-2025-06-30.pdf". */
export function reportFileName(
  grant: { reference: string | null; title: string },
  period: { from: string; to: string },
  suffix: string,
  extension: string,
): string {
  const base = grant.reference?.trim() ? asciiSlug(grant.reference) : asciiSlug(grant.title, { lowercase: true });
  const date = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : asciiSlug(iso));
  return `${base}-${date(period.from)}-${date(period.to)}${suffix}.${extension}`;
}
