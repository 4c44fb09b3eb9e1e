/**
 * Exact arithmetic for the contract's decimals. Quantities (≤ 3 decimals) and tax rates
 * (decimal strings such as "5.5") are scaled to thousandths and multiplied as bigints, so
 * 0.535 × 1299 or 15491 × 5.5 / 105.5 never meets a binary float.
 */

export const MILLI = 1000n;

/** `quantity` in thousandths; exact for any number with at most 3 decimals. */
export function quantityToMilli(quantity: number): bigint {
  return BigInt(Math.round(quantity * 1000));
}

/** True when the shortest decimal form of `value` (what JSON carries) has at most 3 decimals. */
export function hasAtMostThreeDecimals(value: number): boolean {
  return /^-?\d+(\.\d{1,3})?$/.test(String(value));
}

/** A rate string already validated by the schema ("22", "5.5", "0") in thousandths of a percent. */
export function rateToMilli(rate: string): bigint {
  const [whole = '0', fraction = ''] = rate.split('.');
  return BigInt(whole) * MILLI + BigInt(fraction.padEnd(3, '0'));
}

/** numerator / denominator rounded half up; both non-negative, denominator > 0. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

export function formatMilli(milli: bigint): string {
  const whole = milli / MILLI;
  const fraction = (milli % MILLI).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}
