import { insertEach, isDuplicateKeyError, modelOn } from '@scontrino/db';
import { microBatcher } from '@scontrino/queue';
import { type Connection, type Model, mongo, Schema } from 'mongoose';
import type { EmailDelivery } from '../domain/email-delivery.js';

/** Encryption context of the address a delivery goes to. */
export const DELIVERY_EMAIL_CONTEXT = 'receipt.delivery.email';

/** One email of one receipt to one address; `_id` is also the email job's id. */
export interface DeliveryDocument extends EmailDelivery {
  _id: string;
  receiptId: string;
  /**
   * An address always has its look-up hash: it is how opt-outs find it. Null once its owner was
   * erased: the delivery's state and times stay, as the record that an email went out.
   */
  address: { encrypted: string; hash: string } | null;
  updatedAt: Date;
  /** How often its job was added again after it was lost (see `stuckDeliveryAction`); absent: never. */
  requeues?: number;
}

/** A delivery overdue in `queued`, as the sweep that finds lost jobs reads it. */
export type OverdueDelivery = Pick<DeliveryDocument, '_id' | 'receiptId' | 'source' | 'queuedAt'> & {
  requeues: number;
};

const deliverySchema = new Schema<DeliveryDocument>(
  {
    _id: { type: String, required: true },
    receiptId: { type: String, required: true, index: true },
    address: { type: Schema.Types.Mixed, default: null },
    state: { type: String, required: true, enum: ['queued', 'sent', 'failed', 'suppressed'] },
    attempts: { type: Number, required: true },
    lastError: { type: String, default: null },
    source: { type: String, required: true, enum: ['till', 'claim', 'resend'] },
    queuedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    updatedAt: { type: Date, required: true },
    requeues: { type: Number },
  },
  { collection: 'receipt_deliveries', versionKey: false, minimize: false },
);
// The sweep for lost jobs reads the few deliveries still queued, oldest first, not the sent ones.
deliverySchema.index({ state: 1, queuedAt: 1 });

export function deliveryModel(connection: Connection): Model<DeliveryDocument> {
  return modelOn(connection, 'ReceiptDelivery', deliverySchema);
}

/**
 * Delivery state. A document is inserted once, before its job exists, and then written only by
 * the one job that owns it: no two writers ever race on it.
 */
export interface ReceiptDeliveries {
  /** False when a delivery with this id exists already (an event handled twice). */
  insert(
    delivery: Omit<DeliveryDocument, 'updatedAt' | 'address'> & {
      address: NonNullable<DeliveryDocument['address']>;
    },
  ): Promise<boolean>;
  /** `insert` for many, in one `insertMany`: per delivery, whether it is new, or the error that refused it. */
  insertAll(
    deliveries: readonly (Omit<DeliveryDocument, 'updatedAt' | 'address'> & {
      address: NonNullable<DeliveryDocument['address']>;
    })[],
  ): Promise<(boolean | Error)[]>;
  get(id: string): Promise<DeliveryDocument | null>;
  /** The delivery's state after an attempt; the saves of e-mails sent at once share a `bulkWrite`. */
  save(id: string, delivery: EmailDelivery, at: Date): Promise<void>;
  ofReceipt(receiptId: string): Promise<DeliveryDocument[]>;
  /** Deliveries still `queued` that were queued before `queuedBefore`, oldest first, at most `limit`. */
  overdue(queuedBefore: Date, limit: number): Promise<OverdueDelivery[]>;
  /** Counts one more adding of its job, while it is still queued; false when it is not any more. */
  countRequeue(id: string, at: Date): Promise<boolean>;
  /** Ends a delivery whose job kept getting lost as `failed`, with why; false when it is not queued any more. */
  giveUp(id: string, reason: string, at: Date): Promise<boolean>;
}

/**
 * Outcomes saved in one `bulkWrite`: at most this many (FerretDB v1.24 holds a PostgreSQL
 * connection per statement of an update command until it ends; see docs/events.md), gathered for
 * at most `SAVE_WINDOW_MS` from the first.
 */
const SAVES_PER_COMMAND = 4;
const SAVE_WINDOW_MS = 5;

interface Save {
  id: string;
  set: Pick<DeliveryDocument, 'state' | 'attempts' | 'lastError' | 'sentAt' | 'updatedAt'>;
}

export function receiptDeliveries(Deliveries: Model<DeliveryDocument>): ReceiptDeliveries {
  // The e-mails sent at once save their outcomes together; each job hears its own.
  const saves = microBatcher<Save, undefined>({
    maxSize: SAVES_PER_COMMAND,
    maxWaitMs: SAVE_WINDOW_MS,
    run: async (batch) => {
      try {
        await Deliveries.bulkWrite(
          batch.map(({ id, set }) => ({ updateOne: { filter: { _id: id }, update: { $set: set } } })),
          { ordered: false },
        );
        return batch.map(() => undefined);
      } catch (error) {
        if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
        const failed = new Map<number, Error>();
        const writeErrors = ([] as mongo.WriteError[]).concat(error.writeErrors);
        for (const writeError of writeErrors)
          failed.set(
            writeError.index,
            new Error(`delivery not saved: ${writeError.errmsg ?? 'write error'}`),
          );
        return batch.map((_, index) => failed.get(index));
      }
    },
  });
  return {
    async insert(delivery) {
      try {
        await Deliveries.create({ ...delivery, updatedAt: delivery.queuedAt });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async insertAll(deliveries) {
      const documents = deliveries.map((delivery) => {
        const document = new Deliveries({ ...delivery, updatedAt: delivery.queuedAt });
        const invalid = document.validateSync();
        if (invalid) throw invalid;
        return document.toObject<DeliveryDocument>();
      });
      const outcomes = await insertEach(Deliveries.collection, documents as never[]);
      return outcomes.map((outcome) => (outcome instanceof Error ? outcome : outcome === 'inserted'));
    },
    get: (id) => Deliveries.findById(id).lean<DeliveryDocument>(),
    async save(id, delivery, at) {
      const { state, attempts, lastError, sentAt } = delivery;
      await saves.add({ id, set: { state, attempts, lastError, sentAt, updatedAt: at } });
    },
    ofReceipt: (receiptId) =>
      Deliveries.find({ receiptId }).sort({ queuedAt: 1, _id: 1 }).lean<DeliveryDocument[]>(),
    async overdue(queuedBefore, limit) {
      const found = await Deliveries.find(
        { state: 'queued', queuedAt: { $lt: queuedBefore } },
        { receiptId: 1, source: 1, queuedAt: 1, requeues: 1 },
      )
        .sort({ queuedAt: 1, _id: 1 })
        .limit(limit)
        .lean<(Omit<OverdueDelivery, 'requeues'> & { requeues?: number })[]>();
      return found.map((delivery) => ({ ...delivery, requeues: delivery.requeues ?? 0 }));
    },
    async countRequeue(id, at) {
      const { modifiedCount } = await Deliveries.updateOne(
        { _id: id, state: 'queued' },
        { $inc: { requeues: 1 }, $set: { updatedAt: at } },
      );
      return modifiedCount > 0;
    },
    async giveUp(id, reason, at) {
      const { modifiedCount } = await Deliveries.updateOne(
        { _id: id, state: 'queued' },
        { $set: { state: 'failed', lastError: reason, updatedAt: at } },
      );
      return modifiedCount > 0;
    },
  };
}
