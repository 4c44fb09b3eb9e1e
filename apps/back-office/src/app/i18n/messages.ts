import { en } from './en.js';
import { it, type Messages } from './it.js';

export type { Messages } from './it.js';

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogues: Readonly<Record<Locale, Messages>> = { it, en };
export const intlLocale: Readonly<Record<Locale, string>> = { it: 'it-IT', en: 'en-GB' };
export const localeNames: Readonly<Record<Locale, string>> = { it: 'Italiano', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's languages the back office speaks; Italian otherwise. */
export function detectLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'it';
}
