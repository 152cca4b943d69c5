import { isLocale, type Locale, matchLocale } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { IntlProvider } from 'react-intl';
import { type Catalog, loadCatalog } from '../i18n/catalogs';
import { loadIntlPolyfills, type PolyfillScope, polyfillWouldReplace } from './polyfills';
import { StartScreen } from './start-screen';
import { formattingLocale } from '../lib/format-dates';
import { queryClient, trpc } from '../lib/trpc';

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
  /** English with US dates and numbers instead of British ones (the user's saved choice). */
  usFormats: boolean;
  /** Switches at once; the caller persists it on the server. */
  setUsFormats: (usFormats: boolean) => void;
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
  // The language on screen: the chosen one once its messages (and, where this browser lacks
  // them, its formatting data) are loaded; until then the previous one stays. `scope` says which
  // languages decided the Intl polyfills (see app/polyfills.ts): the signed-in app needs 'all'.
  const [shown, setShown] = useState<{ locale: Locale; messages: Catalog; scope: PolyfillScope } | null>(null);
  const session = useQuery(trpc.auth.session.queryOptions());
  const userLocale = session.data?.user.locale;
  // Read from the cache, not the query above: signing in clears the cache (another user's data
  // must not survive), which leaves this component's observer on the discarded query.
  const signedIn = useSyncExternalStore(
    (onChange) => queryClient.getQueryCache().subscribe(onChange),
    () => queryClient.getQueryData(trpc.auth.session.queryKey()) != null,
  );
  const scope: PolyfillScope = signedIn ? 'all' : 'language';
  const userUsFormats = session.data?.user.usFormats;
  const [usFormats, setUsFormats] = useState(false);
  useEffect(() => {
    setUsFormats(userUsFormats === true);
  }, [userUsFormats]);

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

  // Switching to a language this browser lacks (or signing in, on such a browser) installs a
  // polyfill that, from that moment, cannot format the language still on screen: the app steps
  // aside (the start screen) until it is in. Nothing typed is lost: signing in has just finished.
  const [replacing, setReplacing] = useState<{ locale: Locale; scope: PolyfillScope } | null>(null);
  const shownLocale = shown?.locale;
  const shownScope = shown?.scope;
  // The first load waits for the session (one request, in parallel with the messages' chunk) to
  // know which polyfills it needs, so a signed-in reload never steps aside.
  const sessionKnown = !session.isPending;

  useEffect(() => {
    // Started at once, while the session is asked for: the messages, and what this browser
    // lacks for the language on screen (needed whether or not someone is signed in).
    void loadCatalog(locale);
    void loadIntlPolyfills(locale, 'language').catch(() => undefined);
  }, [locale]);

  useEffect(() => {
    if (!sessionKnown && shownLocale === undefined) return;
    if (shownLocale === locale && (shownScope === 'all' || scope === 'language')) return;
    if (shownLocale !== undefined && polyfillWouldReplace(locale, scope)) {
      setReplacing({ locale, scope });
      return;
    }
    let current = true;
    void loadLanguage(locale, scope).then((messages) => {
      if (current) setShown({ locale, messages, scope });
    });
    return () => {
      current = false;
    };
  }, [locale, shownLocale, shownScope, scope, sessionKnown]);

  useEffect(() => {
    // Runs once the start screen is committed: nothing on screen formats while the polyfill loads.
    if (replacing === null) return;
    let current = true;
    void loadLanguage(replacing.locale, replacing.scope).then((messages) => {
      if (!current) return;
      setShown({ ...replacing, messages });
      setReplacing(null);
    });
    return () => {
      current = false;
    };
  }, [replacing]);

  useEffect(() => {
    if (shown) document.documentElement.lang = shown.locale;
  }, [shown]);

  const value = useMemo(() => ({ locale, setLocale, usFormats, setUsFormats }), [locale, setLocale, usFormats]);
  if (!shown || replacing !== null) return <StartScreen />;
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={formattingLocale(shown.locale, usFormats)} messages={shown.messages} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

/** A language's messages and, where this browser lacks them, its formatting data. */
async function loadLanguage(locale: Locale, scope: PolyfillScope): Promise<Catalog> {
  const polyfills = loadIntlPolyfills(locale, scope).catch((error: unknown) => {
    console.error('Intl polyfills failed to load; formatting may fall back.', error);
  });
  const [messages] = await Promise.all([loadCatalog(locale), polyfills]);
  return messages;
}
