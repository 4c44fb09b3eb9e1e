import type { PosTransaction } from '@scontrino/contracts';
import { type GroupCommit, groupCommit } from '@scontrino/db';
import { withOutbox, type WrittenOutbox } from '@scontrino/queue';
import type { Model } from 'mongoose';
import { transactionIdsOf } from '../domain/ids.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import {
  buildTransactionDocument,
  type DocumentContext,
  type ReceiptKeys,
  receiptKeysOf,
} from './transaction-document.js';
import type { TransactionDocument } from './transactions-model.js';

/** A transaction already stored, as a request that met it compares itself with. */
export interface StoredTransaction {
  id: string;
  requestHash: string;
  /** `idempotencyScopeHash` of the key it was first posted under. */
  idempotencyKey: string;
  /** Its receipt's keys, decrypted: what a replay answers. */
  keys: ReceiptKeys;
}

/** What an insert of a new transaction did: stored it with its event, or met a duplicate key. */
export type TransactionInsert =
  { outcome: 'inserted'; keys: ReceiptKeys; written: WrittenOutbox } | { outcome: 'duplicate' };

/** The reads and the one write of recording a POS transaction; the use cases decide what they mean. */
export interface TransactionWrites {
  /** The `_id` of a transaction, derived from (tenant, store, transactionId). */
  idOf(key: { tenantId: string; storeId: string; transactionId: string }): string;
  findStored(id: string): Promise<StoredTransaction | null>;
  /** The `_id` of the transaction of this store that holds this idempotency key; null when none. */
  holderOfKey(storeId: string, idempotencyKey: string): Promise<string | null>;
  /**
   * Inserts the transaction with its receipt and its `transaction.recorded` event, in one insert
   * (group-committed with the inserts running at once): its `_id` and its idempotency key are
   * uniquely indexed, so a replay or a conflict shows up as `duplicate`.
   */
  insert(transaction: PosTransaction, context: Omit<DocumentContext, 'crypto'>): Promise<TransactionInsert>;
}

type StoredKeys = Pick<TransactionDocument, '_id' | 'receipt' | 'requestHash' | 'idempotencyKey'>;

export function transactionWrites(
  Transactions: Model<TransactionDocument>,
  crypto: ReceiptCrypto,
  inserts: GroupCommit<TransactionDocument> = groupCommit(Transactions.collection),
): TransactionWrites {
  return {
    idOf: (key) => transactionIdsOf(crypto.transactionIdKey, key).id,

    async findStored(id) {
      const stored = await Transactions.findById(id, {
        receipt: 1,
        requestHash: 1,
        idempotencyKey: 1,
      }).lean<StoredKeys>();
      return (
        stored && {
          id: stored._id,
          requestHash: stored.requestHash,
          idempotencyKey: stored.idempotencyKey,
          keys: receiptKeysOf(stored, crypto),
        }
      );
    },

    async holderOfKey(storeId, idempotencyKey) {
      const holder = await Transactions.findOne({ storeId, idempotencyKey }, { _id: 1 }).lean();
      return holder?._id ?? null;
    },

    async insert(transaction, context) {
      const { document, event, keys } = buildTransactionDocument(transaction, { ...context, crypto });
      const inserted = withOutbox(document, [event]);
      if ((await inserts.insert(inserted)) !== 'inserted') return { outcome: 'duplicate' };
      return { outcome: 'inserted', keys, written: { _id: inserted._id, outbox: inserted.outbox } };
    },
  };
}
