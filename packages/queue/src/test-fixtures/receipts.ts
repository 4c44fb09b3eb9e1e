import { modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import { type OutboxFields, outboxFields } from '../outbox.js';

export interface Receipt extends OutboxFields {
  transactionId: string;
  totalMinor: number;
  claimedBy?: string;
}

/** A model that records events in its outbox, shared by the tests and the crash fixture. */
export function receiptModel(connection: Connection): Model<Receipt> {
  const schema = new Schema<Receipt>({
    transactionId: { type: String, required: true, unique: true },
    totalMinor: { type: Number, required: true },
    claimedBy: String,
    ...outboxFields,
  });
  return modelOn<Receipt>(connection, 'Receipt', schema);
}
