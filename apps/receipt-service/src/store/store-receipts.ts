import type { Model } from 'mongoose';
import { after, decodeCursor, encodeCursor, newestFirst } from '../domain/receipt-page-cursor.js';
import type { StoredPayload } from '../domain/stored-payload.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import { InvalidCursorError } from './customer-receipts.js';
import { TOKEN_CONTEXT, type TransactionDocument } from './transactions-model.js';

/** One line of the back office's receipt search: what the store sees, no customer. */
export interface StoreReceiptSummary {
  receiptId: string;
  transactionId: string;
  type: 'sale' | 'return';
  storeId: string;
  terminalId: string;
  occurredAt: string;
  currency: string;
  /** Minor units. */
  total: number;
  /** The last four digits of each card payment. */
  cardLast4: string[];
  receiptUrl: string;
  /** Identified at the till (a card, an e-mail…), so no claim code was printed. */
  identified: boolean;
}

export type StoreReceiptQuery = {
  tenantId: string;
  storeId: string;
  cursor: string | null;
  limit: number;
  total?: number | undefined;
  last4?: string | undefined;
} & ({ between: { start: Date; end: Date } } | { transactionId: string });

export interface StoreReceipts {
  /** Newest first; `nextCursor` is null on the last page. Throws InvalidCursorError on a foreign cursor. */
  search(query: StoreReceiptQuery): Promise<{ receipts: StoreReceiptSummary[]; nextCursor: string | null }>;
}

type Found = Pick<
  TransactionDocument,
  '_id' | 'transactionId' | 'type' | 'storeId' | 'terminalId' | 'occurredAt' | 'receipt' | 'customerHashes'
> & { payload: Pick<StoredPayload, 'currency' | 'totals' | 'payments'> };

const foundFields = {
  transactionId: 1,
  type: 1,
  storeId: 1,
  terminalId: 1,
  occurredAt: 1,
  customerHashes: 1,
  'payload.currency': 1,
  'payload.totals': 1,
  'payload.payments': 1,
  receipt: 1,
} as const;

const last4Of = (found: Found): string[] =>
  (found.payload.payments as { last4?: string }[]).flatMap((payment) =>
    payment.last4 ? [payment.last4] : [],
  );

/**
 * A store's receipts of one day (or the one with a slip's id), for the back office. One query:
 * the store by equality (pushed down to an index on the local database; on MongoDB the
 * `{ storeId, occurredAt }` index serves the day too), the day's range, then total and card
 * digits filtered here over that one store-day, ordered and paged with a cursor.
 */
export function storeReceipts(
  Transactions: Model<TransactionDocument>,
  crypto: ReceiptCrypto,
  publicUrl: string,
): StoreReceipts {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    async search(query) {
      const start = query.cursor === null ? null : decodeCursor(query.cursor);
      if (query.cursor !== null && start === null)
        throw new InvalidCursorError('not a cursor of this service');
      const filter =
        'transactionId' in query
          ? { tenantId: query.tenantId, transactionId: query.transactionId }
          : {
              storeId: query.storeId,
              occurredAt: { $gte: query.between.start, $lt: query.between.end },
            };
      const found = await Transactions.find(filter, { ...foundFields, tenantId: 1 }).lean<
        (Found & { tenantId: string })[]
      >();
      const matching = found
        .filter((document) => document.tenantId === query.tenantId && document.storeId === query.storeId)
        .filter((document) => query.total === undefined || document.payload.totals.total === query.total)
        .filter((document) => query.last4 === undefined || last4Of(document).includes(query.last4))
        .map((document) => ({ id: document._id, occurredAt: document.occurredAt, document }))
        .sort(newestFirst);
      const remaining = after(matching, start);
      const page = remaining.slice(0, query.limit);
      const last = page.at(-1);
      return {
        receipts: page.map(({ document }) => ({
          receiptId: document.receipt.receiptId,
          transactionId: document.transactionId,
          type: document.type,
          storeId: document.storeId,
          terminalId: document.terminalId,
          occurredAt: document.occurredAt.toISOString(),
          currency: document.payload.currency,
          total: document.payload.totals.total,
          cardLast4: last4Of(document),
          receiptUrl: `${base}/r/${crypto.cipher.decrypt(document.receipt.tokenEncrypted, TOKEN_CONTEXT)}`,
          identified: document.customerHashes.length > 0,
        })),
        nextCursor: remaining.length > query.limit && last ? encodeCursor(last) : null,
      };
    },
  };
}
