import { z } from 'zod';
import { hasAtMostThreeDecimals } from './decimal.js';

/** Control characters (C0, DEL, C1) other than tab, newline and carriage return. */
const CONTROL_IN_TEXT = /[^\P{Cc}\t\n\r]/u;
/** With the `u` flag a paired surrogate is one code point, so only a lone one is in Cs. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Any control character. */
const CONTROL = /\p{Cc}/u;

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

/** Identifiers the POS or the retailer assigns: transaction, store, terminal, line, SKU… */
export const idSchema = plainString().min(1).max(64);

/** Human text printed on the receipt: product names, discount descriptions. */
export const labelSchema = plainString('text').min(1).max(200);

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

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const occurredAtSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T10:15:30+01:00',
});
