import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation.js';
import { channelFigures, crossChannelLabel } from './channel-figures.js';
import { evidencePath } from './evidence-path.js';
import { goldenRecord } from './golden-record.js';
import { rfmCutoffs, rfmScores } from './rfm.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

function observation(
  id: string,
  channel: Observation['channel'],
  amount: number | null,
  at: Date,
  key = id,
): Observation {
  return {
    observationId: id,
    tenantId: 't1',
    kind:
      channel === 'store'
        ? amount !== null && amount < 0
          ? 'return'
          : 'sale'
        : channel === 'receipt_claim'
          ? 'claim'
          : 'order',
    channel,
    rule: 'till-sale',
    at,
    storeId: null,
    shopId: null,
    pickupStoreId: null,
    purchase: amount === null ? null : { key, at, amount, currency: 'EUR' },
    identifiers: [],
    nameSealed: null,
  };
}

describe('channelFigures', () => {
  it('when a sale and its receipt claim point at one purchase, then it counts once, in store', () => {
    const sale = observation('txn:1', 'store', 5000, day(0));
    const claim = observation('claim:1', 'receipt_claim', 5000, day(0), 'txn:1');
    const order = observation('order:1', 'web', 3000, day(10));
    const figures = channelFigures([sale, claim, order], day(20));
    expect(figures).toMatchObject({
      store: { purchases: 1, spend: 5000 },
      online: { purchases: 1, spend: 3000 },
      purchases: 2,
      spend: 8000,
      averageTicket: 4000,
      daysSinceLastPurchase: 10,
      purchasesPer30Days: 2,
      crossChannel: 'buys online and in store',
    });
  });

  it('when a customer returns goods, then spend drops and the return is not a purchase', () => {
    const figures = channelFigures(
      [observation('txn:1', 'store', 5000, day(0)), observation('txn:2', 'store', -2000, day(1))],
      day(2),
    );
    expect(figures).toMatchObject({ purchases: 1, spend: 3000, returns: 1, crossChannel: 'store only' });
  });

  it('when the online orders are all collected in store, then the label says so', () => {
    expect(crossChannelLabel(2, 0, 1)).toBe('orders online, collects in store');
    expect(crossChannelLabel(0, 3, 0)).toBe('web only');
    expect(crossChannelLabel(0, 0, 0)).toBe('no purchases');
  });
});

describe('rfm', () => {
  it('when scored against five customers, then the best is 555 and the worst 111', () => {
    const customers = [1, 2, 3, 4, 5].map((n) => ({
      daysSinceLastPurchase: 100 - n * 10,
      purchases: n,
      spend: n * 1000,
    }));
    const cutoffs = rfmCutoffs(customers);
    expect(rfmScores(customers[4]!, cutoffs)?.segment).toBe('555');
    expect(rfmScores(customers[0]!, cutoffs)?.segment).toBe('111');
    expect(rfmScores({ daysSinceLastPurchase: 0, purchases: 0, spend: 0 }, cutoffs)).toBeNull();
  });
});

describe('goldenRecord', () => {
  it('when a proven e-mail is older than an unproven one, then the proven one wins; the name comes from the most trusted source', () => {
    const record = goldenRecord(
      [
        { id: 'e1', type: 'email', value: 'ann@shop.it', verified: true, lastSeenAt: day(1) },
        { id: 'e2', type: 'email', value: 'typo@shop.it', verified: false, lastSeenAt: day(9) },
        { id: 'p1', type: 'phone', value: '+39333', verified: false, lastSeenAt: day(2) },
        { id: 'p2', type: 'phone', value: '+39444', verified: false, lastSeenAt: day(5) },
      ],
      [
        { name: 'A. Rossi', kind: 'order', at: day(9) },
        { name: 'Anna Rossi', kind: 'identify', at: day(1) },
      ],
    );
    expect(record.email?.value).toBe('ann@shop.it');
    expect(record.phone?.value).toBe('+39444');
    expect(record.name).toMatchObject({ value: 'Anna Rossi', source: 'identify' });
  });
});

describe('evidencePath', () => {
  it('when a card and an e-mail are joined through a phone, then the path names both observations', () => {
    const links = [
      { a: 'card', b: 'phone', observationId: 'txn:1', at: day(0), rule: 'till-sale' as const },
      { a: 'email', b: 'phone', observationId: 'order:1', at: day(1), rule: 'online-order' as const },
    ];
    const path = evidencePath('card', 'email', links);
    expect(path?.map((s) => [s.from, s.to, s.observationId])).toEqual([
      ['card', 'phone', 'txn:1'],
      ['phone', 'email', 'order:1'],
    ]);
    expect(evidencePath('card', 'nobody', links)).toBeNull();
  });
});
