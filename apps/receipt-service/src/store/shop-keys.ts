import { newCallerKey, readCache, type ReadCache, type ShopKeyRecord } from '@scontrino/caller-keys';
import { modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';

/** A web shop's or app's key as stored: the secret's sha256, never the secret. */
export interface ShopKeyDocument extends ShopKeyRecord {
  createdAt: Date;
  createdBy: string;
}

const shopKeySchema = new Schema<ShopKeyDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true, index: true },
    shopId: { type: String, required: true },
    secretHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'shop_keys', versionKey: false },
);

export function shopKeyModel(connection: Connection): Model<ShopKeyDocument> {
  return modelOn(connection, 'ShopKey', shopKeySchema);
}

/** A shop key as listed: what it is for and whether it works, never its hash. */
export interface ShopKeyListing {
  keyId: string;
  tenantId: string;
  shopId: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
}

export interface ShopKeys {
  /** A new key for one web shop or app of a tenant; the key itself is in the answer only. */
  issue(
    input: { tenantId: string; shopId: string },
    createdBy: string,
  ): Promise<{ keyId: string; key: string }>;
  /** The key stops working at once, here and in the services that cache it; revoking again keeps the first date. */
  revoke(keyId: string): Promise<{ keyId: string; revokedAt: Date }>;
  /** The tenant a key was issued for, revoked or not; null for an unknown key. */
  tenantOf(keyId: string): Promise<string | null>;
  /** A tenant's keys, newest first. */
  list(tenantId: string): Promise<ShopKeyListing[]>;
  /** The stored record of a key (secret hash, never the secret), for the services that verify keys. */
  record(keyId: string): Promise<ShopKeyRecord | null>;
}

const notFound = (keyId: string) =>
  new AppError('shop_key.not_found', `No shop key ${keyId}`, { kind: 'not_found' });

/**
 * Web shops' and apps' keys (`sk_shop_<keyId>_<secret>`), kept by the receipt service as terminal
 * keys are. The services that accept them (reconciliation's online orders) verify them with
 * `verifyShopKey` against `record`, cached a few seconds; a revocation is announced on `cache`'s
 * channel (`shop-key:<keyId>`).
 */
export function shopKeys(
  Keys: Model<ShopKeyDocument>,
  clock: () => Date,
  cache: ReadCache<ShopKeyRecord> = readCache({ name: 'shop-key' }),
): ShopKeys {
  return {
    async issue({ tenantId, shopId }, createdBy) {
      const { keyId, key, secretHash } = newCallerKey('shop');
      await Keys.create({ _id: keyId, tenantId, shopId, secretHash, createdAt: clock(), createdBy });
      return { keyId, key };
    },
    async revoke(keyId) {
      // Revoking twice keeps the first date (FerretDB has no pipeline updates for `$ifNull`).
      await Keys.updateOne({ _id: keyId, revokedAt: null }, { $set: { revokedAt: clock() } });
      await cache.invalidate(keyId);
      const found = await Keys.findById(keyId, { revokedAt: 1 }).lean();
      if (!found?.revokedAt) throw notFound(keyId);
      return { keyId, revokedAt: found.revokedAt };
    },
    async tenantOf(keyId) {
      const found = await Keys.findById(keyId, { tenantId: 1 }).lean();
      return found?.tenantId ?? null;
    },
    async list(tenantId) {
      // By the indexed top-level field; sorted here (a tenant has a handful of shops).
      const found = await Keys.find({ tenantId }, { secretHash: 0 }).lean<ShopKeyDocument[]>();
      return found
        .map(({ _id, tenantId: tenant, shopId, createdAt, createdBy, revokedAt }) => ({
          keyId: _id,
          tenantId: tenant,
          shopId,
          createdAt,
          createdBy,
          revokedAt,
        }))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async record(keyId) {
      const found = await Keys.findById(keyId, { createdAt: 0, createdBy: 0 }).lean<ShopKeyRecord>();
      return found ?? null;
    },
  };
}
