import type { PosTransaction } from '@scontrino/contracts';
import { type GroupCommit, groupCommit } from '@scontrino/db';
import { withOutbox, type WrittenOutbox } from '@scontrino/queue';
import { posContactNotes, type PosContactNotes } from '@scontrino/identity';
import type { Model } from 'mongoose';
import { transactionIdsOf } from '../domain/ids.js';
import { idempotencyKeyReused, transactionConflict } from './ingest-errors.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { ReturnLinks } from './return-reservations.js';
import { buildTransactionDocument, type ReceiptKeys, receiptKeysOf } from './transaction-document.js';
import type { OriginalRef, TransactionDocument } from './transactions-model.js';

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

export interface Transactions {
  /**
   * Stores a validated transaction with its receipt and its `transaction.recorded` event, in one
   * insert that is the sale's only database round trip: its `_id` is derived from (tenant, store,
   * transactionId) and its idempotency key is uniquely indexed, so a replay or a conflict shows up
   * as a duplicate key, and only then is anything read. The same transactionId with the same body,
   * under any idempotency key, is a replay answering the first receipt again; with another body it
   * is a 409, as is an idempotency key reused for another transaction.
   */
  record(input: RecordInput): Promise<RecordOutcome>;
}

type StoredKeys = Pick<TransactionDocument, '_id' | 'receipt' | 'requestHash' | 'idempotencyKey'>;

export function transactions(
  Transactions: Model<TransactionDocument>,
  links: ReturnLinks,
  crypto: ReceiptCrypto,
  clock: () => Date,
  /** The store's country, from its profile; null for a store not configured (yet). */
  countryOf: (storeId: string) => Promise<string | null>,
  inserts: GroupCommit<TransactionDocument> = groupCommit(Transactions.collection),
): Transactions {
  const idOf = (input: RecordInput) =>
    transactionIdsOf(crypto.transactionIdKey, {
      tenantId: input.tenantId,
      storeId: input.transaction.storeId,
      transactionId: input.transaction.transactionId,
    }).id;

  const findStored = (id: string) =>
    Transactions.findById(id, { receipt: 1, requestHash: 1, idempotencyKey: 1 }).lean<StoredKeys>();

  /** What a request that met a stored transaction is answered: its first receipt, or a 409. */
  async function replayOrConflict(stored: StoredKeys, input: RecordInput): Promise<ReceiptKeys> {
    if (stored.requestHash !== input.requestHash) {
      throw stored.idempotencyKey === input.idempotencyKey
        ? idempotencyKeyReused()
        : transactionConflict(input.transaction);
    }
    if (stored.idempotencyKey !== input.idempotencyKey) {
      // The same sale again under a new key: a replay, unless that key already named another sale.
      const holder = await Transactions.findOne(
        { storeId: input.transaction.storeId, idempotencyKey: input.idempotencyKey },
        { _id: 1 },
      ).lean();
      if (holder && holder._id !== stored._id) throw idempotencyKeyReused();
    }
    return receiptKeysOf(stored, crypto);
  }

  /** After a duplicate key: the transaction itself, or else the key belongs to another one. */
  async function afterDuplicate(input: RecordInput): Promise<ReceiptKeys> {
    const stored = await findStored(idOf(input));
    if (!stored) throw idempotencyKeyReused();
    return replayOrConflict(stored, input);
  }

  return {
    async record(input) {
      const { transaction, tenantId, requestHash, idempotencyKey } = input;
      const storeCountry = await countryOf(transaction.storeId);
      // The same body gives the same notes: a replay answers them again without storing them.
      const contacts = posContactNotes(transaction.customer, { country: storeCountry ?? '', tenantId });
      let original: OriginalRef | null = null;
      if (transaction.type === 'return') {
        // Reserving a return's quantities is a write of its own: never do it for a replay.
        const stored = await findStored(idOf(input));
        if (stored) return { keys: await replayOrConflict(stored, input), contacts, written: null };
        original = await links.reserve(transaction, tenantId, requestHash);
      }
      const { document, event, keys } = buildTransactionDocument(transaction, {
        tenantId,
        requestHash,
        idempotencyKey,
        original,
        receivedAt: clock(),
        storeCountry,
        crypto,
      });
      const inserted = withOutbox(document, [event]);
      const outcome = await inserts.insert(inserted);
      if (outcome === 'inserted')
        return { keys, contacts, written: { _id: inserted._id, outbox: inserted.outbox } };
      return { keys: await afterDuplicate(input), contacts, written: null };
    },
  };
}
