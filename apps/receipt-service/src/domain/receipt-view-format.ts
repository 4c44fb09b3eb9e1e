import { minorUnitExponent } from '@scontrino/contracts';

/** How a receipt writes money, quantities, rates and instants in one locale, currency and zone. */
export interface ReceiptFormatter {
  money(minor: number): string;
  /** "2" for pieces; "0,535 kg" for weighed goods (see {@link isWeighed}). */
  quantity(quantity: number): string;
  /** The shelf price: per piece, or per kg for weighed goods. */
  unitPrice(minor: number, quantity: number): string;
  /** A VAT percentage given as the contract's decimal string: "22" → "22%", "5.5" → "5,5%". */
  rate(rate: string): string;
  count(value: number): string;
  /** A points movement with its sign: "+120", "-40", "0". */
  points(value: number): string;
  date(at: Date): string;
  time(at: Date): string;
}

/**
 * The contract carries no unit of measure, so a fractional quantity is taken as weighed goods in
 * kilograms (the only fractional quantity an Italian till sells by). A weighed item of exactly
 * 1.000 kg therefore reads as one piece; a `unit` field in the contract would remove the guess.
 */
export function isWeighed(quantity: number): boolean {
  return !Number.isInteger(quantity);
}

/** An integer amount in minor units as an exact decimal string: (15491, 2) → "154.91". */
export function minorToDecimal(minor: number, exponent: number): `${number}` {
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}` as `${number}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` as `${number}`;
}

export function createReceiptFormatter(options: {
  locale: string;
  currency: string;
  timeZone: string;
}): ReceiptFormatter {
  const { locale, currency, timeZone } = options;
  const exponent = minorUnitExponent(currency);
  // Intl's own digits for a currency differ from ISO 4217 for a few codes; the contract's win.
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  const kilograms = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilogram',
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  });
  const pieces = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const percent = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'percent',
    maximumFractionDigits: 3,
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' });

  const money = (minor: number) => moneyFormat.format(minorToDecimal(minor, exponent));
  return {
    money,
    quantity: (quantity) => (isWeighed(quantity) ? kilograms.format(quantity) : pieces.format(quantity)),
    unitPrice: (minor, quantity) => (isWeighed(quantity) ? `${money(minor)}/kg` : money(minor)),
    rate: (rate) => percent.format(rate as `${number}`),
    count: (value) => pieces.format(value),
    points: (value) => signed.format(value),
    date: (at) => dateFormat.format(at),
    time: (at) => timeFormat.format(at),
  };
}
