import { z } from 'zod';
import { hasAtMostThreeDecimals } from './decimal.js';

/** Identifiers the POS or the retailer assigns: transaction, store, terminal, line, SKU… */
export const idSchema = z.string().min(1).max(64);

/** Human text printed on the receipt: product names, discount descriptions. */
export const labelSchema = z.string().min(1).max(200);

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
