import type { StoreProfile } from './store-profile.js';

export interface ReceiptBranding {
  /** #rrggbb, safe to put in CSS. */
  accentColor: string;
  /** Black or white, whichever reads better on the accent colour. */
  onAccentColor: string;
  logo: { url: string; alt: string } | null;
  /** The store's closing words (return policy…), one entry per line. */
  footerLines: string[];
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

/**
 * The store's branding, checked again although the profile schema validated it: the colour ends
 * up in CSS and the logo in an `src`, so only a hex colour and an http(s) URL get through.
 */
export function brandingOf(store: StoreProfile, logoAlt: string): ReceiptBranding {
  const accentColor = hexColor.test(store.branding.accentColor)
    ? store.branding.accentColor.toLowerCase()
    : DEFAULT_ACCENT;
  const logoUrl = store.branding.logoUrl;
  const logo = logoUrl !== undefined && /^https?:\/\//i.test(logoUrl) ? { url: logoUrl, alt: logoAlt } : null;
  return {
    accentColor,
    onAccentColor: readableOn(accentColor),
    logo,
    footerLines: store.branding.footer
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
}
