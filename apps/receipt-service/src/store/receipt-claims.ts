import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type OutboxFields, outboxFields, withOutbox } from '@scontrino/queue';
import { type Connection, type Model, Schema } from 'mongoose';
import type { ReceiptClaimedPayload } from '@scontrino/contracts';
import { receiptClaimedEvent } from '../domain/receipt-claimed.js';

/** Encryption context of the address a receipt was claimed with. */
export const CLAIM_EMAIL_CONTEXT = 'receipt.claim.email';

/** The address a receipt was claimed with: encrypted to send to, hashed to be found by. */
export interface ClaimEmail {
  encrypted: string;
  hash: string;
}

/**
 * The claim of an anonymous sale's receipt. `_id` is the claim code's hash: the insert itself is
 * the one-time check (a second claim is a duplicate key). Besides the outbox dispatcher, only an
 * erasure writes to it, and only once its events are out (customer-erasure.ts).
 */
export interface ClaimDocument extends OutboxFields {
  _id: string;
  receiptId: string;
  transaction: { id: string; transactionId: string; storeId: string; tenantId: string };
  /** Null once the person who claimed it was erased: the receipt stays claimed, by nobody. */
  email: ClaimEmail | null;
  /** `email.hash` at the top level, indexed: a member's claimed receipts. Null once erased. */
  emailHash: string | null;
  marketingConsent: boolean;
  claimedAt: Date;
  erasedAt?: Date;
}

const claimSchema = new Schema<ClaimDocument>(
  {
    _id: { type: String, required: true },
    receiptId: { type: String, required: true, unique: true },
    transaction: { type: Schema.Types.Mixed, required: true },
    email: { type: Schema.Types.Mixed, default: null },
    emailHash: { type: String, default: null },
    erasedAt: { type: Date },
    marketingConsent: { type: Boolean, required: true },
    claimedAt: { type: Date, required: true },
    ...outboxFields,
  },
  { collection: 'receipt_claims', versionKey: false, minimize: false },
);
claimSchema.index({ emailHash: 1 });

export function claimModel(connection: Connection): Model<ClaimDocument> {
  return modelOn(connection, 'ReceiptClaim', claimSchema);
}

export type NewClaim = Omit<
  ClaimDocument,
  'outbox' | 'outboxPending' | 'email' | 'emailHash' | 'erasedAt'
> & {
  email: ClaimEmail;
};

export interface ReceiptClaims {
  /**
   * Records the claim and its `receipt.claimed` event in one insert; `already_claimed` if it lost.
   * `sealedEmail`: the normalised address sealed for the event's consumers.
   */
  claim(claim: NewClaim, sealedEmail: string): Promise<'claimed' | 'already_claimed'>;
  isClaimed(codeHash: string): Promise<boolean>;
}

export function receiptClaims(Claims: Model<ClaimDocument>): ReceiptClaims {
  return {
    async claim(claim, sealedEmail) {
      const payload: ReceiptClaimedPayload = {
        receiptId: claim.receiptId,
        ...claim.transaction,
        email: { type: 'email', hash: claim.email.hash, sealed: sealedEmail },
        marketingConsent: claim.marketingConsent,
        claimedAt: claim.claimedAt.toISOString(),
      };
      try {
        await Claims.create(
          withOutbox({ ...claim, emailHash: claim.email.hash }, [receiptClaimedEvent(payload)]),
        );
        return 'claimed';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'already_claimed';
        throw error;
      }
    },
    isClaimed: async (codeHash) => (await Claims.exists({ _id: codeHash })) !== null,
  };
}
