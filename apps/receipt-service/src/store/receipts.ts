import type { Model } from 'mongoose';
import { verifyClaimCode } from '../domain/claim-code.js';
import { sha256Hex } from '../domain/digest.js';
import type { ReceiptRecord } from '../domain/receipt-record.js';
import { fromStoredPayload } from '../domain/stored-payload.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { ReturnLinks } from './return-reservations.js';
import type { StoreProfiles } from './store-profiles.js';
import { CLAIM_CODE_CONTEXT, TOKEN_CONTEXT, type TransactionDocument } from './transactions-model.js';

/** What the receipt pages read: one receipt, found by the secret in its URL. */
export interface ReceiptQueries {
  /** The receipt of `/r/<token>`; null for an unknown token. */
  findReceiptByToken(token: string): Promise<ReceiptRecord | null>;
  /** The receipt of `/c/<code>`; null when the code is forged, expired, unknown or already used. */
  findReceiptByClaimCode(code: string): Promise<ReceiptRecord | null>;
}

type ReceiptView = Pick<TransactionDocument, '_id' | 'storeId' | 'type' | 'payload' | 'receipt' | 'original'>;

// Never the customer: a receipt shows no personal data, so none is read, let alone decrypted.
const projection = { storeId: 1, type: 1, payload: 1, receipt: 1, original: 1 } as const;

export function receiptQueries(
  Transactions: Model<TransactionDocument>,
  links: Pick<ReturnLinks, 'ofSale'>,
  stores: StoreProfiles,
  crypto: ReceiptCrypto,
  options: { publicUrl: string; clock: () => Date },
): ReceiptQueries {
  const base = options.publicUrl.replace(/\/+$/, '');

  async function toRecord(found: ReceiptView, token: string): Promise<ReceiptRecord | null> {
    const store = await stores.get(found.storeId);
    if (!store) return null;
    const { claim } = found.receipt;
    const claimOpen = claim !== null && claim.usedAt === null && claim.expiresAt > options.clock();
    const related: ReceiptRecord['related'] =
      found.type === 'return' && found.original
        ? [{ kind: 'returns', transactionId: found.original.transactionId }]
        : (await links.ofSale(found._id)).map((link) => ({
            kind: 'returned-by',
            transactionId: link.transactionId,
          }));
    return {
      receiptId: found.receipt.receiptId,
      transaction: fromStoredPayload(found.payload),
      store,
      receiptUrl: `${base}/r/${token}`,
      claimUrl: claimOpen
        ? `${base}/c/${crypto.cipher.decrypt(claim.codeEncrypted, CLAIM_CODE_CONTEXT)}`
        : null,
      related,
      loyalty: null,
    };
  }

  return {
    async findReceiptByToken(token) {
      const found = await Transactions.findOne(
        { 'receipt.tokenHash': sha256Hex(token) },
        projection,
      ).lean<ReceiptView>();
      return found ? toRecord(found, token) : null;
    },
    async findReceiptByClaimCode(code) {
      // A forged or expired code costs no query.
      if (!verifyClaimCode(crypto.claimKey, code, options.clock()).ok) return null;
      const found = await Transactions.findOne(
        { 'receipt.claim.codeHash': sha256Hex(code) },
        projection,
      ).lean<ReceiptView>();
      if (!found || found.receipt.claim?.usedAt !== null) return null;
      return toRecord(found, crypto.cipher.decrypt(found.receipt.tokenEncrypted, TOKEN_CONTEXT));
    },
  };
}
