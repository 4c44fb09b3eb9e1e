import type { Model } from 'mongoose';
import { after, decodeCursor, encodeCursor, newestFirst } from '../domain/receipt-page-cursor.js';
import type { StoredPayload } from '../domain/stored-payload.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { ClaimDocument } from './receipt-claims.js';
import { TOKEN_CONTEXT, type TransactionDocument } from './transactions-model.js';

/** One line of a customer's receipt list in the loyalty app. */
export interface CustomerReceiptSummary {
  receiptId: string;
  /** The POS's own id, as printed on the slip. */
  transactionId: string;
  type: 'sale' | 'return';
  storeId: string;
  occurredAt: string;
  currency: string;
  /** Minor units. */
  total: number;
  receiptUrl: string;
  /** Reached through a claim with this email rather than identified at the till. */
  claimed: boolean;
}

export interface CustomerReceiptQuery {
  /** Look-up hashes of the member's cards and e-mail addresses (as every service computes them). */
  identifiers: readonly { type: 'card' | 'email'; hash: string }[];
  cursor: string | null;
  limit: number;
}

export interface CustomerReceipts {
  /** Newest first; `nextCursor` is null on the last page. Throws on a cursor it did not issue. */
  list(
    query: CustomerReceiptQuery,
  ): Promise<{ receipts: CustomerReceiptSummary[]; nextCursor: string | null }>;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

type Listed = Pick<TransactionDocument, '_id' | 'occurredAt'>;

/**
 * A member's receipts: sales identified at the till by card or email, and receipts claimed with
 * one of their emails. Ids and times of every match are read (indexed, small per customer), merged
 * and ordered here, then only the page is loaded. Claims live in their own collection (a claim
 * never updates the sale on the local database), hence the merge in code rather than in a query.
 */
export function customerReceipts(
  Transactions: Model<TransactionDocument>,
  Claims: Model<ClaimDocument>,
  crypto: ReceiptCrypto,
  publicUrl: string,
): CustomerReceipts {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    async list({ identifiers, cursor, limit }) {
      const hashes = (type: 'card' | 'email') =>
        identifiers.filter((identifier) => identifier.type === type).map(({ hash }) => hash);
      const cardHashes = hashes('card');
      const emailHashes = hashes('email');
      const start = cursor === null ? null : decodeCursor(cursor);
      if (cursor !== null && start === null) throw new InvalidCursorError('not a cursor of this service');

      const identified: Record<string, unknown>[] = [
        ...(cardHashes.length ? [{ 'customer.loyaltyCardNumber.hash': { $in: cardHashes } }] : []),
        ...(emailHashes.length ? [{ 'customer.email.hash': { $in: emailHashes } }] : []),
      ];
      const [direct, claims] = await Promise.all([
        identified.length
          ? Transactions.find({ $or: identified }, { occurredAt: 1 }).lean<Listed[]>()
          : Promise.resolve([]),
        emailHashes.length
          ? Claims.find({ 'email.hash': { $in: emailHashes } }, { 'transaction.id': 1 }).lean<
              Pick<ClaimDocument, 'transaction'>[]
            >()
          : Promise.resolve([]),
      ]);
      const claimedIds = new Set(claims.map((claim) => claim.transaction.id));
      const claimedOnly = [...claimedIds].filter((id) => !direct.some((found) => found._id === id));
      const viaClaims = claimedOnly.length
        ? await Transactions.find({ _id: { $in: claimedOnly } }, { occurredAt: 1 }).lean<Listed[]>()
        : [];

      const ordered = [...direct, ...viaClaims]
        .map((d) => ({ id: d._id, occurredAt: d.occurredAt }))
        .sort(newestFirst);
      const remaining = after(ordered, start);
      const page = remaining.slice(0, limit);
      const documents = await Transactions.find(
        { _id: { $in: page.map((entry) => entry.id) } },
        {
          transactionId: 1,
          type: 1,
          storeId: 1,
          occurredAt: 1,
          'payload.currency': 1,
          'payload.totals': 1,
          receipt: 1,
        },
      ).lean<
        (Pick<
          TransactionDocument,
          '_id' | 'transactionId' | 'type' | 'storeId' | 'occurredAt' | 'receipt'
        > & {
          payload: Pick<StoredPayload, 'currency' | 'totals'>;
        })[]
      >();
      const byId = new Map(documents.map((document) => [document._id, document]));

      const receipts = page.flatMap((entry) => {
        const document = byId.get(entry.id);
        if (!document) return [];
        const token = crypto.cipher.decrypt(document.receipt.tokenEncrypted, TOKEN_CONTEXT);
        return [
          {
            receiptId: document.receipt.receiptId,
            transactionId: document.transactionId,
            type: document.type,
            storeId: document.storeId,
            occurredAt: document.occurredAt.toISOString(),
            currency: document.payload.currency,
            total: document.payload.totals.total,
            receiptUrl: `${base}/r/${token}`,
            claimed: claimedIds.has(document._id),
          },
        ];
      });
      const last = page.at(-1);
      return { receipts, nextCursor: remaining.length > limit && last ? encodeCursor(last) : null };
    },
  };
}
