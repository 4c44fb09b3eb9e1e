import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * A receipt claimed with an address that was no member's yet. Kept so that joining within the
 * program's retro window still earns that sale's points. `_id`: the receipt id (a receipt is
 * claimed once). No address in clear: only its look-up hash.
 */
export interface EarlyClaim {
  receiptId: string;
  tenantId: string;
  emailHash: string;
  /** The sale's id in the sales archive. */
  saleId: string;
  claimedAt: Date;
}

interface EarlyClaimDocument extends Omit<EarlyClaim, 'receiptId'> {
  _id: string;
}

const earlyClaimSchema = new Schema<EarlyClaimDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    emailHash: { type: String, required: true },
    saleId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'early_claims', versionKey: false },
);
earlyClaimSchema.index({ tenantId: 1, emailHash: 1 });

function model(connection: Connection): Model<EarlyClaimDocument> {
  return modelOn<EarlyClaimDocument>(connection, 'EarlyClaim', earlyClaimSchema);
}

export interface EarlyClaimStore {
  /** Idempotent: the same receipt's claim kept twice is kept once. */
  keep(claim: EarlyClaim): Promise<void>;
  ofAddress(tenantId: string, emailHash: string): Promise<EarlyClaim[]>;
  /** Once credited or too old to be. */
  drop(receiptId: string): Promise<void>;
  /** An erasure: every claim of these addresses; returns how many there were. */
  forget(tenantId: string, emailHashes: readonly string[]): Promise<number>;
  /** Retention: claims made before `before`; resolves with how many went. */
  purgeBefore(before: Date): Promise<number>;
}

export function earlyClaimStore(connection: Connection): EarlyClaimStore {
  const EarlyClaims = model(connection);
  return {
    async keep({ receiptId, ...claim }) {
      try {
        await EarlyClaims.create({ _id: receiptId, ...claim });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async ofAddress(tenantId, emailHash) {
      const found = await EarlyClaims.find({ tenantId, emailHash }).sort({ claimedAt: 1 }).lean();
      return found.map(({ _id, ...claim }) => ({ receiptId: _id, ...claim }));
    },
    async drop(receiptId) {
      await EarlyClaims.deleteOne({ _id: receiptId });
    },
    async forget(tenantId, emailHashes) {
      let deleted = 0;
      for (const emailHash of new Set(emailHashes))
        deleted += (await EarlyClaims.deleteMany({ tenantId, emailHash })).deletedCount;
      return deleted;
    },
    purgeBefore: async (before) =>
      (await EarlyClaims.deleteMany({ claimedAt: { $lt: before } })).deletedCount,
  };
}
