import { modelOn } from './model-on.js';
import { type Connection, type Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './errors.js';

/**
 * What one service did for one erasure (`customer.erased`): counts per collection, summed over its
 * attempts, no personal data. The reconciliation service's erasure report reads each service's.
 */
export interface ErasureOutcome {
  erasureId: string;
  tenantId: string;
  profileId: string;
  counts: Record<string, number>;
  /** Set once an attempt left nothing waiting (an attempt may leave documents for a retry). */
  completedAt: Date | null;
}

type ErasureOutcomeDocument = Omit<ErasureOutcome, 'erasureId'> & { _id: string };

const erasureOutcomeSchema = new Schema<ErasureOutcomeDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    counts: { type: Schema.Types.Mixed, required: true },
    completedAt: { type: Date, default: null },
  },
  { collection: 'erasure_outcomes', versionKey: false, minimize: false },
);

function model(connection: Connection): Model<ErasureOutcomeDocument> {
  return modelOn<ErasureOutcomeDocument>(connection, 'ErasureOutcome', erasureOutcomeSchema);
}

export interface ErasureOutcomes {
  /**
   * Adds one attempt's counts: an erasure retried while some documents waited changes a part each
   * time, and a replayed event, finding nothing left, adds zeros. `complete`: nothing was left.
   */
  add(
    erasure: { erasureId: string; tenantId: string; profileId: string },
    counts: Readonly<Record<string, number>>,
    options: { at: Date; complete: boolean },
  ): Promise<void>;
  get(tenantId: string, erasureId: string): Promise<ErasureOutcome | null>;
}

/** The `erasure_outcomes` collection of a service's database. */
export function erasureOutcomes(connection: Connection): ErasureOutcomes {
  const Outcomes = model(connection);
  return {
    async add({ erasureId, tenantId, profileId }, counts, { at, complete }) {
      const completedAt = complete ? at : null;
      // Created with an insert, not an upsert (docs/development.md#what-ferretdb-v1-lacks);
      // an inbox has one worker, the only writer.
      try {
        await Outcomes.create({ _id: erasureId, tenantId, profileId, counts: { ...counts }, completedAt });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const increments = Object.fromEntries(
        Object.entries(counts).map(([collection, count]) => [`counts.${collection}`, count]),
      );
      await Outcomes.updateOne({ _id: erasureId }, { $inc: increments });
      if (completedAt)
        await Outcomes.updateOne({ _id: erasureId, completedAt: null }, { $set: { completedAt } });
    },
    async get(tenantId, erasureId) {
      const found = await Outcomes.findById(erasureId).lean<ErasureOutcomeDocument>();
      if (!found || found.tenantId !== tenantId) return null;
      const { _id, ...rest } = found;
      return { erasureId: _id, ...rest };
    },
  };
}
