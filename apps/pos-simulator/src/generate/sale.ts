import type { PosSale } from '@scontrino/contracts';
import type { Brand, Member, SimulatedStore } from '../catalogue/index.js';
import { productsOf } from '../catalogue/index.js';
import type { Random } from '../random.js';
import { settleBasket } from './amounts.js';
import { basketDiscounts, basketLines } from './basket.js';
import { localIsoDateTime } from './local-time.js';
import { cardPayment, tendersFor } from './tenders.js';

export type PosCustomer = NonNullable<PosSale['customer']>;

/** How an identified customer made themselves known at the till. */
export type Identification = 'card' | 'card_email' | 'card_phone' | 'email' | 'payment';

export const identificationWeights: Readonly<Record<Identification, number>> = {
  card: 50,
  card_email: 25,
  card_phone: 8,
  email: 10,
  payment: 7,
};

export interface TillContext {
  store: SimulatedStore;
  brand: Brand;
  /** Names this run in transaction ids, so two runs against one stack never collide. */
  runId: string;
  /** The arrival's number in the run: transaction ids are unique by it. */
  sequence: number;
  now: Date;
}

export interface Till {
  terminalId: string;
  cashierId?: string;
}

export function pickTill(random: Random, store: SimulatedStore): Till {
  const terminalId = random.pick(store.terminals);
  // Self-checkout tills (SC…) have no cashier.
  return terminalId.startsWith('SC')
    ? { terminalId }
    : { terminalId, cashierId: random.pick(store.cashiers) };
}

export function transactionIdOf(context: TillContext, terminalId: string): string {
  return `${context.store.profile.storeId}-${terminalId}-${context.runId}-${String(context.sequence).padStart(6, '0')}`;
}

/** Tourists sometimes ask for the receipt in English; the rest read Italian. */
export function pickLocale(random: Random): string {
  return random.chance(0.05) ? random.pick(['en-GB', 'en-US']) : 'it-IT';
}

export function customerOf(random: Random, member: Member, identification: Identification): PosCustomer {
  switch (identification) {
    case 'card':
      return {
        loyaltyCardNumber: member.cardNumber,
        ...(random.chance(0.3) && { receiptDelivery: ['app'] }),
      };
    case 'card_email':
      return {
        loyaltyCardNumber: member.cardNumber,
        email: member.email,
        receiptDelivery: random.chance(0.3) ? ['email', 'app'] : ['email'],
      };
    case 'card_phone':
      return { loyaltyCardNumber: member.cardNumber, phone: member.phone };
    case 'email':
      return { email: member.email, receiptDelivery: ['email'] };
    case 'payment':
      return { paymentFingerprint: member.paymentFingerprint };
  }
}

/**
 * One sale at a till of `context.store`: a basket of the brand's products, discounts, VAT table,
 * totals and tenders that satisfy rules 1–6 of the contract. `customer` absent: an anonymous sale.
 */
export function buildSale(random: Random, context: TillContext, customer?: PosCustomer): PosSale {
  const { store, brand } = context;
  const till = pickTill(random, store);
  const products = productsOf(brand.kind);
  const lines = basketLines(random, brand.kind, products);
  const discounts = basketDiscounts(random, brand.kind, lines);
  const { taxes, totals } = settleBasket(lines, discounts);
  let payments = tendersFor(random, totals.total, { giftCards: brand.kind === 'fashion' });
  // A sale identified only by the payment token was paid by that card.
  if (customer?.paymentFingerprint && !payments.some((payment) => payment.method === 'card'))
    payments = [cardPayment(random, totals.total)];
  return {
    transactionId: transactionIdOf(context, till.terminalId),
    type: 'sale',
    storeId: store.profile.storeId,
    ...till,
    occurredAt: localIsoDateTime(context.now, store.profile.timeZone),
    currency: store.profile.currency,
    locale: pickLocale(random),
    ...(customer && { customer }),
    lines,
    discounts,
    taxes,
    totals,
    payments,
  };
}
