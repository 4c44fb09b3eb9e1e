import { z } from 'zod';
import { CONTROL, CONTROL_IN_TEXT, LONE_SURROGATE } from '../text/plain-text.js';
import { type ContactType, tidyContact } from '@scontrino/identity';
import { hasAtMostThreeDecimals } from './decimal.js';

/**
 * A string the receipt, the database and every reader can hold as sent: well-formed Unicode (no
 * lone surrogate, which UTF-8 cannot carry) and no control characters (PostgreSQL refuses NUL,
 * terminals and e-mail clients misread the others); free text may hold tab and newlines.
 */
export function plainString(kind: 'identifier' | 'text' = 'identifier') {
  const control = kind === 'text' ? CONTROL_IN_TEXT : CONTROL;
  return z
    .string()
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'must be well-formed Unicode (no lone surrogate)',
      abort: true,
    })
    .refine((value) => !control.test(value), {
      error:
        kind === 'text'
          ? 'must not contain control characters other than tab and newline'
          : 'must not contain control characters',
    });
}

/**
 * A contact field (e-mail, phone, card number) is tidied before it is validated, with the one
 * implementation every service uses (`tidyContact`: trimmed, NFC, e-mail lower-cased), so an
 * address typed with a space around it is the address, not a refused sale. The tidied form is
 * what a parse returns and what is stored. `format` documents what the tidied value must be.
 */
function contactField<T extends z.ZodType<string, string>>(
  type: ContactType,
  rule: T,
  meta: { description: string; format?: string },
) {
  return z
    .string()
    .meta(meta)
    .overwrite((raw) => tidyContact(type, raw))
    .pipe(rule);
}

export const contactEmailSchema = contactField('email', z.email().max(254), {
  format: 'email',
  description: 'An e-mail address; trimmed, NFC-normalised and lower-cased before it is checked.',
});

export const contactPhoneSchema = contactField(
  'phone',
  z.string().regex(/^\+?\d[\d ()./-]{3,30}$/, { error: 'must be a phone number, e.g. +39 333 123 4567' }),
  { description: 'A phone number, e.g. +39 333 123 4567; trimmed and NFC-normalised before it is checked.' },
);

/** Identifiers the POS or the retailer assigns: transaction, store, terminal, line, SKU… */
export const idSchema = plainString().min(1).max(64);

/** Human text printed on the receipt: product names, discount descriptions. */
export const labelSchema = plainString('text').min(1).max(200);

export const contactCardSchema = contactField('card', idSchema, {
  description: 'The loyalty card number; trimmed and NFC-normalised before it is checked.',
});

export const MAX_QUANTITY = 100_000;

export const quantitySchema = z
  .number()
  .positive()
  .max(MAX_QUANTITY)
  .refine(hasAtMostThreeDecimals, { error: 'must have at most 3 decimals (weighed goods: 0.535)' })
  .meta({ multipleOf: 0.001, description: 'Units, or kg/l for weighed goods; at most 3 decimals.' });

/** A VAT percentage as a decimal string: "22", "10", "4", "0", "5.5". */
export const taxRateSchema = z.string().regex(/^(?:0|[1-9]\d?)(?:\.\d{1,3})?$|^100$/, {
  error: 'must be a percentage between 0 and 100 as a decimal string, e.g. "22" or "5.5"',
});

export const localeSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, {
    error: 'must be a BCP 47 language tag, e.g. it-IT',
    abort: true,
  })
  .refine(isLanguageTag, { error: 'must be a BCP 47 language tag, e.g. it-IT' });

/**
 * The verdicts on tags seen so far: `Intl.getCanonicalLocales` costs more than the rest of a
 * sale's field checks together, and a till sends the same few tags all day. Bounded: when full,
 * it starts again, so a stream of made-up tags cannot grow it.
 */
const languageTagVerdicts = new Map<string, boolean>();
const MAX_LANGUAGE_TAG_VERDICTS = 1_000;

function isLanguageTag(tag: string): boolean {
  const known = languageTagVerdicts.get(tag);
  if (known !== undefined) return known;
  let verdict: boolean;
  try {
    verdict = Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    verdict = false;
  }
  if (languageTagVerdicts.size >= MAX_LANGUAGE_TAG_VERDICTS) languageTagVerdicts.clear();
  languageTagVerdicts.set(tag, verdict);
  return verdict;
}

export const occurredAtSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T10:15:30+01:00',
});
