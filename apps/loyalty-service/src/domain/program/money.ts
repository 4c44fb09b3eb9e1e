/**
 * Amounts arrive in integer minor units of their currency (cents for EUR, yen for JPY). The rules
 * count points per whole unit, so they need each currency's exponent; ICU knows ISO 4217's.
 */
const exponents = new Map<string, number>();

/** Digits after the decimal point in `currency` (EUR 2, JPY 0, BHD 3); 2 for a code ICU does not know. */
export function minorUnitExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    try {
      exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits;
    } catch {
      exponent = 2;
    }
    exponent ??= 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Minor units as whole units of the currency: 7900 EUR → 79. */
export function toUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitExponent(currency);
}

/**
 * `7900, 'EUR'` → `79.00 EUR`, written from the integer itself so no float noise reaches an
 * explanation a member reads.
 */
export function formatAmount(minor: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(Math.trunc(minor))
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${sign}${whole}${fraction} ${currency}`;
}
