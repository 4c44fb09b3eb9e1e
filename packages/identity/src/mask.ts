import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Identifier } from './identifier-types.js';

/**
 * Masked forms of a customer's identifiers and name: what staff who curate identities see
 * instead of the value (`m•••o@e•••.it`, `+39 ••• ••• 12 34`, `••••1234`, `A. R.`). Each keeps
 * enough to tell two values apart on a screen and never the whole value, and no mask says how
 * long the hidden part is.
 * Characters are counted as the reader sees them (grapheme clusters), so an accent, an emoji or
 * a letter outside the BMP is never cut in half.
 */
export const MASK = '•••';

const graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Control and format characters (a bidi override, a BOM) are never shown: they could reorder a screen. */
const invisible = /^[\p{Cc}\p{Cf}]+$/u;
/** Printable ASCII, where every character is one grapheme: most values, split without ICU. */
const printableAscii = /^[\x20-\x7e]*$/;
const graphemes = (text: string): string[] =>
  printableAscii.test(text)
    ? text.split('')
    : [...graphemeSegmenter.segment(text)].map((s) => s.segment).filter((char) => !invisible.test(char));

/** The first character of a part when it has at least 2; the last too, if asked, when it has at least 5. */
function maskPart(part: string, withLast: boolean): string {
  const chars = graphemes(part);
  const first = chars.length >= 2 ? chars[0] : '';
  const last = withLast && chars.length >= 5 ? chars.at(-1) : '';
  return `${first}${MASK}${last}`;
}

/**
 * `marco.rossi@example.it` → `m•••i@e•••.it`: a hint of the mailbox and of the domain, and the
 * domain's last label. Without an `@` (a value from before the rules) it is masked as one part.
 */
function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return maskPart(value, true);
  const labels = value.slice(at + 1).split('.');
  const top = labels.length >= 2 ? labels.pop() : undefined;
  return `${maskPart(value.slice(0, at), true)}@${maskPart(labels[0] ?? '', false)}${top ? `.${top}` : ''}`;
}

/** The last digits shown of a number with this many digits: 4 of 8 or more, 2 of 5 to 7, else none. */
const shownDigits = (count: number) => (count >= 8 ? 4 : count >= 5 ? 2 : 0);

/** `+393331234567` → `+39 ••• ••• 45 67`: the country prefix and the last digits, in pairs. */
function maskPhone(value: string): string {
  const phone = parsePhoneNumberFromString(value);
  const prefix = phone ? `+${phone.countryCallingCode} ` : '';
  const digits = phone ? phone.nationalNumber : value.replace(/\D/g, '');
  const tail = digits.slice(digits.length - shownDigits(digits.length));
  const pairs = tail.match(/\d{2}/g) ?? [];
  return [`${prefix}${MASK} ${MASK}`, ...pairs].join(' ');
}

/**
 * A number or an opaque id: `••••` and its last characters, at most 4 and never more than there
 * are hidden (a 6-digit card shows 2, a 4-digit one none). A web-shop account (`<shopId>:<id>`)
 * keeps its shop, which is the retailer's, and masks the customer's id.
 */
function maskOpaque(value: string, keepPrefix: boolean): string {
  const colon = keepPrefix ? value.indexOf(':') : -1;
  const chars = graphemes(value.slice(colon + 1));
  const shown = Math.min(4, Math.max(0, chars.length - 4));
  return `${value.slice(0, colon + 1)}••••${chars.slice(chars.length - shown).join('')}`;
}

/** A short form of an identifier safe to show staff without `identity.reveal`, and customers. */
export function maskIdentifier({ type, value }: Identifier): string {
  switch (type) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'card':
    case 'payment':
    case 'device':
      return maskOpaque(value, false);
    case 'webAccount':
      return maskOpaque(value, true);
  }
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * A name as initials: `Anna Maria de Rossi` → `A. M. D. R.`, `Jean-Luc Picard` → `J. P.`,
 * `D'Amico` → `D.`. Each word gives its first letter or digit (a leading quote or bracket is
 * skipped), upper-cased; a name with none gives `•••`.
 */
export function maskName(name: string): string {
  const initials = name
    .normalize('NFC')
    .split(/[\s\p{Z}]+/u)
    .flatMap((word) => {
      const initial = graphemes(word).find((char) => letterOrDigit.test(char));
      return initial ? [`${initial.toLocaleUpperCase()}.`] : [];
    });
  return initials.length > 0 ? initials.join(' ') : MASK;
}
