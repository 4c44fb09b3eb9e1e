import type { SaleForEarning } from './earning-contract.js';
import { shareOut } from './largest-remainder.js';

/**
 * What the customer paid for each line, in minor units: the line's total (its own discounts are
 * already taken off) less its share of the basket-level discounts (`totals.discountTotal`, the
 * contract's `discounts[]`), shared over the lines by value with the largest remainder. Points count
 * the money the retailer received, not the price before a basket discount.
 *
 * Every line takes its share, an excluded one (a gift card) too: the discount reduced the whole
 * basket, and the contract does not say which lines it covered (a POS that discounts only some lines
 * sends line discounts). Sharing over the earning lines only would make them absorb the gift card's
 * part too. What a line was paid is thus a fact of the sale, the same under every program version:
 * a draft that adds an exclusion never moves the other lines' points. A free line takes no share.
 *
 * For a sale the contract accepts (discount ≤ subtotal) no share exceeds its line, so no amount is
 * negative and they add up to `totals.total`. Figures the contract refuses (a negative amount, a
 * discount above the subtotal) count as 0 rather than throw: the rules answer for any event.
 */
export function amountsPaid(sale: Pick<SaleForEarning, 'lines' | 'totals'>): number[] {
  const values = sale.lines.map((line) => Math.max(0, line.total));
  const shares = shareOut(Math.max(0, sale.totals.discountTotal), values);
  return values.map((value, index) => Math.max(0, value - (shares[index] ?? 0)));
}
