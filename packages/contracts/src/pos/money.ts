import { z } from 'zod';

/**
 * The largest amount a payload may carry: 12 digits (9,999,999,999.99 EUR), far above any till's
 * sale, and shorter than any payment card number (13–19 digits), so an amount field can never hold
 * one and the card-number scan leaves amounts to this rule.
 */
export const MAX_MINOR_AMOUNT = 999_999_999_999;

/** An amount in minor units of the transaction currency (cents for EUR, yen for JPY). */
export const minorAmountSchema = z
  .int()
  .nonnegative()
  .max(MAX_MINOR_AMOUNT, { error: `must be at most ${MAX_MINOR_AMOUNT} minor units` })
  .meta({ description: 'Integer amount in minor units of `currency` (8990 in EUR is 89.90 €).' });

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code of 3 upper-case letters, e.g. EUR', abort: true })
  .refine((code) => knownCurrencies.has(code), { error: 'is not an ISO 4217 currency code' });

// ISO 4217 exponents other than the usual 2. ICU's display digits disagree with ISO for a few
// currencies (HUF, TWD…), so the lists are ours rather than Intl's.
const exponentByCode: ReadonlyMap<string, number> = new Map([
  ...codes('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF', 0),
  ...codes('BHD IQD JOD KWD LYD OMR TND', 3),
  ...codes('CLF UYW', 4),
]);

function codes(list: string, exponent: number): [string, number][] {
  return list.split(' ').map((code) => [code, exponent]);
}

/** Decimal places between the major and the minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorUnitExponent(currency: string): number {
  return exponentByCode.get(currency) ?? 2;
}

/** Exact sum of minor-unit amounts: a bigint, since 1,000 safe integers can overflow a double. */
export function sumMinor(amounts: Iterable<number>): bigint {
  let sum = 0n;
  for (const amount of amounts) sum += BigInt(amount);
  return sum;
}
