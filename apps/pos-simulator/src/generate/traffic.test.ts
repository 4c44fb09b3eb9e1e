import {
  checkReturnAgainstSale,
  type PosReturn,
  type PosSale,
  type PosTransaction,
  validatePosTransaction,
} from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { stores } from '../catalogue/index.js';
import { createTraffic, type TrafficAction, type TrafficOptions } from './traffic.js';
import { defaultTrafficMix, type Scenario } from './traffic-mix.js';

const now = new Date('2026-11-22T09:15:30Z');

function options(overrides: Partial<TrafficOptions> = {}): TrafficOptions {
  return {
    seed: 'tests',
    runId: 'run1',
    stores,
    membersPerBrand: 300,
    mix: defaultTrafficMix,
    redemptions: true,
    onlineOrders: true,
    ...overrides,
  };
}

function generate(count: number, overrides: Partial<TrafficOptions> = {}): TrafficAction[] {
  const traffic = createTraffic(options(overrides));
  return Array.from({ length: count }, (_, index) => traffic.next(new Date(now.getTime() + index * 10)));
}

function transactionOf(action: TrafficAction): PosTransaction | null {
  if (action.scenario === 'online_order') return null;
  return action.scenario === 'return' ? action.transaction : action.sale;
}

const transactions = (actions: TrafficAction[]) => actions.flatMap((action) => transactionOf(action) ?? []);

describe('traffic generator', () => {
  const actions = generate(6000);
  const sales = actions.flatMap((action) => ('sale' in action ? [action.sale] : []));
  const returns = actions.flatMap((action) => (action.scenario === 'return' ? [action.transaction] : []));

  it('when 6,000 arrivals are generated, then every sale and return passes the POS contract', () => {
    const invalid = transactions(actions)
      .map((transaction) => ({ transaction, result: validatePosTransaction(transaction, { now }) }))
      .filter(({ result }) => !result.ok);
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('when other seeds are used, then their transactions pass the contract too', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const invalid = transactions(generate(1500, { seed })).filter(
        (transaction) => !validatePosTransaction(transaction, { now }).ok,
      );
      expect(invalid).toEqual([]);
    }
  });

  it('when returns name earlier sales, then none returns more than was bought (rule 7)', () => {
    const saleById = new Map(sales.map((sale) => [sale.transactionId, sale]));
    const accepted: PosReturn[] = [];
    for (const returned of returns) {
      const original = saleById.get(returned.originalTransactionId);
      expect(original, returned.originalTransactionId).toBeDefined();
      expect(checkReturnAgainstSale(returned, original!, accepted)).toEqual([]);
      accepted.push(returned);
    }
  });

  it('when a return is made, then it is at a store of the sale’s brand, sometimes another one', () => {
    const saleById = new Map(sales.map((sale) => [sale.transactionId, sale]));
    const tenantOf = (storeId: string) =>
      stores.find((store) => store.profile.storeId === storeId)?.profile.tenantId;
    let elsewhere = 0;
    for (const returned of returns) {
      const original = saleById.get(returned.originalTransactionId)!;
      expect(tenantOf(returned.storeId)).toBe(tenantOf(original.storeId));
      if (returned.storeId !== original.storeId) elsewhere++;
    }
    expect(elsewhere / returns.length).toBeGreaterThan(0.15);
    expect(elsewhere / returns.length).toBeLessThan(0.45);
  });

  it('when the same seed is used twice, then the same traffic comes out; another seed gives another', () => {
    expect(generate(300)).toEqual(generate(300));
    expect(generate(300, { seed: 'other' })).not.toEqual(generate(300));
  });

  it('when many arrivals are generated, then the scenarios follow the mix within two points', () => {
    const weights = defaultTrafficMix.scenarios;
    const sum = Object.values(weights).reduce((total, weight) => total + weight, 0);
    for (const scenario of Object.keys(weights) as Scenario[]) {
      const share = actions.filter((action) => action.scenario === scenario).length / actions.length;
      expect(share, scenario).toBeCloseTo(weights[scenario] / sum, 1);
      expect(Math.abs(share - weights[scenario] / sum), scenario).toBeLessThan(0.02);
    }
  });

  it('when anonymous sales are generated, then about a quarter are claimed and anonymous means no customer', () => {
    const anonymous = actions.filter((action) => action.scenario === 'anonymous_sale');
    expect(anonymous.every((action) => action.sale.customer === undefined)).toBe(true);
    const claimed = anonymous.filter((action) => action.claimEmail !== undefined).length / anonymous.length;
    expect(claimed).toBeGreaterThan(0.2);
    expect(claimed).toBeLessThan(0.3);
  });

  it('when sales are generated, then they hold what Italian tills print', () => {
    const lines = sales.flatMap((sale) => sale.lines);
    const rates = new Set(lines.map((line) => line.taxRate));
    expect([...rates].sort()).toEqual(['0', '10', '22', '4']);
    expect(lines.some((line) => !Number.isInteger(line.quantity))).toBe(true);
    expect(lines.some((line) => line.discounts.length > 0)).toBe(true);
    expect(sales.some((sale) => sale.discounts.length > 0)).toBe(true);
    expect(sales.some((sale) => sale.taxes.length >= 3)).toBe(true);
    const methods = (sale: PosSale) => sale.payments.map((payment) => payment.method).join('+');
    expect(sales.some((sale) => methods(sale) === 'card+cash' && (sale.payments[1]?.change ?? 0) > 0)).toBe(
      true,
    );
    expect(sales.some((sale) => methods(sale).startsWith('voucher'))).toBe(true);
    expect(sales.some((sale) => methods(sale).startsWith('gift_card'))).toBe(true);
    expect(sales.some((sale) => sale.cashierId === undefined)).toBe(true);
    expect(sales.some((sale) => sale.customer?.email !== undefined)).toBe(true);
    expect(sales.some((sale) => sale.customer?.phone !== undefined)).toBe(true);
    expect(sales.some((sale) => sale.customer?.paymentFingerprint !== undefined)).toBe(true);
  });

  it('when returns are generated, then some give back only part of a line or of the basket', () => {
    const saleById = new Map(sales.map((sale) => [sale.transactionId, sale]));
    const partial = returns.filter((returned) => {
      const original = saleById.get(returned.originalTransactionId)!;
      return (
        returned.lines.length < original.lines.length ||
        returned.lines.some(
          (line) =>
            line.quantity < (original.lines.find((o) => o.lineId === line.originalLineId)?.quantity ?? 0),
        )
      );
    });
    expect(partial.length).toBeGreaterThan(returns.length / 2);
  });

  it('when no loyalty or reconciliation service takes part, then neither redemptions nor web orders are generated', () => {
    const played = new Set(
      generate(2000, { redemptions: false, onlineOrders: false }).map((a) => a.scenario),
    );
    expect(played).toEqual(new Set(['identified_sale', 'anonymous_sale', 'return']));
  });

  it('when one store is simulated, then every till transaction is there', () => {
    const [store] = stores;
    const generated = transactions(generate(500, { stores: [store!] }));
    expect(new Set(generated.map((transaction) => transaction.storeId))).toEqual(
      new Set([store!.profile.storeId]),
    );
  });

  it('when two runs have other run ids, then their transaction ids never meet', () => {
    const first = new Set(transactions(generate(200)).map((transaction) => transaction.transactionId));
    const second = transactions(generate(200, { runId: 'run2' })).map(
      (transaction) => transaction.transactionId,
    );
    expect(first.size).toBe(
      200 - generate(200).filter((action) => action.scenario === 'online_order').length,
    );
    expect(second.filter((id) => first.has(id))).toEqual([]);
  });
});

describe('web-shop orders', () => {
  const orders = generate(3000).flatMap((action) =>
    action.scenario === 'online_order' ? [action.order] : [],
  );

  it('when web orders are generated, then each adds up and names its brand’s shop and pickup store', () => {
    expect(orders.length).toBeGreaterThan(200);
    for (const order of orders) {
      expect(order.total).toBe(order.lines.reduce((total, line) => total + line.total, 0));
      expect(order.shopId).toBe(`${order.tenantId}-web`);
      if (order.pickupStoreId !== undefined) {
        expect(order.channel).toBe('click_and_collect');
        const store = stores.find((candidate) => candidate.profile.storeId === order.pickupStoreId);
        expect(store?.profile.tenantId).toBe(order.tenantId);
      }
    }
    expect(new Set(orders.map((order) => order.channel))).toEqual(
      new Set(['web', 'app', 'click_and_collect']),
    );
  });

  it('when members order online, then most give the e-mail they are known by, some are signed in', () => {
    const withAccount = orders.filter((order) => order.customer.accountId !== undefined);
    expect(withAccount.length).toBeGreaterThan(orders.length / 4);
    expect(orders.every((order) => order.customer.email !== undefined)).toBe(true);
  });
});
