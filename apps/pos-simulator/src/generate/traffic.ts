import type { PosReturn, PosSale } from '@scontrino/contracts';
import { brandOf, mailLocalPart, type Member, memberOf, type SimulatedStore } from '../catalogue/index.js';
import { createRandom } from '../random.js';
import { buildOnlineOrder, type OnlineOrder } from './online-order.js';
import { buildReturn, hasReturnableLines, type ReturnableSale, returnableSale } from './return.js';
import { buildSale, customerOf, identificationWeights, type TillContext } from './sale.js';
import { playableMix, type Scenario, type TrafficMix } from './traffic-mix.js';

interface Arrival {
  /** 1-based number of the arrival in the run. */
  sequence: number;
}

export type TrafficAction =
  | (Arrival & { scenario: 'identified_sale'; store: SimulatedStore; sale: PosSale; member: Member })
  | (Arrival & { scenario: 'anonymous_sale'; store: SimulatedStore; sale: PosSale; claimEmail?: string })
  | (Arrival & { scenario: 'redemption_sale'; store: SimulatedStore; sale: PosSale; member: Member })
  | (Arrival & {
      scenario: 'return';
      store: SimulatedStore;
      transaction: PosReturn;
      originalSequence: number;
    })
  | (Arrival & { scenario: 'online_order'; order: OnlineOrder });

export interface TrafficOptions {
  seed: string;
  runId: string;
  /** The stores to sell in (at least one). */
  stores: readonly SimulatedStore[];
  membersPerBrand: number;
  mix: TrafficMix;
  /** A loyalty service takes redemptions at the till. */
  redemptions: boolean;
  /** A reconciliation service takes web-shop orders. */
  onlineOrders: boolean;
}

/** Earlier sales kept as return candidates; older ones are forgotten. */
const JOURNAL_SIZE = 2000;

/**
 * The traffic of a run, one arrival at a time: a pure function of the options and the sequence
 * of `now`s (the same seed gives the same transactions). Returns name sales generated earlier in
 * the run, never more than was bought; the runner sends a return only once its sale is accepted.
 */
export function createTraffic(options: TrafficOptions) {
  if (options.stores.length === 0) throw new Error('no store to simulate');
  const random = createRandom(options.seed);
  const mix = playableMix(options.mix, options);
  const tenants = [...new Set(options.stores.map((store) => store.profile.tenantId))];
  const journal: ReturnableSale[] = [];
  let sequence = 0;

  const storeOf = (sale: PosSale) => options.stores.find((store) => store.profile.storeId === sale.storeId)!;

  function member(tenantId: string): Member {
    // Skewed to the first members: regulars shop often, most members now and then.
    const number = 1 + Math.floor(options.membersPerBrand * random.next() ** 2);
    return memberOf(tenantId, number);
  }

  function till(now: Date, store = random.pick(options.stores)): TillContext {
    return { store, brand: brandOf(store.profile.tenantId), runId: options.runId, sequence, now };
  }

  function remember(sale: PosSale, context: TillContext) {
    const entry = returnableSale(sequence, sale, context.brand.kind);
    if (!hasReturnableLines(entry)) return;
    journal.push(entry);
    if (journal.length > JOURNAL_SIZE) journal.shift();
  }

  function identifiedSale(now: Date): TrafficAction {
    const context = till(now);
    const buyer = member(context.store.profile.tenantId);
    const customer = customerOf(random, buyer, random.weighted(identificationWeights));
    const sale = buildSale(random, context, customer);
    remember(sale, context);
    return { scenario: 'identified_sale', sequence, store: context.store, sale, member: buyer };
  }

  function anonymousSale(now: Date): TrafficAction {
    const context = till(now);
    const sale = buildSale(random, context);
    remember(sale, context);
    const claimEmail = random.chance(mix.claimShare) ? claimEmailOf(context) : undefined;
    return {
      scenario: 'anonymous_sale',
      sequence,
      store: context.store,
      sale,
      ...(claimEmail && { claimEmail }),
    };
  }

  function claimEmailOf(context: TillContext): string {
    if (random.chance(mix.claimWithMemberEmail)) return member(context.store.profile.tenantId).email;
    const walkIn = memberOf('walk-in', random.int(1, 100_000));
    return `${mailLocalPart(walkIn.firstName, walkIn.lastName)}.${options.runId}.${sequence}@example.net`;
  }

  function redemptionSale(now: Date): TrafficAction {
    const context = till(now);
    const buyer = member(context.store.profile.tenantId);
    const sale = buildSale(random, context, customerOf(random, buyer, 'card'));
    return { scenario: 'redemption_sale', sequence, store: context.store, sale, member: buyer };
  }

  function returnOfEarlierSale(now: Date): TrafficAction | null {
    const candidates = journal.filter(hasReturnableLines);
    if (candidates.length === 0) return null;
    const original = random.pick(candidates);
    const saleStore = storeOf(original.sale);
    const others = options.stores.filter(
      (store) => store.profile.tenantId === saleStore.profile.tenantId && store !== saleStore,
    );
    const store = others.length > 0 && random.chance(mix.returnElsewhere) ? random.pick(others) : saleStore;
    const transaction = buildReturn(random, till(now, store), original);
    if (!transaction) return null;
    return { scenario: 'return', sequence, store, transaction, originalSequence: original.sequence };
  }

  function onlineOrder(now: Date): TrafficAction {
    const brand = brandOf(random.pick(tenants));
    const brandStores = options.stores.filter((store) => store.profile.tenantId === brand.tenantId);
    const walkIn = memberOf('web-guest', random.int(1, 100_000));
    const shopper = random.chance(0.65)
      ? { member: member(brand.tenantId) }
      : {
          guest: {
            email: `${mailLocalPart(walkIn.firstName, walkIn.lastName)}.${options.runId}.${sequence}@example.org`,
            name: `${walkIn.firstName} ${walkIn.lastName}`,
          },
        };
    const orderId = `W-${options.runId}-${String(sequence).padStart(6, '0')}`;
    const order = buildOnlineOrder(random, { brand, stores: brandStores, orderId, now }, shopper);
    return { scenario: 'online_order', sequence, order };
  }

  const play: Record<Scenario, (now: Date) => TrafficAction | null> = {
    identified_sale: identifiedSale,
    anonymous_sale: anonymousSale,
    redemption_sale: redemptionSale,
    return: returnOfEarlierSale,
    online_order: onlineOrder,
  };

  return {
    /** The next arrival, dated `now`. */
    next(now: Date): TrafficAction {
      sequence++;
      // A return before any returnable sale exists becomes an identified sale.
      return play[random.weighted(mix.scenarios)](now) ?? identifiedSale(now);
    },
  };
}

export type Traffic = ReturnType<typeof createTraffic>;
