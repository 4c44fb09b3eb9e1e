import { modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';
import type { StoreProfile } from '../domain/store-profile.js';
import { type ReadCache, readCache } from '@scontrino/caller-keys';

type StoreDocument = StoreProfile & { _id: string; updatedAt: Date };

const storeSchema = new Schema<StoreDocument>(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    tenantId: { type: String, required: true, index: true },
    name: String,
    legalName: String,
    address: { type: Schema.Types.Mixed, required: true },
    vatNumber: String,
    timeZone: String,
    defaultLocale: String,
    currency: String,
    branding: { type: Schema.Types.Mixed, required: true },
    privacyNoticeUrl: { type: String, required: false },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'stores', versionKey: false, minimize: false },
);

export function storeModel(connection: Connection): Model<StoreDocument> {
  return modelOn(connection, 'Store', storeSchema);
}

const toProfile = ({ _id: _ignored, updatedAt: _updatedAt, ...profile }: StoreDocument): StoreProfile =>
  profile;

export interface StoreProfiles {
  /** Creates or replaces a store's profile; a store never moves to another tenant (409). */
  upsert(profile: StoreProfile): Promise<StoreProfile>;
  get(storeId: string): Promise<StoreProfile | null>;
}

/**
 * Profiles are read by every sale (the store's country) and every receipt page: they come from
 * `cache`, which an upsert invalidates on every replica.
 */
export function storeProfiles(
  Stores: Model<StoreDocument>,
  clock: () => Date,
  cache: ReadCache<StoreProfile> = readCache({ name: 'store', cacheMisses: true }),
): StoreProfiles {
  return {
    async upsert(profile) {
      const existing = await Stores.findById(profile.storeId, { tenantId: 1 }).lean();
      if (existing && existing.tenantId !== profile.tenantId) {
        // Keys, returns and events carry the tenant of their store: moving it would split its history.
        throw new AppError(
          'store.tenant_change',
          `Store ${profile.storeId} belongs to tenant ${existing.tenantId}`,
          {
            kind: 'conflict',
          },
        );
      }
      await Stores.replaceOne(
        { _id: profile.storeId },
        { ...profile, _id: profile.storeId, updatedAt: clock() },
        { upsert: true },
      );
      await cache.invalidate(profile.storeId);
      return profile;
    },
    get(storeId) {
      return cache.get(storeId, async () => {
        const found = await Stores.findById(storeId).lean<StoreDocument>();
        return found ? toProfile(found) : null;
      });
    },
  };
}
