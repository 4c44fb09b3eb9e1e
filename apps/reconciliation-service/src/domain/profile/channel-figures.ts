import type { Observation, ObservationChannel } from '../observations/observation.js';

export const crossChannelLabels = [
  'buys online and in store',
  'orders online, collects in store',
  'store only',
  'web only',
  'no purchases',
] as const;
export type CrossChannelLabel = (typeof crossChannelLabels)[number];

export interface ChannelTotals {
  purchases: number;
  /** Minor units, returns deducted. */
  spend: number;
}

export interface ChannelFigures {
  store: ChannelTotals;
  /** Web and app orders delivered, plus click & collect (also shown apart). */
  online: ChannelTotals;
  clickAndCollect: ChannelTotals;
  returns: number;
  purchases: number;
  spend: number;
  /** Spend per purchase, rounded to a minor unit; null without purchases. */
  averageTicket: number | null;
  /** Purchases per 30 days since the first one (at least a 30-day window). */
  purchasesPer30Days: number | null;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  daysSinceLastPurchase: number | null;
  /** The currency of most purchases (a profile rarely buys in two). */
  currency: string | null;
  crossChannel: CrossChannelLabel;
}

const DAY = 24 * 60 * 60 * 1000;
type PurchaseChannel = 'store' | 'online' | 'click_and_collect';

/** A claim points at a till sale (key `txn:…`): its purchase happened in store. */
function purchaseChannel(key: string, channel: ObservationChannel): PurchaseChannel {
  if (key.startsWith('txn:')) return 'store';
  return channel === 'click_and_collect' ? 'click_and_collect' : 'online';
}

/**
 * Store vs online figures of one profile's observations. Each purchase counts once, however
 * many observations point at it (a sale and its receipt claim).
 */
export function channelFigures(observations: readonly Observation[], now: Date): ChannelFigures {
  const seen = new Set<string>();
  const totals: Record<PurchaseChannel, ChannelTotals> = {
    store: { purchases: 0, spend: 0 },
    online: { purchases: 0, spend: 0 },
    click_and_collect: { purchases: 0, spend: 0 },
  };
  const currencies = new Map<string, number>();
  let returns = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  for (const observation of observations) {
    const purchase = observation.purchase;
    if (!purchase || seen.has(purchase.key)) continue;
    seen.add(purchase.key);
    const bucket = totals[purchaseChannel(purchase.key, observation.channel)];
    bucket.spend += purchase.amount;
    if (purchase.amount < 0) {
      returns += 1;
      continue;
    }
    bucket.purchases += 1;
    currencies.set(purchase.currency, (currencies.get(purchase.currency) ?? 0) + 1);
    if (!first || purchase.at < first) first = purchase.at;
    if (!last || purchase.at > last) last = purchase.at;
  }
  const online = {
    purchases: totals.online.purchases + totals.click_and_collect.purchases,
    spend: totals.online.spend + totals.click_and_collect.spend,
  };
  const purchases = totals.store.purchases + online.purchases;
  const spend = totals.store.spend + online.spend;
  const windowDays = first ? Math.max(30, (now.getTime() - first.getTime()) / DAY) : 0;
  return {
    store: totals.store,
    online,
    clickAndCollect: totals.click_and_collect,
    returns,
    purchases,
    spend,
    averageTicket: purchases > 0 ? Math.round(spend / purchases) : null,
    purchasesPer30Days: first ? Math.round((purchases / windowDays) * 30 * 100) / 100 : null,
    firstPurchaseAt: first,
    lastPurchaseAt: last,
    daysSinceLastPurchase: last ? Math.max(0, Math.floor((now.getTime() - last.getTime()) / DAY)) : null,
    currency: [...currencies].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null,
    crossChannel: crossChannelLabel(
      totals.store.purchases,
      totals.online.purchases,
      totals.click_and_collect.purchases,
    ),
  };
}

/**
 * "Orders online, collects in store" is the customer whose online orders are collected (and who
 * may also buy at the till); one with delivered orders and store visits buys in both channels.
 */
export function crossChannelLabel(store: number, delivered: number, collected: number): CrossChannelLabel {
  if (store + delivered + collected === 0) return 'no purchases';
  if (collected > 0 && delivered === 0) return 'orders online, collects in store';
  if (delivered > 0 && store + collected > 0) return 'buys online and in store';
  return store > 0 ? 'store only' : 'web only';
}
