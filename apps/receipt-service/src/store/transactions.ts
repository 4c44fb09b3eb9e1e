import type { PosTransaction } from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import { withOutbox } from '@scontrino/queue';
import type { Model } from 'mongoose';
import { transactionConflict } from './ingest-errors.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { ReturnLinks } from './return-reservations.js';
import { buildTransactionDocument, type ReceiptKeys, receiptKeysOf } from './transaction-document.js';
import type { OriginalRef, TransactionDocument } from './transactions-model.js';

export interface RecordInput {
  transaction: PosTransaction;
  tenantId: string;
  requestHash: string;
}

export interface Transactions {
  /**
   * Stores a validated transaction with its receipt and its `transaction.recorded` event, in one
   * insert. The same transactionId with the same body, under any idempotency key, is a replay:
   * it answers the first receipt again; with another body it is a 409.
   */
  record(input: RecordInput): Promise<ReceiptKeys>;
}

export function transactions(
  Transactions: Model<TransactionDocument>,
  links: ReturnLinks,
  crypto: ReceiptCrypto,
  clock: () => Date,
  /** The store's country, from its profile; null for a store not configured (yet). */
  countryOf: (storeId: string) => Promise<string | null>,
): Transactions {
  const findByPosId = (transaction: PosTransaction) =>
    Transactions.findOne(
      { storeId: transaction.storeId, transactionId: transaction.transactionId },
      { receipt: 1, requestHash: 1 },
    ).lean<Pick<TransactionDocument, '_id' | 'receipt' | 'requestHash'>>();

  const replayOrConflict = (
    found: Pick<TransactionDocument, '_id' | 'receipt' | 'requestHash'>,
    input: RecordInput,
  ): ReceiptKeys => {
    if (found.requestHash !== input.requestHash) throw transactionConflict(input.transaction);
    return receiptKeysOf(found, crypto);
  };

  return {
    async record(input) {
      const { transaction, tenantId, requestHash } = input;
      const existing = await findByPosId(transaction);
      if (existing) return replayOrConflict(existing, input);

      const original: OriginalRef | null =
        transaction.type === 'return' ? await links.reserve(transaction, tenantId, requestHash) : null;
      const { document, event, keys } = buildTransactionDocument(transaction, {
        tenantId,
        requestHash,
        original,
        receivedAt: clock(),
        storeCountry: await countryOf(transaction.storeId),
        crypto,
      });
      try {
        await Transactions.create(withOutbox(document, [event]));
        return keys;
      } catch (error) {
        // Lost a race with the same transactionId under another idempotency key.
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await findByPosId(transaction);
        if (!winner) throw error;
        return replayOrConflict(winner, input);
      }
    },
  };
}
