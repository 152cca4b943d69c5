import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { formatCountry, formatDate, formatDateTime, formatMoney, formatNumber } from './format';

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
    }),
    [locale],
  );
}
