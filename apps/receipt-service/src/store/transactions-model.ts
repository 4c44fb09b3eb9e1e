import { modelOn } from '@scontrino/db';
import { type OutboxFields, outboxFields } from '@scontrino/queue';
import { type Connection, type Model, Schema } from 'mongoose';
import type { StoredCustomer } from '../domain/customer-protection.js';
import type { StoredPayload } from '../domain/stored-payload.js';

export interface StoredClaim {
  /** sha256 of the code: how a scanned QR finds its receipt. */
  codeHash: string;
  /** The code itself, encrypted, to print it again or show it on the receipt page. */
  codeEncrypted: string;
  expiresAt: Date;
}

export interface StoredReceipt {
  receiptId: string;
  /** sha256 of the hosted-page token: the token itself is never stored in clear. */
  tokenHash: string;
  /** Encrypted, so that e-mails and answers can give the link again later. */
  tokenEncrypted: string;
  /** Only for a sale without an identified customer; its use is a document in `receipt_claims`. */
  claim: StoredClaim | null;
}

/** For a return: the sale it returns, found in the same tenant. */
export interface OriginalRef {
  id: string;
  transactionId: string;
  storeId: string;
}

/** One POS transaction as received, its receipt, and its links to returns. */
export interface TransactionDocument extends OutboxFields {
  _id: string;
  storeId: string;
  tenantId: string;
  terminalId: string;
  transactionId: string;
  type: 'sale' | 'return';
  occurredAt: Date;
  receivedAt: Date;
  /** Hash of the validated payload: a second payload with this transactionId must match it. */
  requestHash: string;
  /**
   * The terminal's `Idempotency-Key` (hashed with its store and terminal, see
   * `idempotencyScopeHash`), unique: a key reused for another transaction meets this one on insert.
   */
  idempotencyKey: string;
  payload: StoredPayload;
  customer: StoredCustomer | null;
  receipt: StoredReceipt;
  /*
   * Look-up keys at the top level, where an equality filter is served by an index on MongoDB and
   * pushed down to an index on the local database (a dotted path is not; docs/development.md).
   */
  /** `receipt.tokenHash`: how `/r/<token>` finds its receipt. */
  tokenHash: string;
  /** `receipt.claim.codeHash` while the claim code lives: how `/c/<code>` finds its receipt. */
  claimCodeHash: string | null;
  /** The hashes of `customer`'s identifiers (card, email, phone…): a member's receipts, erasure. */
  customerHashes: string[];
  /** For a return: the sale it returns. A sale's returns are its links in `return_links`. */
  original: OriginalRef | null;
  /**
   * A sale: false when recorded, true once a return reserved some of it (`return_links`), so a
   * receipt reads its returns only when there are some. Absent on sales stored before it was
   * kept (their returns are read).
   */
  returned?: boolean;
}

/** Encryption contexts: a ciphertext copied to another field does not decrypt there. */
export const TOKEN_CONTEXT = 'receipt.token';
export const CLAIM_CODE_CONTEXT = 'receipt.claim.code';

const transactionSchema = new Schema<TransactionDocument>(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    tenantId: { type: String, required: true },
    terminalId: { type: String, required: true },
    transactionId: { type: String, required: true },
    type: { type: String, required: true, enum: ['sale', 'return'] },
    occurredAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    requestHash: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    customer: { type: Schema.Types.Mixed, default: null },
    receipt: { type: Schema.Types.Mixed, required: true },
    tokenHash: { type: String, required: true },
    claimCodeHash: { type: String, default: null },
    customerHashes: { type: [String], default: [] },
    original: { type: Schema.Types.Mixed, default: null },
    returned: { type: Boolean },
    ...outboxFields,
  },
  { collection: 'transactions', versionKey: false, minimize: false },
);
// transactionId is unique per store (the contract): the `_id` is derived from (tenant, store,
// transactionId), so the unique `_id` is the guard, and a replay meets its first insert there.
// With the store first, so the index is allowed on a collection sharded by store (docs/operations.md).
transactionSchema.index({ storeId: 1, idempotencyKey: 1 }, { unique: true });
// A return finds its sale in any store of the tenant.
transactionSchema.index({ tenantId: 1, transactionId: 1 });
transactionSchema.index({ tokenHash: 1 });
transactionSchema.index({ claimCodeHash: 1 });
transactionSchema.index({ customerHashes: 1 });
// The back office's receipt search: a store's day (the local database pushes down the store alone).
transactionSchema.index({ storeId: 1, occurredAt: -1 });

export function transactionModel(connection: Connection): Model<TransactionDocument> {
  return modelOn(connection, 'Transaction', transactionSchema);
}
