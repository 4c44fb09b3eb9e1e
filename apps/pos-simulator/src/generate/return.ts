import type { PosPayment, PosReturn, PosSale } from '@scontrino/contracts';
import { productsOf } from '../catalogue/index.js';
import type { Random } from '../random.js';
import { allocate, lineTotalOf, settleBasket, sum } from './amounts.js';
import { productOfLine } from './basket.js';
import { localIsoDateTime } from './local-time.js';
import { pickLocale, pickTill, type TillContext, transactionIdOf } from './sale.js';

/** A sale generated earlier that may still be brought back, with what is left of each line. */
export interface ReturnableSale {
  sequence: number;
  sale: PosSale;
  /** Thousandths of each line's quantity not yet returned, by lineId. */
  remaining: Map<string, number>;
}

const milli = (quantity: number) => Math.round(quantity * 1000);

export function returnableSale(
  sequence: number,
  sale: PosSale,
  kind: TillContext['brand']['kind'],
): ReturnableSale {
  const products = productsOf(kind);
  const remaining = new Map(
    sale.lines
      .filter((line) => productOfLine(products, line)?.returnable === true)
      .map((line) => [line.lineId, milli(line.quantity)]),
  );
  return { sequence, sale, remaining };
}

export function hasReturnableLines(entry: ReturnableSale): boolean {
  return [...entry.remaining.values()].some((left) => left > 0);
}

/** How much of a line comes back: all that is left, or a part of it when several pieces were bought. */
function returnedMilli(random: Random, left: number): number {
  const pieces = left / 1000;
  if (Number.isInteger(pieces) && pieces > 1 && random.chance(0.5)) return random.int(1, pieces - 1) * 1000;
  return left;
}

function refundOf(random: Random, sale: PosSale, total: number): PosPayment[] {
  const card = sale.payments.find((payment) => payment.method === 'card');
  // Refunds go back to the card that paid; otherwise cash out of the drawer.
  if (card && random.chance(0.8)) return [{ ...card, amount: total }];
  return [{ method: 'cash', amount: total }];
}

/**
 * A return of part or all of `original` at a till of `context.store` (the sale's store or another
 * of the brand). Line discounts are returned in proportion to the quantity, the sale's basket
 * discount in proportion to the value, so the refund is what was paid. Updates
 * `original.remaining`, so later returns never exceed what was bought (rule 7).
 */
export function buildReturn(
  random: Random,
  context: TillContext,
  original: ReturnableSale,
): PosReturn | null {
  const candidates = original.sale.lines.filter((line) => (original.remaining.get(line.lineId) ?? 0) > 0);
  if (candidates.length === 0) return null;
  const chosen = candidates.filter((_, index) => index === 0 || random.chance(0.35));
  const lines: PosReturn['lines'] = chosen.map((line, index) => {
    const left = original.remaining.get(line.lineId) ?? 0;
    const returned = returnedMilli(random, left);
    original.remaining.set(line.lineId, left - returned);
    const quantity = returned / 1000;
    const discounts = line.discounts.map((discount) => ({
      ...discount,
      amount: Math.round((discount.amount * returned) / milli(line.quantity)),
    }));
    const { originalLineId: _none, ...rest } = line;
    return {
      ...rest,
      lineId: String(index + 1),
      originalLineId: line.lineId,
      quantity,
      discounts,
      total: lineTotalOf(quantity, line.unitPrice, discounts),
    };
  });

  const basketShare = shareOfBasketDiscount(original.sale, sum(lines.map((line) => line.total)));
  const discounts = basketShare > 0 ? [{ description: 'Quota sconto scontrino', amount: basketShare }] : [];
  const { taxes, totals } = settleBasket(lines, discounts);
  const till = pickTill(random, context.store);
  const card = original.sale.customer?.loyaltyCardNumber;
  return {
    transactionId: transactionIdOf(context, till.terminalId),
    type: 'return',
    originalTransactionId: original.sale.transactionId,
    storeId: context.store.profile.storeId,
    ...till,
    occurredAt: localIsoDateTime(context.now, context.store.profile.timeZone),
    currency: original.sale.currency,
    locale: pickLocale(random),
    ...(card !== undefined && random.chance(0.7) && { customer: { loyaltyCardNumber: card } }),
    lines,
    discounts,
    taxes,
    totals,
    payments: refundOf(random, original.sale, totals.total),
  };
}

/** The part of the sale's basket discount that the returned value carried. */
function shareOfBasketDiscount(sale: PosSale, returnedValue: number): number {
  const { subtotal, discountTotal } = sale.totals;
  if (discountTotal === 0 || subtotal === 0) return 0;
  const [share = 0] = allocate(discountTotal, [returnedValue, subtotal - returnedValue]);
  return Math.min(share, returnedValue);
}
