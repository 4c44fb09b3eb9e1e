import { ensureIndexes, erasureOutcomes, type ErasureOutcomes } from '@scontrino/db';
import type { Connection } from 'mongoose';
import { earlyClaimStore, type EarlyClaimStore } from './early-claims.js';
import { holdStore, type HoldStore } from './holds.js';
import { ledgerStore, type LedgerStore } from './ledger.js';
import { memberStore, type MemberStore } from './members.js';
import { signInCodeStore, type SignInCodeStore } from './sign-in-codes.js';

/** The ledger helper's collections, as the use cases see them. */
export interface LoyaltyStore {
  members: MemberStore;
  ledger: LedgerStore;
  holds: HoldStore;
  signInCodes: SignInCodeStore;
  /** Receipts claimed before their address joined, for crediting on enrolment. */
  earlyClaims: EarlyClaimStore;
  /** What each `customer.erased` changed here, for the erasure report. */
  erasures: ErasureOutcomes;
}

/**
 * Registers the models and waits for their indexes: the ledger's idempotency rests on the unique
 * business key, so nothing may be written before it exists.
 */
export async function openLoyaltyStore(
  connection: Connection,
  options: { clock?: () => Date } = {},
): Promise<LoyaltyStore> {
  const clock = options.clock ?? (() => new Date());
  const store: LoyaltyStore = {
    members: memberStore(connection),
    ledger: ledgerStore(connection, clock),
    holds: holdStore(connection),
    signInCodes: signInCodeStore(connection),
    earlyClaims: earlyClaimStore(connection),
    erasures: erasureOutcomes(connection),
  };
  await ensureIndexes(connection);
  return store;
}
