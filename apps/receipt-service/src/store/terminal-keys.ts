import { modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  readCache,
  verifyTerminalKey,
  type ReadCache,
  type TerminalIdentity,
  type TerminalKeyRecord,
} from '@scontrino/caller-keys';
import { newTerminalKey } from '../domain/terminal-key.js';
import type { StoreProfiles } from './store-profiles.js';

/** `tenantId` is copied from the store at issue time (stores never change tenant): one read per request. */
export interface TerminalKeyDocument extends TerminalKeyRecord {
  createdAt: Date;
}

const terminalKeySchema = new Schema<TerminalKeyDocument>(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    terminalId: { type: String, required: true },
    tenantId: { type: String, required: true },
    secretHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'terminal_keys', versionKey: false },
);
terminalKeySchema.index({ storeId: 1, terminalId: 1 });

export function terminalKeyModel(connection: Connection): Model<TerminalKeyDocument> {
  return modelOn(connection, 'TerminalKey', terminalKeySchema);
}

export interface TerminalKeys {
  /** A new key for a configured store; the key itself is in the answer only, never stored. */
  issue(storeId: string, terminalId: string): Promise<{ keyId: string; key: string }>;
  revoke(keyId: string): Promise<{ keyId: string; revokedAt: Date }>;
  /** The store and tenant a key was issued for, revoked or not; null for an unknown key. */
  storeOf(keyId: string): Promise<{ storeId: string; tenantId: string } | null>;
  /** The terminal a bearer value belongs to; null when malformed, unknown or revoked. */
  authenticate(bearer: string): Promise<TerminalIdentity | null>;
  /** The stored record of a key (secret hash, never the secret), for other services that verify keys. */
  record(keyId: string): Promise<TerminalKeyRecord | null>;
}

/**
 * Every POS request authenticates: the key documents come from `cache`, which a revocation
 * invalidates on every replica at once (and which forgets everything after a few seconds anyway).
 */
export function terminalKeys(
  Keys: Model<TerminalKeyDocument>,
  stores: StoreProfiles,
  clock: () => Date,
  cache: ReadCache<TerminalKeyRecord> = readCache({ name: 'terminal-key' }),
): TerminalKeys {
  return {
    async issue(storeId, terminalId) {
      const store = await stores.get(storeId);
      if (!store) {
        throw new AppError('store.not_found', `No store ${storeId}: configure it with stores.upsert first`, {
          kind: 'not_found',
        });
      }
      const { keyId, key, secretHash } = newTerminalKey();
      await Keys.create({
        _id: keyId,
        storeId,
        terminalId,
        tenantId: store.tenantId,
        secretHash,
        createdAt: clock(),
      });
      return { keyId, key };
    },
    async revoke(keyId) {
      // Revoking twice keeps the first date (FerretDB has no pipeline updates for `$ifNull`).
      await Keys.updateOne({ _id: keyId, revokedAt: null }, { $set: { revokedAt: clock() } });
      await cache.invalidate(keyId);
      const found = await Keys.findById(keyId, { revokedAt: 1 }).lean();
      if (!found?.revokedAt)
        throw new AppError('terminal_key.not_found', `No terminal key ${keyId}`, { kind: 'not_found' });
      return { keyId, revokedAt: found.revokedAt };
    },
    async storeOf(keyId) {
      const found = await Keys.findById(keyId, { storeId: 1, tenantId: 1 }).lean();
      return found ? { storeId: found.storeId, tenantId: found.tenantId } : null;
    },
    authenticate(bearer) {
      return verifyTerminalKey(bearer, cache, (keyId) => Keys.findById(keyId).lean<TerminalKeyDocument>());
    },
    async record(keyId) {
      const found = await Keys.findById(keyId, { createdAt: 0 }).lean<TerminalKeyRecord>();
      return found ?? null;
    },
  };
}
