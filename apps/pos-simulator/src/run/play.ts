import type { PosSale } from '@scontrino/contracts';
import type { LoyaltyClient } from '../clients/loyalty-client.js';
import type { ReceiptClient, Recorded } from '../clients/receipt-client.js';
import type { ReconciliationClient } from '../clients/reconciliation-client.js';
import { type TerminalKeys, tillKey } from '../clients/terminal-keys.js';
import { withLoyaltyTender } from '../generate/tenders.js';
import type { TrafficAction } from '../generate/traffic.js';
import type { ClaimBudget } from './claim-budget.js';
import type { PointsWatch } from './points-watch.js';
import type { Tally } from './tally.js';

export interface PlayDeps {
  receipts: ReceiptClient;
  keys: TerminalKeys;
  loyalty: LoyaltyClient | null;
  reconciliation: ReconciliationClient | null;
  claims: ClaimBudget;
  tally: Tally;
  /** Whether each sale of the run was accepted, by arrival sequence: returns wait for their sale. */
  sales: Map<number, Promise<boolean>>;
  /** Sale → points visible, on a sample of card sales. */
  points?: PointsWatch;
  onClaimed?: (claim: ClaimedReceipt) => void;
}

export interface ClaimedReceipt {
  receiptId: string;
  email: string;
}

// Enough to cover any return's original: the generator forgets sales long before this.
const SALES_REMEMBERED = 50_000;

function keyOf(deps: PlayDeps, sale: { storeId: string; terminalId: string }): string {
  const key = deps.keys.get(tillKey(sale.storeId, sale.terminalId));
  if (key === undefined) throw new Error(`no terminal key for ${sale.storeId}/${sale.terminalId}`);
  return key;
}

async function claim(deps: PlayDeps, recorded: Recorded, email: string): Promise<void> {
  if (recorded.claimUrl === undefined) return deps.tally.note('claim_without_claim_url');
  if (!deps.claims.take()) return deps.tally.note('claim_skipped_rate_budget');
  if (!(await deps.receipts.claim(recorded.claimUrl, email))) return deps.tally.note('claim_refused');
  deps.tally.note('claimed');
  deps.onClaimed?.({ receiptId: recorded.receiptId, email });
}

/** quote → hold → the sale with a points tender → capture, or void when the sale did not go through. */
async function redeemAndSell(
  deps: PlayDeps,
  loyalty: LoyaltyClient,
  sale: PosSale,
  tenantId: string,
): Promise<Recorded | null> {
  const plainSale = () => deps.receipts.record('sale', sale, keyOf(deps, sale));
  // The till redeems with the same terminal key it posts its sales with.
  const terminalKey = keyOf(deps, sale);
  const basket = {
    tenantId,
    cardNumber: sale.customer?.loyaltyCardNumber ?? '',
    basketTotal: sale.totals.total,
  };
  const quote = await loyalty.quote(basket, terminalKey);
  if (!quote || quote.maxPoints === 0) {
    deps.tally.note('redemption_nothing_to_redeem');
    return plainSale();
  }
  const hold = await loyalty.hold(basket, quote.maxPoints, terminalKey);
  if (!hold) {
    deps.tally.note('redemption_hold_refused');
    return plainSale();
  }
  const paid = withLoyaltyTender(sale, hold.points, hold.amount);
  const recorded = await deps.receipts.record('sale', paid, keyOf(deps, paid));
  if (recorded)
    deps.tally.note(
      (await loyalty.capture(hold, paid.transactionId, terminalKey))
        ? 'redeemed'
        : 'redemption_capture_failed',
    );
  else
    deps.tally.note((await loyalty.void(hold, terminalKey)) ? 'redemption_voided' : 'redemption_void_failed');
  return recorded;
}

async function playSale(deps: PlayDeps, action: Extract<TrafficAction, { sale: PosSale }>): Promise<boolean> {
  const sentAt = performance.now();
  const recorded =
    action.scenario === 'redemption_sale' && deps.loyalty
      ? await redeemAndSell(deps, deps.loyalty, action.sale, action.store.profile.tenantId)
      : await deps.receipts.record('sale', action.sale, keyOf(deps, action.sale));
  const cardNumber = action.sale.customer?.loyaltyCardNumber;
  if (recorded && cardNumber !== undefined)
    deps.points?.cardSale(
      { tenantId: action.store.profile.tenantId, cardNumber, transactionId: action.sale.transactionId },
      sentAt,
    );
  if (recorded && action.scenario === 'anonymous_sale' && action.claimEmail !== undefined)
    await claim(deps, recorded, action.claimEmail);
  return recorded !== null;
}

/** One arrival, start to end; every request is counted by the HTTP layer, every detour noted in the tally. */
export async function play(deps: PlayDeps, action: TrafficAction): Promise<void> {
  deps.tally.arrival(action.scenario);
  switch (action.scenario) {
    case 'identified_sale':
    case 'anonymous_sale':
    case 'redemption_sale': {
      const accepted = playSale(deps, action);
      deps.sales.set(action.sequence, accepted);
      if (deps.sales.size > SALES_REMEMBERED) deps.sales.delete(deps.sales.keys().next().value!);
      await accepted;
      return;
    }
    case 'return': {
      // A till cannot return a sale the service never recorded.
      const saleAccepted = (await deps.sales.get(action.originalSequence)) ?? false;
      if (!saleAccepted) return deps.tally.note('return_skipped_sale_not_recorded');
      await deps.receipts.record('return', action.transaction, keyOf(deps, action.transaction));
      return;
    }
    case 'online_order':
      if (deps.reconciliation) await deps.reconciliation.recordOrder(action.order);
      else deps.tally.note('online_order_skipped_no_service');
      return;
  }
}
