import type { Model } from 'mongoose';
import { type ClaimCodeCheck, verifyClaimCode } from '../domain/claim-code.js';
import { transactionIdOfReceipt } from '../domain/ids.js';
import { sha256Hex } from '../domain/digest.js';
import type { ReceiptRecord } from '../domain/receipt-record.js';
import type { StoreProfile } from '../domain/store-profile.js';
import { fromStoredPayload } from '../domain/stored-payload.js';
import type { ReceiptClaims } from './receipt-claims.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { ReceiptLoyalty } from './receipt-loyalty.js';
import type { ReturnLinks } from './return-reservations.js';
import type { StoreProfiles } from './store-profiles.js';
import { CLAIM_CODE_CONTEXT, TOKEN_CONTEXT, type TransactionDocument } from './transactions-model.js';

/** What the receipt pages read: one receipt, found by the secret in its URL. */
export interface ReceiptQueries {
  /** The receipt of `/r/<token>`; null for an unknown token. */
  findReceiptByToken(token: string): Promise<ReceiptRecord | null>;
  /** The receipt of `/c/<code>`; null when the code is forged, expired, unknown or already used. */
  findReceiptByClaimCode(code: string): Promise<ReceiptRecord | null>;
  /**
   * The receipt with this id, for its emails; null when unknown. `known.loyalty`: its loyalty
   * block as told or just read, not read again; `known.sale`: the sale as its event's consumer
   * read it ({@link carriedSale}), carried in the e-mail's job, not read again.
   */
  findReceiptById(
    receiptId: string,
    known?: { loyalty?: ReceiptRecord['loyalty']; sale?: Record<string, unknown> },
  ): Promise<ReceiptRecord | null>;
  /** What a claim of `/c/<code>` needs: the receipt and its transaction, or why there is none. */
  findClaimTarget(code: string): Promise<ClaimTarget>;
}

export type ClaimTarget =
  | {
      status: 'open';
      codeHash: string;
      record: ReceiptRecord;
      transaction: { id: string; transactionId: string; storeId: string; tenantId: string };
    }
  | {
      status: 'claimed';
      /** The store of the claimed receipt (its header on the answer), null when its profile is gone. */
      store: StoreProfile | null;
      /** The language the receipt was written in (its claim form's). */
      locale: string;
    }
  | { status: 'unknown' }
  | { status: 'expired' }
  /** Loyalty told the sale's card belongs to a member with an e-mail. */
  | { status: 'address_known' };

/** What a receipt shows of its transaction. */
export type ReceiptView = Pick<
  TransactionDocument,
  '_id' | 'storeId' | 'tenantId' | 'transactionId' | 'type' | 'payload' | 'receipt' | 'original' | 'returned'
>;

// Never the customer: a receipt shows no personal data, so none is read, let alone decrypted.
export const receiptViewProjection = {
  storeId: 1,
  tenantId: 1,
  transactionId: 1,
  type: 1,
  payload: 1,
  receipt: 1,
  original: 1,
  returned: 1,
} as const;
const projection = receiptViewProjection;

/**
 * A transaction as a receipt shows it, ready to travel as JSON in an e-mail's job: the fields of
 * {@link receiptViewProjection}, never the customer.
 */
export function carriedSale(transaction: ReceiptView): Record<string, unknown> {
  const { _id, storeId, tenantId, transactionId, type, payload, receipt, original, returned } = transaction;
  return JSON.parse(
    JSON.stringify({ _id, storeId, tenantId, transactionId, type, payload, receipt, original, returned }),
  ) as Record<string, unknown>;
}

/** {@link carriedSale} back from JSON: its one date, the claim code's expiry, is a date again. */
function fromCarried(carried: Record<string, unknown>): ReceiptView {
  const view = carried as unknown as ReceiptView;
  // In JSON the expiry is a string, whatever the type says.
  const { claim } = view.receipt;
  return claim
    ? { ...view, receipt: { ...view.receipt, claim: { ...claim, expiresAt: new Date(claim.expiresAt) } } }
    : view;
}

export function receiptQueries(
  Transactions: Model<TransactionDocument>,
  links: Pick<ReturnLinks, 'ofSale'>,
  stores: StoreProfiles,
  claims: Pick<ReceiptClaims, 'isClaimed'>,
  loyalty: Pick<ReceiptLoyalty, 'get' | 'memberHasEmail'>,
  crypto: ReceiptCrypto,
  options: { publicUrl: string; clock: () => Date },
): ReceiptQueries {
  const base = options.publicUrl.replace(/\/+$/, '');

  async function toRecord(
    found: ReceiptView,
    token: string,
    known?: { loyalty?: ReceiptRecord['loyalty'] },
  ): Promise<ReceiptRecord | null> {
    const store = await stores.get(found.storeId);
    if (!store) return null;
    const { claim } = found.receipt;
    // A claim is an insert into receipt_claims, never an update of the transaction (see there).
    const claimOpen =
      claim !== null &&
      claim.expiresAt > options.clock() &&
      !(await claims.isClaimed(claim.codeHash)) &&
      !(await loyalty.memberHasEmail(found.receipt.receiptId));
    const related: ReceiptRecord['related'] =
      found.type === 'return' && found.original
        ? [{ kind: 'returns', transactionId: found.original.transactionId }]
        : // A sale never returned says so: its returns are not looked for.
          found.returned === false
          ? []
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
      loyalty: known?.loyalty !== undefined ? known.loyalty : await loyalty.get(found.receipt.receiptId),
    };
  }

  async function findClaimTarget(code: string): Promise<ClaimTarget> {
    // A forged or expired code costs no query.
    const check: ClaimCodeCheck = verifyClaimCode(crypto.claimKey, code, options.clock());
    if (!check.ok) return { status: check.reason === 'expired' ? 'expired' : 'unknown' };
    const codeHash = sha256Hex(code);
    const found = await Transactions.findOne({ claimCodeHash: codeHash }, projection).lean<ReceiptView>();
    if (!found) return { status: 'unknown' };
    if (await claims.isClaimed(codeHash))
      return { status: 'claimed', store: await stores.get(found.storeId), locale: found.payload.locale };
    if (await loyalty.memberHasEmail(found.receipt.receiptId)) return { status: 'address_known' };
    const record = await toRecord(found, crypto.cipher.decrypt(found.receipt.tokenEncrypted, TOKEN_CONTEXT));
    if (!record) return { status: 'unknown' };
    const { _id: id, transactionId, storeId, tenantId } = found;
    return { status: 'open', codeHash, record, transaction: { id, transactionId, storeId, tenantId } };
  }

  return {
    async findReceiptByToken(token) {
      const found = await Transactions.findOne(
        { tokenHash: sha256Hex(token) },
        projection,
      ).lean<ReceiptView>();
      return found ? toRecord(found, token) : null;
    },
    async findReceiptByClaimCode(code) {
      const target = await findClaimTarget(code);
      return target.status === 'open' ? target.record : null;
    },
    async findReceiptById(receiptId, known) {
      // By `_id` (ids.ts): the local database serves no other look-up without reading the collection.
      const id = transactionIdOfReceipt(receiptId);
      const found = known?.sale
        ? fromCarried(known.sale)
        : id
          ? await Transactions.findById(id, projection).lean<ReceiptView>()
          : null;
      return found && found.receipt.receiptId === receiptId
        ? toRecord(found, crypto.cipher.decrypt(found.receipt.tokenEncrypted, TOKEN_CONTEXT), known)
        : null;
    },
    findClaimTarget,
  };
}
