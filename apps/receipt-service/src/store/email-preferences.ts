import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import type { ConsentChange } from '../domain/consent.js';

/** One document per email address, keyed by its look-up hash: the address itself is not here. */
interface EmailPreferencesDocument {
  _id: string;
  history: ConsentChange[];
}

const consentChangeSchema = new Schema<ConsentChange>(
  {
    purpose: { type: String, required: true, enum: ['receipt_email', 'marketing_email'] },
    granted: { type: Boolean, required: true },
    source: { type: String, required: true, enum: ['till', 'claim', 'unsubscribe', 'staff'] },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const emailPreferencesSchema = new Schema<EmailPreferencesDocument>(
  { _id: { type: String, required: true }, history: { type: [consentChangeSchema], default: [] } },
  { collection: 'email_preferences', versionKey: false },
);

function model(connection: Connection): Model<EmailPreferencesDocument> {
  return modelOn(connection, 'EmailPreferences', emailPreferencesSchema);
}

export interface EmailPreferencesStore {
  history(emailHash: string): Promise<ConsentChange[]>;
  /** Appends to the history; the first change for an address creates its document. */
  record(emailHash: string, change: ConsentChange): Promise<void>;
  /** Deletes the histories of these addresses (an erasure); returns how many there were. */
  forget(emailHashes: readonly string[]): Promise<number>;
}

export function emailPreferencesStore(connection: Connection): EmailPreferencesStore {
  const preferences = model(connection);
  return {
    async history(emailHash) {
      const found = await preferences.findById(emailHash, { history: 1 }).lean();
      return found?.history ?? [];
    },
    async record(emailHash, change) {
      const { matchedCount } = await preferences.updateOne(
        { _id: emailHash },
        { $push: { history: change } },
      );
      if (matchedCount === 1) return;
      // Created with an insert, not an upsert (docs/development.md#what-ferretdb-v1-lacks): a concurrent first change loses the
      // insert race with a duplicate key, and then its update finds the document.
      try {
        await preferences.create({ _id: emailHash, history: [change] });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await preferences.updateOne({ _id: emailHash }, { $push: { history: change } });
      }
    },
    async forget(emailHashes) {
      if (emailHashes.length === 0) return 0;
      return (await preferences.deleteMany({ _id: { $in: emailHashes } })).deletedCount;
    },
  };
}
