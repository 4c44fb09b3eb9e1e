import {
  expectedTax,
  lineAmount,
  type PosLine,
  type PosTax,
  type PosTransaction,
} from '@scontrino/contracts';

type Discount = PosLine['discounts'][number];

/** Rule 1 of the contract: round(quantity × unitPrice), half up and exact, minus the line's discounts. */
export function lineTotalOf(quantity: number, unitPrice: number, discounts: readonly Discount[]): number {
  return Number(lineAmount(quantity, unitPrice)) - sum(discounts.map((discount) => discount.amount));
}

/** `percent`% of round(quantity × unitPrice), rounded to the cent: a "-20%" line discount. */
export function percentOff(quantity: number, unitPrice: number, percent: number): number {
  return Math.round((Number(lineAmount(quantity, unitPrice)) * percent) / 100);
}

export function sum(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => total + amount, 0);
}

/**
 * Splits `amount` over `weights` in proportion, in whole cents, the leftover cents going to the
 * largest fractions: the parts always add up to `amount` and none exceeds its exact share by a cent.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = sum(weights);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (amount * weight) / total);
  const parts = exact.map(Math.floor);
  let left = amount - sum(parts);
  const byFraction = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of byFraction) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * The VAT table and totals of a basket (rules 2 and 4): lines grouped by rate in order of first
 * appearance, basket discounts spread over the rates in proportion to their lines, each rate's
 * VAT taken out of its (gross) taxable amount.
 */
export function settleBasket(
  lines: readonly Pick<PosLine, 'taxRate' | 'total'>[],
  discounts: readonly Discount[],
): { taxes: PosTax[]; totals: PosTransaction['totals'] } {
  const byRate = new Map<string, number>();
  for (const line of lines) byRate.set(line.taxRate, (byRate.get(line.taxRate) ?? 0) + line.total);
  const rates = [...byRate.keys()];
  const gross = [...byRate.values()];
  const discountTotal = sum(discounts.map((discount) => discount.amount));
  const shares = allocate(discountTotal, gross);
  const taxes = rates.map((rate, index) => {
    const taxable = (gross[index] ?? 0) - (shares[index] ?? 0);
    return { rate, taxable, tax: Number(expectedTax(taxable, rate)) };
  });
  const subtotal = sum(gross);
  return {
    taxes,
    totals: {
      subtotal,
      discountTotal,
      taxTotal: sum(taxes.map((entry) => entry.tax)),
      total: subtotal - discountTotal,
    },
  };
}
