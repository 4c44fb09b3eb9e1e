import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { createFormatter, type Formatter } from '../format/formatter.js';
import { catalogues, detectLocale, isLocale, type Locale, type Messages } from './messages.js';

export interface I18n {
  locale: Locale;
  t: Messages;
  format: Formatter;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);
const STORED_LOCALE = 'scontrino.loyalty.locale';

/** The member's earlier choice on this device, else the browser's languages. */
export function initialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  return detectLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

function readStoredLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(STORED_LOCALE);
    return isLocale(stored) ? stored : null;
  } catch {
    // Storage can be off (private modes, policies): the choice then lasts for the page only.
    return null;
  }
}

export function I18nProvider({ initial, children }: { initial: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState(initial);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORED_LOCALE, next);
    } catch {
      // See readStoredLocale.
    }
  }, []);
  useEffect(() => {
    // Screen readers pick their voice from `lang`; the title follows the language too.
    document.documentElement.lang = locale;
    document.title = catalogues[locale].app.name;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const t = catalogues[locale];
    return { locale, t, format: createFormatter(locale, t), setLocale };
  }, [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}
