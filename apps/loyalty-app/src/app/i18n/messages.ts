import { en } from './en.js';
import { it, type Messages } from './it.js';

export type { Messages } from './it.js';

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogues: Readonly<Record<Locale, Messages>> = { it, en };

/** The BCP 47 tag Intl formats with: Italian as in Italy, English with European dates. */
export const intlLocale: Readonly<Record<Locale, string>> = { it: 'it-IT', en: 'en-GB' };

/** Each language's name in itself, for the switch. */
export const localeNames: Readonly<Record<Locale, string>> = { it: 'Italiano', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages the app speaks (`it-CH` counts as Italian).
 * English otherwise: a visitor whose browser speaks neither more likely reads English.
 */
export function detectLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0];
    if (isLocale(language)) return language;
  }
  return 'en';
}
