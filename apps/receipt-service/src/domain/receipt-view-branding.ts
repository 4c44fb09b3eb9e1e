import type { StoreProfile } from './store-profile.js';

export interface ReceiptBranding {
  /** #rrggbb, safe to put in CSS. */
  accentColor: string;
  /** Black or white, whichever reads better on the accent colour. */
  onAccentColor: string;
  logo: { url: string; alt: string } | null;
  /** The store's closing words (return policy…), one entry per line, in the receipt's language when the profile has them in it. */
  footerLines: string[];
  /** The language of `footerLines` when they are not in the receipt's (no translation): its `lang`. */
  footerLang: string | null;
}

const DEFAULT_ACCENT = '#1f2937';
const hexColor = /^#[0-9a-fA-F]{6}$/;

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The text colour (white or near-black) with the higher WCAG contrast on `background`. */
export function readableOn(background: string): string {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / (luminance('#111111') + 0.05);
  return onWhite >= onBlack ? '#ffffff' : '#111111';
}

const languageOf = (tag: string): string | null => {
  try {
    return new Intl.Locale(tag).language;
  } catch {
    return null;
  }
};

/**
 * The footer in `locale`: as written when that is the store's language, else its translation for
 * that exact tag or language, else as written, marked with the store's language.
 */
export function footerIn(store: StoreProfile, locale: string): { text: string; lang: string | null } {
  const language = languageOf(locale);
  if (language === languageOf(store.defaultLocale)) return { text: store.branding.footer, lang: null };
  const translations = Object.entries(store.branding.footerTranslations ?? {});
  const translated =
    translations.find(([tag]) => tag.toLowerCase() === locale.toLowerCase()) ??
    translations.find(([tag]) => languageOf(tag) === language);
  if (translated) return { text: translated[1], lang: null };
  return { text: store.branding.footer, lang: store.defaultLocale };
}

/**
 * The store's branding, checked again although the profile schema validated it: the colour ends
 * up in CSS and the logo in an `src`, so only a hex colour and an http(s) URL get through.
 */
export function brandingOf(store: StoreProfile, logoAlt: string, locale: string): ReceiptBranding {
  const accentColor = hexColor.test(store.branding.accentColor)
    ? store.branding.accentColor.toLowerCase()
    : DEFAULT_ACCENT;
  const logoUrl = store.branding.logoUrl;
  const logo = logoUrl !== undefined && /^https?:\/\//i.test(logoUrl) ? { url: logoUrl, alt: logoAlt } : null;
  const footer = footerIn(store, locale);
  return {
    accentColor,
    onAccentColor: readableOn(accentColor),
    logo,
    footerLines: footer.text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    footerLang: footer.lang,
  };
}
