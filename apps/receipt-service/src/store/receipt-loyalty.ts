import type { SaleCredit } from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import type { LoyaltySummary } from '../domain/receipt-record.js';

/**
 * The loyalty block of one receipt, as the loyalty service answered when the sale was credited.
 * Its own document (`_id` = receipt id, inserted once), not a field of the transaction: the
 * transaction document is not updated after its insert (see docs/events.md, a trap of the local
 * database), and the block is a snapshot of that moment, not a live balance.
 */
interface ReceiptLoyaltyDocument extends LoyaltySummary {
  _id: string;
  memberId: string;
  pending: number;
  creditedAt: Date;
}

const receiptLoyaltySchema = new Schema<ReceiptLoyaltyDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    pointsEarned: { type: Number, required: true },
    balance: { type: Number, required: true },
    pending: { type: Number, required: true },
    tier: { type: String, default: null },
    creditedAt: { type: Date, required: true },
  },
  { collection: 'receipt_loyalty', versionKey: false, minimize: false },
);

export function receiptLoyaltyModel(connection: Connection): Model<ReceiptLoyaltyDocument> {
  return (
    (connection.models.ReceiptLoyalty as Model<ReceiptLoyaltyDocument> | undefined) ??
    connection.model('ReceiptLoyalty', receiptLoyaltySchema)
  );
}

export interface ReceiptLoyalty {
  /** Keeps the first block recorded for a receipt; a replayed event changes nothing. */
  record(receiptId: string, credit: NonNullable<SaleCredit>, at: Date): Promise<void>;
  get(receiptId: string): Promise<LoyaltySummary | null>;
}

export function receiptLoyalty(Blocks: Model<ReceiptLoyaltyDocument>): ReceiptLoyalty {
  return {
    async record(receiptId, credit, at) {
      try {
        await Blocks.create({
          _id: receiptId,
          memberId: credit.memberId,
          pointsEarned: credit.pointsEarned,
          balance: credit.balance,
          pending: credit.pending,
          tier: credit.tier,
          creditedAt: at,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async get(receiptId) {
      const found = await Blocks.findById(receiptId).lean<ReceiptLoyaltyDocument>();
      return found ? { pointsEarned: found.pointsEarned, balance: found.balance, tier: found.tier } : null;
    },
  };
}
