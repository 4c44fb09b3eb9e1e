import type { PosTransaction } from '@scontrino/contracts';

/**
 * Whether the paper slip of a transaction carries a claim QR: every sale for which no e-mail is
 * known at the till, whatever else it names (a payment fingerprint, a phone, a loyalty card).
 * Decided from the request alone, so recording a sale stays one insert.
 *
 * A card whose member has an e-mail also makes the address known, but only loyalty knows that,
 * and only after the sale is recorded (its `sale.credited`, see {@link claimWithdrawn}): the code
 * is issued all the same and withdrawn when loyalty tells. Deciding at the till instead would need
 * a call to loyalty (or a copy of its members) on the till's path, stale either way.
 */
export function offersClaim(transaction: Pick<PosTransaction, 'type' | 'customer'>): boolean {
  return transaction.type === 'sale' && transaction.customer?.email === undefined;
}

/**
 * A claim code is withdrawn once loyalty told that the sale's card belongs to a member with an
 * e-mail: the receipt already has an address, and a second one would attach a stranger's.
 */
export function claimWithdrawn(loyalty: { memberHasEmail: boolean } | null): boolean {
  return loyalty?.memberHasEmail === true;
}
