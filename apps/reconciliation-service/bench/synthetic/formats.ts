import type { EmailFormat } from './emails.js';
import type { PhoneFormat } from './phones.js';

/** How people say their number at the till of their own country. */
export const phoneAtHome: Readonly<Record<PhoneFormat, number>> = {
  national: 0.3,
  'national-spaced': 0.25,
  'national-dashed': 0.1,
  'national-dotted': 0.03,
  'intl-spaced': 0.15,
  e164: 0.07,
  'intl-00': 0.05,
  'intl-paren': 0.05,
};

/** Abroad people mostly remember the prefix. */
export const phoneAbroad: Readonly<Record<PhoneFormat, number>> = {
  national: 0,
  'national-spaced': 0,
  'national-dashed': 0,
  'national-dotted': 0,
  'intl-spaced': 0.5,
  e164: 0.25,
  'intl-00': 0.15,
  'intl-paren': 0.1,
};

/** A cashier typing an address heard aloud, or a web form. */
export const emailAtTill: Readonly<Record<EmailFormat, number>> = {
  exact: 0.6,
  capitalised: 0.2,
  upper: 0.1,
  padded: 0.1,
};

export const emailOnline: Readonly<Record<EmailFormat, number>> = {
  exact: 0.8,
  capitalised: 0.1,
  upper: 0.03,
  padded: 0.07,
};

/** A card scanned (digits) or keyed in from the plastic (groups of four). */
export function renderCard(number: string, style: 'scanned' | 'spaced' | 'dashed'): string {
  if (style === 'scanned') return number;
  return number.replace(/(\d{4})(?=\d)/g, style === 'spaced' ? '$1 ' : '$1-');
}
