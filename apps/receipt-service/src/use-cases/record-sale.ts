import type { PosTransaction } from '@scontrino/contracts';
import type { WrittenOutbox } from '@scontrino/queue';
import { posContactNotes, type PosContactNotes } from '@scontrino/identity';
import { idempotencyKeyReused, transactionConflict } from '../store/ingest-errors.js';
import type { StoreProfiles } from '../store/store-profiles.js';
import type { ReceiptKeys } from '../store/transaction-document.js';
import type { StoredTransaction, TransactionWrites } from '../store/transaction-writes.js';
import type { OriginalRef } from '../store/transactions-model.js';

export interface RecordInput {
  transaction: PosTransaction;
  tenantId: string;
  requestHash: string;
  /** `idempotencyScopeHash` of the terminal's Idempotency-Key. */
  idempotencyKey: string;
}

export interface RecordOutcome {
  keys: ReceiptKeys;
  /** The sale's contact values that were ignored or kept at a lower weight, read with the store's country. */
  contacts: PosContactNotes;
  /** What this request inserted, for the outbox dispatcher; null for a replay (stored earlier). */
  written: WrittenOutbox | null;
}

export interface RecordSaleDeps {
  transactions: TransactionWrites;
  stores: Pick<StoreProfiles, 'get'>;
  clock: () => Date;
}

/**
 * Records a validated sale with its receipt and its `transaction.recorded` event, in one insert
 * that is the sale's only database round trip: its `_id` is derived from (tenant, store,
 * transactionId) and its idempotency key is uniquely indexed, so a replay or a conflict shows up
 * as a duplicate key, and only then is anything read. The same transactionId with the same body,
 * under any idempotency key, is a replay answering the first receipt again; with another body it
 * is a 409, as is an idempotency key reused for another transaction.
 */
export async function recordSale(deps: RecordSaleDeps, input: RecordInput): Promise<RecordOutcome> {
  return insertOrReplay(deps, input, await storeContext(deps, input), null);
}

/** The store's country (null for a store not configured yet) and the contact notes it gives the sale. */
export async function storeContext(deps: RecordSaleDeps, input: RecordInput) {
  const { transaction, tenantId } = input;
  const storeCountry = (await deps.stores.get(transaction.storeId))?.address.country ?? null;
  // The same body gives the same notes: a replay answers them again without storing them.
  const contacts = posContactNotes(transaction.customer, { country: storeCountry ?? '', tenantId });
  return { storeCountry, contacts };
}

export const storedIdOf = (deps: RecordSaleDeps, input: RecordInput) =>
  deps.transactions.idOf({
    tenantId: input.tenantId,
    storeId: input.transaction.storeId,
    transactionId: input.transaction.transactionId,
  });

/** What a request that met a stored transaction is answered: its first receipt, or a 409. */
export async function replayOrConflict(
  deps: RecordSaleDeps,
  stored: StoredTransaction,
  input: RecordInput,
): Promise<ReceiptKeys> {
  if (stored.requestHash !== input.requestHash) {
    throw stored.idempotencyKey === input.idempotencyKey
      ? idempotencyKeyReused()
      : transactionConflict(input.transaction);
  }
  if (stored.idempotencyKey !== input.idempotencyKey) {
    // The same sale again under a new key: a replay, unless that key already named another sale.
    const holder = await deps.transactions.holderOfKey(input.transaction.storeId, input.idempotencyKey);
    if (holder !== null && holder !== stored.id) throw idempotencyKeyReused();
  }
  return stored.keys;
}

/** The insert of a new transaction; after a duplicate key, the replay or the conflict it was. */
export async function insertOrReplay(
  deps: RecordSaleDeps,
  input: RecordInput,
  store: { storeCountry: string | null; contacts: PosContactNotes },
  original: OriginalRef | null,
): Promise<RecordOutcome> {
  const { transaction, tenantId, requestHash, idempotencyKey } = input;
  const { contacts } = store;
  const inserted = await deps.transactions.insert(transaction, {
    tenantId,
    requestHash,
    idempotencyKey,
    original,
    receivedAt: deps.clock(),
    storeCountry: store.storeCountry,
  });
  if (inserted.outcome === 'inserted') return { keys: inserted.keys, contacts, written: inserted.written };
  // The transaction itself, or else the key belongs to another one.
  const stored = await deps.transactions.findStored(storedIdOf(deps, input));
  if (!stored) throw idempotencyKeyReused();
  return { keys: await replayOrConflict(deps, stored, input), contacts, written: null };
}
