import { useMemo } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import {
  decimalMarkFor,
  formatCountry,
  formatDate,
  formatDateTime,
  formatDay,
  formatMinorForInput,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRate,
  formatSessionStart,
  formatTime,
} from './format';

/**
 * The formatting functions of `format.ts`, bound to the current formatting locale (the
 * IntlProvider's: en-GB or en-US for English, see `formattingLocale`).
 */
export function useFormat() {
  const intl = useIntl();
  const { locale } = intl;
  return useMemo(
    () => ({
      /** A length of time in minutes as hours and minutes ("3 h", "1 h 30 min"), never "3:00". */
      duration: (minutes: number) => formatDuration(intl, minutes),
      time: (value: string | null | undefined) => formatTime(locale, value),
      sessionStart: (date: string, startTime: string | null | undefined) => formatSessionStart(locale, date, startTime),
      date: (value: string | Date | null | undefined) => formatDate(locale, value),
      dateTime: (value: string | Date | null | undefined) => formatDateTime(locale, value),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(locale, value, options),
      money: (minorUnits: number, currency: string) => formatMoney(locale, minorUnits, currency),
      country: (code: string | null | undefined) => formatCountry(locale, code),
      day: (value: string | null | undefined) => formatDay(locale, value),
      month: (value: string) => formatMonth(locale, value),
      percent: (share: number | null | undefined) => formatPercent(locale, share),
      rate: (rate: string | null | undefined) => formatRate(locale, rate),
      minorForInput: (minorUnits: number | null | undefined, currency: string) =>
        formatMinorForInput(locale, minorUnits, currency),
      decimalMark: decimalMarkFor(locale),
    }),
    [locale, intl],
  );
}

/**
 * Minutes as hours and minutes in the UI language: the numbers through Intl, the unit words from
 * the catalog ("3 h", "1 h 30 min", Macedonian "3 ч"), so nothing is rounded and a length never
 * reads like a clock time.
 */
export function formatDuration(intl: IntlShape, minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const h = intl.formatNumber(hours);
  const m = intl.formatNumber(rest);
  if (hours === 0) return intl.formatMessage({ id: 'participants.duration.minutes' }, { minutes: m });
  if (rest === 0) return intl.formatMessage({ id: 'participants.duration.hours' }, { hours: h });
  return intl.formatMessage({ id: 'participants.duration.both' }, { hours: h, minutes: m });
}
