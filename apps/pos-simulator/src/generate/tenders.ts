import type { PosPayment, PosSale } from '@scontrino/contracts';
import type { Random } from '../random.js';

export type TenderMix = 'card' | 'cash' | 'card_and_cash' | 'voucher' | 'gift_card';

const tenderWeights: Readonly<Record<TenderMix, number>> = {
  card: 55,
  cash: 25,
  card_and_cash: 10,
  voucher: 5,
  gift_card: 5,
};

const cardBrands = { visa: 45, mastercard: 35, maestro: 10, amex: 10 } as const;

export function cardPayment(random: Random, amount: number): PosPayment {
  return {
    method: 'card',
    amount,
    cardBrand: random.weighted(cardBrands),
    last4: String(random.int(0, 9999)).padStart(4, '0'),
  };
}

/** What a customer hands over for `due` cents: the exact sum or a rounder one, never 50 € too much. */
export function cashTendered(random: Random, due: number): number {
  const roundings = [100, 500, 1000, 2000, 5000].map((step) => Math.ceil(due / step) * step);
  const candidates = [due, ...roundings].filter((amount) => amount - due < 5000);
  return random.pick(candidates);
}

export function cashPayment(random: Random, due: number): PosPayment {
  const tendered = cashTendered(random, due);
  return tendered > due
    ? { method: 'cash', amount: tendered, change: tendered - due }
    : { method: 'cash', amount: due };
}

/** The rest of a basket after a voucher or gift card: by card or cash. */
function remainder(random: Random, due: number): PosPayment[] {
  if (due <= 0) return [];
  return [random.chance(0.6) ? cardPayment(random, due) : cashPayment(random, due)];
}

/**
 * How the customer pays `total` (> 0): rule 3 holds by construction (Σ amount − Σ change = total,
 * change only on cash and never above the cash tendered).
 */
export function tendersFor(random: Random, total: number, options: { giftCards: boolean }): PosPayment[] {
  const mix = random.weighted({
    ...tenderWeights,
    gift_card: options.giftCards ? tenderWeights.gift_card : 0,
  });
  switch (mix) {
    case 'card':
      return [cardPayment(random, total)];
    case 'cash':
      return [cashPayment(random, total)];
    case 'card_and_cash': {
      // "Put 50 on the card, the rest in cash": a round sum on the card, cash with change for the rest.
      if (total <= 1000) return [cardPayment(random, total)];
      const onCard = random.int(1, Math.ceil(total / 1000) - 1) * 1000;
      return [cardPayment(random, onCard), cashPayment(random, total - onCard)];
    }
    case 'voucher': {
      const voucher = Math.min(random.pick([1000, 2000, 2500]), total);
      return [{ method: 'voucher', amount: voucher }, ...remainder(random, total - voucher)];
    }
    case 'gift_card': {
      const balance = Math.min(random.int(5, 100) * 100, total);
      return [{ method: 'gift_card', amount: balance }, ...remainder(random, total - balance)];
    }
  }
}

/**
 * The sale paid partly with loyalty points (`amount` cents for `points`), the rest by the card the
 * customer first meant to use, else in cash to the cent. Totals and lines are untouched.
 */
export function withLoyaltyTender(sale: PosSale, points: number, amount: number): PosSale {
  const rest = sale.totals.total - amount;
  const card = sale.payments.find((payment) => payment.method === 'card');
  const restPayment: PosPayment[] =
    rest <= 0 ? [] : [card ? { ...card, amount: rest } : { method: 'cash', amount: rest }];
  return {
    ...sale,
    payments: [{ method: 'loyalty_points', amount }, ...restPayment],
    loyalty: { pointsRedeemed: points },
  };
}
