import type { Model } from 'mongoose';
import { after, decodeCursor, encodeCursor, newestFirst } from '../domain/receipt-page-cursor.js';
import type { StoredPayload } from '../domain/stored-payload.js';
import { findByEachKey } from './each-key.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { ClaimDocument } from './receipt-claims.js';
import type { StoreProfiles } from './store-profiles.js';
import { TOKEN_CONTEXT, type TransactionDocument } from './transactions-model.js';
import { InvalidCursorError } from '../domain/invalid-cursor.js';

/** One line of a customer's receipt list in the loyalty app. */
export interface CustomerReceiptSummary {
  receiptId: string;
  /** The POS's own id, as printed on the slip. */
  transactionId: string;
  type: 'sale' | 'return';
  storeId: string;
  /** The store's name from its profile (what a member recognises); its id when the profile is gone. */
  storeName: string;
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
  /** Only this brand's receipts (the back office); absent: every brand's (the member's own app). */
  tenantId?: string | undefined;
}

export interface CustomerReceipts {
  /** Newest first; `nextCursor` is null on the last page. Throws on a cursor it did not issue. */
  list(
    query: CustomerReceiptQuery,
  ): Promise<{ receipts: CustomerReceiptSummary[]; nextCursor: string | null }>;
}

export { InvalidCursorError };

type Listed = Pick<
  TransactionDocument,
  '_id' | 'tenantId' | 'transactionId' | 'type' | 'storeId' | 'occurredAt' | 'receipt'
> & { payload: Pick<StoredPayload, 'currency' | 'totals'> };

/** What a line of the list needs, and nothing personal. */
const listedFields = {
  tenantId: 1,
  transactionId: 1,
  type: 1,
  storeId: 1,
  occurredAt: 1,
  'payload.currency': 1,
  'payload.totals': 1,
  receipt: 1,
} as const;

/**
 * A member's receipts: sales identified at the till by card or email, and receipts claimed with
 * one of their emails. Every match is read with the few fields a line shows, one indexed equality
 * look-up per identifier (findByEachKey), then merged, ordered and paged here. Claims live in their
 * own collection (a claim never updates the sale on the local database), hence the merge in code
 * rather than in a query.
 */
export function customerReceipts(
  Transactions: Model<TransactionDocument>,
  Claims: Model<ClaimDocument>,
  stores: Pick<StoreProfiles, 'get'>,
  crypto: ReceiptCrypto,
  publicUrl: string,
): CustomerReceipts {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    async list({ identifiers, cursor, limit, tenantId }) {
      const emailHashes = identifiers.filter(({ type }) => type === 'email').map(({ hash }) => hash);
      const start = cursor === null ? null : decodeCursor(cursor);
      if (cursor !== null && start === null) throw new InvalidCursorError('not a cursor of this service');

      const [direct, claims] = await Promise.all([
        findByEachKey(
          identifiers.map(({ hash }) => hash),
          (hash) => Transactions.find({ customerHashes: hash }, listedFields).lean<Listed[]>(),
        ),
        findByEachKey(emailHashes, (hash) =>
          Claims.find({ emailHash: hash }, { 'transaction.id': 1 }).lean<
            Pick<ClaimDocument, '_id' | 'transaction'>[]
          >(),
        ),
      ]);
      const claimedIds = new Set(claims.map((claim) => claim.transaction.id));
      const directIds = new Set(direct.map((found) => found._id));
      const viaClaims = await findByEachKey(
        [...claimedIds].filter((id) => !directIds.has(id)),
        async (id) => {
          const found = await Transactions.findById(id, listedFields).lean<Listed>();
          return found ? [found] : [];
        },
      );

      const byId = new Map(
        [...direct, ...viaClaims]
          .filter((document) => tenantId === undefined || document.tenantId === tenantId)
          .map((document) => [document._id, document]),
      );
      const ordered = [...byId.values()]
        .map((d) => ({ id: d._id, occurredAt: d.occurredAt }))
        .sort(newestFirst);
      const remaining = after(ordered, start);
      const page = remaining.slice(0, limit);

      const documents = page.flatMap((entry) => byId.get(entry.id) ?? []);
      // One read per store on the page, from the profiles' cache.
      const storeIds = [...new Set(documents.map((document) => document.storeId))];
      const names = new Map(
        await Promise.all(
          storeIds.map(async (storeId) => [storeId, (await stores.get(storeId))?.name ?? storeId] as const),
        ),
      );
      const receipts = documents.map((document) => {
        const token = crypto.cipher.decrypt(document.receipt.tokenEncrypted, TOKEN_CONTEXT);
        return {
          receiptId: document.receipt.receiptId,
          transactionId: document.transactionId,
          type: document.type,
          storeId: document.storeId,
          storeName: names.get(document.storeId) ?? document.storeId,
          occurredAt: document.occurredAt.toISOString(),
          currency: document.payload.currency,
          total: document.payload.totals.total,
          receiptUrl: `${base}/r/${token}`,
          claimed: claimedIds.has(document._id),
        };
      });
      const last = page.at(-1);
      return { receipts, nextCursor: remaining.length > limit && last ? encodeCursor(last) : null };
    },
  };
}
