import { isLocale, type Locale, matchLocale } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { catalogs } from '../i18n/catalogs';
import { trpc } from '../lib/trpc';

const storageKey = 'tessera.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be disabled; fall through to the browser's languages.
  }
  return matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
}

interface LocaleState {
  locale: Locale;
  /** Switches the UI at once; the caller persists it on the server when signed in. */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

/**
 * The UI language: the signed-in user's saved choice, otherwise the last choice on this device,
 * otherwise the browser's languages. Also sets `<html lang>` for screen readers and hyphenation.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const session = useQuery(trpc.auth.session.queryOptions());
  const userLocale = session.data?.user.locale;

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not fatal: the choice lasts for this tab.
    }
  }, []);

  useEffect(() => {
    if (isLocale(userLocale)) setLocale(userLocale);
  }, [userLocale, setLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={catalogs[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
