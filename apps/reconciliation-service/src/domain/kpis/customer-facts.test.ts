import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation.js';
import {
  addCustomerToDays,
  type CustomerDayCounters,
  customerFactsOf,
  customerKpisOf,
  FACT_DAYS_KEPT,
  predictedClv,
} from './customer-facts.js';

const now = new Date('2026-08-01T12:00:00Z');
let n = 0;
function bought(
  day: string,
  amount: number,
  channel: Observation['channel'] = 'store',
  key?: string,
): Observation {
  n += 1;
  const at = new Date(`${day}T10:00:00Z`);
  const id = key ?? (channel === 'store' ? `txn:${n}` : `order:${n}`);
  return {
    observationId: `${id}:${n}`,
    tenantId: 't',
    kind: amount < 0 ? 'return' : channel === 'store' ? 'sale' : 'order',
    channel,
    rule: 'till-sale',
    at,
    storeId: null,
    shopId: null,
    pickupStoreId: null,
    purchase: { key: id, at, amount, currency: 'EUR' },
    identifiers: [],
    nameSealed: null,
  };
}

describe('a customer’s facts', () => {
  it('counts each purchase once, deducts returns from revenue, and keeps the purchase days', () => {
    const sale = bought('2026-04-10', 6000);
    const facts = customerFactsOf(
      [
        bought('2026-04-01', 4000, 'web'),
        sale,
        { ...sale, observationId: 'claim:1', channel: 'receipt_claim' }, // its claim: the same purchase
        bought('2026-04-10', 1500),
        bought('2026-05-05', -1000),
      ],
      now,
    );
    expect(facts).toMatchObject({
      firstDay: '2026-04-01',
      secondDay: '2026-04-10',
      purchases: 3,
      returns: 1,
      revenue: 10_500,
      channels: { store: 2, online: 1, clickAndCollect: 0 },
      crossChannel: true,
      days: [
        { day: '2026-04-01', purchases: 1 },
        { day: '2026-04-10', purchases: 2 },
      ],
    });
  });

  it('is none for a profile without a purchase', () => {
    expect(customerFactsOf([bought('2026-05-05', -1000)], now)).toBeNull();
  });

  it('keeps at most the most recent purchase days', () => {
    const many = Array.from({ length: FACT_DAYS_KEPT + 20 }, (_, i) =>
      bought(new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), 100),
    );
    const facts = customerFactsOf(many, now);
    expect(facts?.days).toHaveLength(FACT_DAYS_KEPT);
    expect(facts?.firstDay).toBe('2024-01-01');
    expect(facts?.purchases).toBe(FACT_DAYS_KEPT + 20);
  });
});

describe('day counters and the figures of a range', () => {
  const days = new Map<string, CustomerDayCounters>();
  const customer = (dates: string[], revenue: number, crossChannel = false) =>
    addCustomerToDays(
      days,
      {
        firstDay: dates[0] as string,
        secondDay: dates[1] ?? null,
        purchases: dates.length,
        revenue,
        crossChannel,
        days: dates.map((day) => ({ day, purchases: 1 })),
      },
      '2026-08-01',
    );
  customer(['2026-04-01', '2026-04-10', '2026-05-01'], 11_000, true);
  customer(['2026-04-05', '2026-07-20'], 8000);
  customer(['2026-05-10'], 2500);

  it('counts a customer once in a range, however many days they bought', () => {
    expect(customerKpisOf(days, '2026-04-01', '2026-07-31', '2026-08-01')).toMatchObject({
      customers: 3,
      purchases: 6,
      crossChannelCustomers: 1,
    });
    // 1 April–1 May: Anna on three days and Bruno once.
    expect(customerKpisOf(days, '2026-04-01', '2026-05-01', '2026-08-01')).toMatchObject({
      customers: 2,
      purchases: 4,
    });
    // 2 April–31 July: Anna's 10 April is her first purchase in it, but she is no new customer.
    expect(customerKpisOf(days, '2026-04-02', '2026-07-31', '2026-08-01')).toMatchObject({
      customers: 3,
      purchases: 5,
      newCustomers: 2,
    });
  });

  it('rates repurchase only over cohorts old enough', () => {
    const recent = customerKpisOf(days, '2026-04-01', '2026-07-31', '2026-05-20');
    // Built on 20 May: only Anna (1 April) and Bruno (5 April) are 30+ days old; none is 90.
    expect(recent.repurchaseRate30).toBe(1 / 2);
    expect(recent.repurchaseRate90).toBeNull();
    expect(recent.clvPredicted).toBeNull();
  });

  it('predicts CLV as ticket × yearly purchases × 1 / (1 − r), capped at ten years', () => {
    expect(predictedClv(3000, 4, 0.5)).toEqual({ expectedYears: 2, clv: 24_000 });
    expect(predictedClv(3000, 4, 0)).toEqual({ expectedYears: 1, clv: 12_000 });
    expect(predictedClv(3000, 4, 1)).toEqual({ expectedYears: 10, clv: 120_000 });
    expect(predictedClv(3000, 4, null)).toEqual({ expectedYears: null, clv: null });
  });
});
