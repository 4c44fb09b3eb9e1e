import { lineAmount } from '@scontrino/contracts';
import type { Brand, Member, SimulatedStore } from '../catalogue/index.js';
import { productsOf } from '../catalogue/index.js';
import type { Random } from '../random.js';
import { sum } from './amounts.js';
import { basketLines } from './basket.js';

/** The body of the reconciliation service's `POST /v1/online-orders` (its `onlineOrderInputSchema`). */
export interface OnlineOrder {
  tenantId: string;
  shopId: string;
  orderId: string;
  channel: 'web' | 'app' | 'click_and_collect';
  placedAt: string;
  currency: string;
  total: number;
  pickupStoreId?: string;
  customer: {
    accountId?: string;
    email?: string;
    phone?: string;
    name?: string;
    country?: string;
  };
  lines: { sku: string; quantity: number; total: number }[];
}

export interface WebShopper {
  /** A loyalty member shopping online (signed in or as a guest with the same e-mail). */
  member?: Member;
  /** A guest who is no member: e-mail and name only. */
  guest?: { email: string; name: string };
}

/**
 * A web-shop order of `brand`: a basket like a till's, priced at list price (the web shop's
 * promotions are its own business), by a member (signed in, or as a guest with the same e-mail:
 * the case the reconciliation service links) or by a guest.
 */
export function buildOnlineOrder(
  random: Random,
  context: { brand: Brand; stores: readonly SimulatedStore[]; orderId: string; now: Date },
  shopper: WebShopper,
): OnlineOrder {
  const { brand } = context;
  const channel = random.weighted({
    web: 70,
    app: 20,
    click_and_collect: context.stores.length > 0 ? 10 : 0,
  });
  // Gift cards are sold at the till only.
  const products = productsOf(brand.kind).filter((product) => product.category !== 'gift-cards');
  const lines = basketLines(random, brand.kind, products).map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    total: Number(lineAmount(line.quantity, line.unitPrice)),
  }));
  const { member, guest } = shopper;
  const signedIn = member !== undefined && random.chance(0.6);
  const customer: OnlineOrder['customer'] = member
    ? {
        ...(signedIn && { accountId: member.webAccountId }),
        email: member.email,
        ...(random.chance(0.3) && { phone: member.phone }),
        name: `${member.firstName} ${member.lastName}`,
        country: 'IT',
      }
    : { ...guest, country: 'IT' };
  return {
    tenantId: brand.tenantId,
    shopId: brand.webShopId,
    orderId: context.orderId,
    channel,
    placedAt: context.now.toISOString(),
    currency: 'EUR',
    total: sum(lines.map((line) => line.total)),
    ...(channel === 'click_and_collect' && { pickupStoreId: random.pick(context.stores).profile.storeId }),
    customer,
    lines,
  };
}
