import { examplePosReturn, type PosTransaction } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { brands, memberOf, stores } from '../catalogue/index.js';
import type { LoyaltyClient } from '../clients/loyalty-client.js';
import type { ReceiptClient } from '../clients/receipt-client.js';
import { tillKey } from '../clients/terminal-keys.js';
import { createRandom } from '../random.js';
import { buildSale, customerOf } from '../generate/sale.js';
import type { TrafficAction } from '../generate/traffic.js';
import { createClaimBudget } from './claim-budget.js';
import { play, type PlayDeps } from './play.js';
import { createTally } from './tally.js';

const store = stores[0]!;
const member = memberOf(brands.modaRossi.tenantId, 1);

function redemptionAction(): Extract<TrafficAction, { scenario: 'redemption_sale' }> {
  const context = { store, brand: brands.modaRossi, runId: 'r', sequence: 1, now: new Date() };
  const sale = buildSale(createRandom('play'), context, customerOf(createRandom('c'), member, 'card'));
  return { scenario: 'redemption_sale', sequence: 1, store, sale, member };
}

function fakes(options: { saleAccepted: boolean; maxPoints: number }) {
  const calls: string[] = [];
  const recorded: PosTransaction[] = [];
  const receipts = {
    record: (_kind: string, transaction: PosTransaction) => {
      recorded.push(transaction);
      return Promise.resolve(options.saleAccepted ? { receiptId: 'rcpt_1', receiptUrl: 'http://r/1' } : null);
    },
    claim: () => Promise.resolve(true),
  } as unknown as ReceiptClient;
  const hold = { holdId: 'hold_1', points: options.maxPoints, amount: options.maxPoints };
  const loyalty = {
    quote: () => (
      calls.push('quote'),
      Promise.resolve({ maxPoints: options.maxPoints, maxAmount: options.maxPoints })
    ),
    hold: () => (calls.push('hold'), Promise.resolve(hold)),
    capture: () => (calls.push('capture'), Promise.resolve(true)),
    void: () => (calls.push('void'), Promise.resolve(true)),
  } as unknown as LoyaltyClient;
  const tally = createTally();
  const deps: PlayDeps = {
    receipts,
    keys: new Map(store.terminals.map((terminal) => [tillKey(store.profile.storeId, terminal), 'key'])),
    loyalty,
    reconciliation: null,
    claims: createClaimBudget({ limit: 10, windowMs: 1000 }),
    tally,
    sales: new Map(),
  };
  return { deps, calls, recorded, tally };
}

describe('playing a redemption at the till', () => {
  it('when the sale is recorded, then the points pay part of it and the hold is captured', async () => {
    const { deps, calls, recorded, tally } = fakes({ saleAccepted: true, maxPoints: 300 });
    await play(deps, redemptionAction());
    expect(calls).toEqual(['quote', 'hold', 'capture']);
    expect(recorded[0]?.payments[0]).toEqual({ method: 'loyalty_points', amount: 300 });
    expect(recorded[0]?.loyalty).toEqual({ pointsRedeemed: 300 });
    expect(tally.notes()).toEqual({ redeemed: 1 });
    expect(await deps.sales.get(1)).toBe(true);
  });

  it('when the sale is refused, then the hold is voided', async () => {
    const { deps, calls, tally } = fakes({ saleAccepted: false, maxPoints: 300 });
    await play(deps, redemptionAction());
    expect(calls).toEqual(['quote', 'hold', 'void']);
    expect(tally.notes()).toEqual({ redemption_voided: 1 });
    expect(await deps.sales.get(1)).toBe(false);
  });

  it('when nothing can be redeemed, then the sale goes through as it was, without a hold', async () => {
    const { deps, calls, recorded, tally } = fakes({ saleAccepted: true, maxPoints: 0 });
    const action = redemptionAction();
    await play(deps, action);
    expect(calls).toEqual(['quote']);
    expect(recorded).toEqual([action.sale]);
    expect(tally.notes()).toEqual({ redemption_nothing_to_redeem: 1 });
  });
});

describe('playing a return', () => {
  const returnAction = (): TrafficAction => ({
    scenario: 'return',
    sequence: 2,
    store,
    transaction: { ...examplePosReturn(), storeId: store.profile.storeId },
    originalSequence: 1,
  });

  it('when its sale was recorded, then the return is sent once the sale is in', async () => {
    const { deps, recorded } = fakes({ saleAccepted: true, maxPoints: 0 });
    let recordSale!: (accepted: boolean) => void;
    deps.sales.set(1, new Promise((resolve) => (recordSale = resolve)));
    const playing = play(deps, returnAction());
    await Promise.resolve();
    expect(recorded).toEqual([]);
    recordSale(true);
    await playing;
    expect(recorded.map((transaction) => transaction.type)).toEqual(['return']);
  });

  it('when its sale was refused, then no return is sent and the tally says why', async () => {
    const { deps, recorded, tally } = fakes({ saleAccepted: true, maxPoints: 0 });
    deps.sales.set(1, Promise.resolve(false));
    await play(deps, returnAction());
    expect(recorded).toEqual([]);
    expect(tally.notes()).toEqual({ return_skipped_sale_not_recorded: 1 });
  });
});
