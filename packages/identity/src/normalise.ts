import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Identifier, IdentifierType } from './identifier-types.js';

/**
 * Bumped whenever a rule below changes the normalised form of any value: identifiers stored
 * under an older version can then be re-normalised and re-hashed by a migration.
 */
export const NORMALISER_VERSION = 2;

export interface EmailRules {
  /** Gmail ignores dots in the local part: `j.doe@gmail.com` is `jdoe@gmail.com`. Off by default. */
  gmailDots: boolean;
  /** `jane+shop@example.com` is delivered to `jane@example.com`. Off by default. */
  plusTags: boolean;
}

export interface NormaliseOptions {
  /** ISO 3166-1 alpha-2 country of the store or shop: how a phone number without prefix is read. */
  defaultCountry?: string | undefined;
  /** Provider-specific e-mail rules; both off unless the retailer turns them on. */
  email?: Partial<EmailRules> | undefined;
  /** The web shop a `webAccount` id belongs to: ids are only unique per shop. */
  shopId?: string | undefined;
}

export type NormaliseResult =
  | {
      ok: true;
      identifier: Identifier;
      version: number;
      /**
       * Set when the value is kept as a weaker identifier: a phone number that has a possible length
       * for its country but that the numbering plan does not (yet) list as valid. It links like
       * any other, at a lower weight; callers report it to whoever sent it.
       */
      lowerWeight?: { reason: string } | undefined;
    }
  | { ok: false; type: IdentifierType; reason: string };

/** Why a possible-but-not-valid phone is kept at a lower weight (what the till and the web shop are told). */
export const POSSIBLE_PHONE_REASON =
  'a possible phone number that the numbering plan does not list as valid: kept in E.164 at a lower weight';

/** The contact fields a person types: an e-mail, a phone number, a card number. */
export type ContactType = Extract<IdentifierType, 'email' | 'phone' | 'card'>;

/**
 * A contact field as a person meant it, before it is validated or normalised further: without
 * the spaces around it, in Unicode NFC (an é typed as e + ◌́ is the é of any other keyboard), an
 * e-mail also lower-cased (mailbox providers ignore case; the look-up hash already did). The POS
 * contract validates and stores this form; {@link normaliseIdentifier} builds on it.
 */
export function tidyContact(type: ContactType, raw: string): string {
  const tidy = raw.trim().normalize('NFC');
  return type === 'email' ? tidy.toLowerCase() : tidy;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function normaliseEmail(raw: string, rules: Partial<EmailRules>): string | null {
  const lowered = tidyContact('email', raw);
  if (!EMAIL.test(lowered)) return null;
  const at = lowered.lastIndexOf('@');
  let local = lowered.slice(0, at);
  let domain = lowered.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) domain = 'gmail.com';
  if (rules.plusTags) local = local.split('+')[0] ?? local;
  if (rules.gmailDots && domain === 'gmail.com') local = local.replaceAll('.', '');
  return local ? `${local}@${domain}` : null;
}

/**
 * A phone in E.164: valid by libphonenumber's metadata, or only possible (a plausible length for
 * its country: new number ranges, a digit typed twice in a block the metadata does not know) and
 * then marked `possible` so it is kept at a lower weight instead of being dropped.
 */
function normalisePhone(
  raw: string,
  defaultCountry: string | undefined,
): { value: string; possible: boolean } | null {
  const trimmed = tidyContact('phone', raw).replace(/^00/, '+');
  const country = defaultCountry?.toUpperCase() as CountryCode | undefined;
  const phone = parsePhoneNumberFromString(trimmed, country ? { defaultCountry: country } : undefined);
  if (!phone) return null;
  if (phone.isValid()) return { value: phone.number, possible: false };
  return phone.isPossible() ? { value: phone.number, possible: true } : null;
}

function normaliseCard(raw: string): string | null {
  const digits = tidyContact('card', raw).replace(/[\s-]/g, '');
  return /^\d{4,32}$/.test(digits) ? digits : null;
}

function normaliseOpaque(raw: string): string | null {
  const trimmed = raw.trim();
  return trimmed.length > 0 && trimmed.length <= 256 ? trimmed : null;
}

const reasons: Record<IdentifierType, string> = {
  card: 'a card number is 4 to 32 digits (spaces and dashes allowed)',
  email: 'not an e-mail address',
  phone:
    'not a possible phone number (wrong length for its country; for a number without +prefix, the country must be known)',
  payment: 'a payment fingerprint is 1 to 256 characters',
  webAccount: 'a web-shop account id is 1 to 256 characters, with the shop it belongs to',
  device: 'a device id is 1 to 256 characters',
};

/**
 * The one form of an identifier every service hashes and compares: contact fields tidied
 * ({@link tidyContact}: trimmed, NFC, e-mail lower-cased; provider rules opt-in), phone in E.164 read with the store's country when it has
 * no prefix, cards as digits, web-shop accounts as `<shopId>:<id>`, other ids trimmed.
 */
export function normaliseIdentifier(
  type: IdentifierType,
  raw: string,
  options: NormaliseOptions = {},
): NormaliseResult {
  let value: string | null;
  let possiblePhone = false;
  switch (type) {
    case 'email':
      value = normaliseEmail(raw, options.email ?? {});
      break;
    case 'phone': {
      const phone = normalisePhone(raw, options.defaultCountry);
      value = phone?.value ?? null;
      possiblePhone = phone?.possible ?? false;
      break;
    }
    case 'card':
      value = normaliseCard(raw);
      break;
    case 'webAccount': {
      const id = normaliseOpaque(raw);
      const shop = options.shopId?.trim();
      value = id && shop ? `${shop}:${id}` : null;
      break;
    }
    case 'payment':
    case 'device':
      value = normaliseOpaque(raw);
      break;
  }
  return value === null
    ? { ok: false, type, reason: reasons[type] }
    : {
        ok: true,
        identifier: { type, value },
        version: NORMALISER_VERSION,
        ...(possiblePhone && { lowerWeight: { reason: POSSIBLE_PHONE_REASON } }),
      };
}
