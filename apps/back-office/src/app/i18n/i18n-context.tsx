import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { catalogues, detectLocale, intlLocale, isLocale, type Locale, type Messages } from './messages.js';

export interface I18n {
  locale: Locale;
  t: Messages;
  money: (minor: number) => string;
  percent: (ratio: number | null) => string;
  count: (value: number) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);
const STORED_LOCALE = 'scontrino.back-office.locale';

export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORED_LOCALE);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be off: the browser's languages decide.
  }
  return detectLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function I18nProvider({ initial, children }: { initial: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState(initial);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORED_LOCALE, next);
    } catch {
      // The choice then lasts for the page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = catalogues[locale].app.name;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const tag = intlLocale[locale];
    const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR' });
    const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const count = new Intl.NumberFormat(tag);
    return {
      locale,
      t: catalogues[locale],
      money: (minor) => money.format(minor / 100),
      percent: (ratio) => (ratio === null ? '—' : percent.format(ratio)),
      count: (value) => count.format(value),
      setLocale,
    };
  }, [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}
