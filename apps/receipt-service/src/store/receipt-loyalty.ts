import type { SaleCreditedPayload } from '@scontrino/contracts';
import { insertEach, isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import { claimWithdrawn } from '../domain/claim-offer.js';
import type { LoyaltySummary } from '../domain/receipt-record.js';

type LoyaltyOutcome = SaleCreditedPayload['outcome'];

/**
 * What the loyalty service made of one receipt's sale (`sale.credited`): credited, with the
 * block the receipt prints, or not (no member holds the card, no program yet). Its own document
 * (`_id` = receipt id, inserted once), not a field of the transaction: the transaction document is
 * not updated after its insert (see docs/events.md, a trap of the local database), and the block
 * is a snapshot of that moment, not a live balance.
 */
interface ReceiptLoyaltyDocument {
  _id: string;
  outcome: LoyaltyOutcome;
  memberId: string | null;
  pointsEarned: number | null;
  balance: number | null;
  pending: number | null;
  /** When the sale's points become spendable; null when not told (older events). */
  availableFrom: Date | null;
  tier: string | null;
  /** Loyalty told the card's member has an e-mail: the receipt's claim code is withdrawn. */
  memberHasEmail?: boolean;
  creditedAt: Date;
}

const receiptLoyaltySchema = new Schema<ReceiptLoyaltyDocument>(
  {
    _id: { type: String, required: true },
    outcome: { type: String, required: true, enum: ['credited', 'not_a_member', 'no_program'] },
    memberId: { type: String, default: null },
    pointsEarned: { type: Number, default: null },
    balance: { type: Number, default: null },
    pending: { type: Number, default: null },
    availableFrom: { type: Date, default: null },
    tier: { type: String, default: null },
    memberHasEmail: { type: Boolean, default: false },
    creditedAt: { type: Date, required: true },
  },
  { collection: 'receipt_loyalty', versionKey: false, minimize: false },
);

export function receiptLoyaltyModel(connection: Connection): Model<ReceiptLoyaltyDocument> {
  return modelOn(connection, 'ReceiptLoyalty', receiptLoyaltySchema);
}

export interface ReceiptLoyalty {
  /** Keeps the first outcome told for a receipt; a replayed event changes nothing. */
  record(told: SaleCreditedPayload, at: Date): Promise<void>;
  /** `record` for many, in one `insertMany`: per outcome, nothing or the error that refused it. */
  recordAll(told: readonly SaleCreditedPayload[], at: Date): Promise<(Error | undefined)[]>;
  /** The receipt's loyalty block: null until loyalty credited its sale, and for good if it did not. */
  get(receiptId: string): Promise<LoyaltySummary | null>;
  /** Whether loyalty told that the sale's card belongs to a member with an e-mail (false until told). */
  memberHasEmail(receiptId: string): Promise<boolean>;
}

function documentOf(told: SaleCreditedPayload, at: Date): ReceiptLoyaltyDocument {
  const credit = told.outcome === 'credited' ? told.credit : null;
  return {
    _id: told.receiptId,
    outcome: told.outcome,
    memberId: credit?.memberId ?? null,
    pointsEarned: credit?.pointsEarned ?? null,
    balance: credit?.balance ?? null,
    pending: credit?.pending ?? null,
    availableFrom: credit?.availableFrom ? new Date(credit.availableFrom) : null,
    tier: credit?.tier ?? null,
    memberHasEmail: told.outcome === 'credited' && told.memberHasEmail === true,
    creditedAt: at,
  };
}

/** The block a receipt prints for what loyalty told: what `get` gives once it is stored. */
export function loyaltyBlockOf(told: SaleCreditedPayload): LoyaltySummary | null {
  return blockOf(documentOf(told, new Date(0)));
}

/** Only a credited sale has points (blocks stored before outcomes were told have them too). */
function blockOf(found: ReceiptLoyaltyDocument | null): LoyaltySummary | null {
  if (!found || found.pointsEarned === null || found.balance === null) return null;
  return {
    pointsEarned: found.pointsEarned,
    balance: found.balance,
    pending: found.pending ?? null,
    availableFrom: found.availableFrom ? found.availableFrom.toISOString() : null,
    tier: found.tier,
  };
}

export function receiptLoyalty(Blocks: Model<ReceiptLoyaltyDocument>): ReceiptLoyalty {
  return {
    async record(told, at) {
      try {
        await Blocks.create(documentOf(told, at));
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async recordAll(told, at) {
      const documents = told.map((each) =>
        new Blocks(documentOf(each, at)).toObject<ReceiptLoyaltyDocument>(),
      );
      const outcomes = await insertEach(Blocks.collection, documents as never[]);
      // A block there already is the first outcome, kept.
      return outcomes.map((outcome) => (outcome instanceof Error ? outcome : undefined));
    },
    get: async (receiptId) => blockOf(await Blocks.findById(receiptId).lean<ReceiptLoyaltyDocument>()),
    async memberHasEmail(receiptId) {
      const found = await Blocks.findById(receiptId, { memberHasEmail: 1 }).lean<ReceiptLoyaltyDocument>();
      return claimWithdrawn(found ? { memberHasEmail: found.memberHasEmail === true } : null);
    },
  };
}
