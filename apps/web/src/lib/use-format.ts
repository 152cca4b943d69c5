import { useMemo } from 'react';
import { useIntl } from 'react-intl';
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
} from './format';

/** The formatting functions of `format.ts`, bound to the current UI locale. */
export function useFormat() {
  const { locale } = useIntl();
  return useMemo(
    () => ({
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
    [locale],
  );
}
