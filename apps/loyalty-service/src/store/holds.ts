import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Where a hold's member is found by the hold id the till sends back on capture or void. The hold
 * itself (points, expiry, state) is in the member's ledger; this is only its address.
 */
export interface HoldRecord {
  holdId: string;
  memberId: string;
  tenantId: string;
  /** The store whose till held the points (its terminal key's store); null when a service held them. */
  storeId?: string | null;
  points: number;
  basketTotal: number;
  expiresAt: Date;
  createdAt: Date;
}

type HoldDocument = Omit<HoldRecord, 'holdId'> & { _id: string };

const holdSchema = new Schema<HoldDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    tenantId: { type: String, required: true },
    storeId: { type: String, default: null },
    points: { type: Number, required: true },
    basketTotal: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'holds', versionKey: false },
);

function holdModel(connection: Connection): Model<HoldDocument> {
  return modelOn<HoldDocument>(connection, 'Hold', holdSchema);
}

export interface HoldStore {
  record(hold: HoldRecord): Promise<void>;
  get(holdId: string): Promise<HoldRecord | null>;
}

export function holdStore(connection: Connection): HoldStore {
  const Holds = holdModel(connection);
  return {
    async record({ holdId, ...rest }) {
      try {
        await Holds.create({ _id: holdId, ...rest });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async get(holdId) {
      const found = await Holds.findById(holdId).lean();
      if (!found) return null;
      const { _id, ...rest } = found;
      return { holdId: _id, ...rest };
    },
  };
}
