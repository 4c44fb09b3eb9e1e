import { type Balance, balanceAt } from '../domain/ledger/balance.js';
import { notFound } from './ledger-errors.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

export interface CardLookup {
  memberId: string;
  balance: Balance;
  /** The POS ids of the member's latest credited sales, newest first (at most `RECENT_SALES`). */
  recentSales: string[];
}

const RECENT_SALES = 20;

/**
 * What the support desk sees when a customer shows a card: whose it is (the member it belongs to
 * now, after merges), the balance, and which recent sales have earned, by the id on the slip.
 */
export async function lookUpCard(
  deps: LoyaltyDeps,
  input: { tenantId: string; cardNumber: string },
): Promise<CardLookup> {
  const card = deps.crypto.card(input.cardNumber);
  const memberId = card ? await deps.store.members.findByKey(input.tenantId, 'card', card.hash) : null;
  const member = memberId ? await deps.store.members.resolve(memberId) : null;
  if (!member || member.erasedAt !== null) throw notFound('card', `ending ${input.cardNumber.slice(-4)}`);
  const [state, entries] = await Promise.all([
    deps.store.ledger.stateOf(member.id),
    deps.store.ledger.entriesOf(member.id),
  ]);
  return {
    memberId: member.id,
    balance: balanceAt(state, deps.clock()),
    recentSales: entries
      .flatMap((entry) => (entry.kind === 'earn' ? [entry.sale.transactionId] : []))
      .reverse()
      .slice(0, RECENT_SALES),
  };
}
