import { modelOn } from '@scontrino/db';
import type { IdentifierRef } from '@scontrino/contracts';
import { type OutboxFields, outboxFields } from '@scontrino/queue';
import { type Connection, Schema } from 'mongoose';

/**
 * Merge, unmerge and erasure records: inserted once, each with its event in its outbox, never
 * updated (the dispatcher is their only other writer). Their ids derive from the operation, so
 * a replayed operation's insert is a duplicate and publishes nothing twice.
 */
export interface MergeRecordDocument extends OutboxFields {
  _id: string;
  tenantId: string;
  operationId: string;
  survivorId: string;
  absorbedIds: string[];
  identifierIds: string[];
  reason: { rule: string; observationId: string | null; actor: string | null };
  mergedAt: Date;
}

export interface UnmergeRecordDocument extends OutboxFields {
  _id: string;
  tenantId: string;
  operationId: string;
  fromProfileId: string;
  profiles: { profileId: string; identifierIds: string[] }[];
  reason: { rule: string; actor: string | null };
  unmergedAt: Date;
}

export interface ErasureRecordDocument extends OutboxFields {
  _id: string;
  tenantId: string;
  profileId: string;
  identifiers: IdentifierRef[];
  actor: string | null;
  erasedAt: Date;
}

/** What stays of an erased identifier: its id (tenant, type, keyed hash), so no event recreates it. */
export interface TombstoneDocument {
  _id: string;
  tenantId: string;
  erasureId: string;
  erasedAt: Date;
}

const mixed = { type: Schema.Types.Mixed, required: true };
const options = (collection: string) => ({ collection, versionKey: false as const, minimize: false });

const mergeSchema = new Schema<MergeRecordDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    operationId: { type: String, required: true },
    survivorId: { type: String, required: true },
    absorbedIds: { type: [String], required: true },
    identifierIds: { type: [String], required: true },
    reason: mixed,
    mergedAt: { type: Date, required: true },
    ...outboxFields,
  },
  options('profile_merges'),
);
// The weekly data-quality report counts one week's merges of a tenant.
mergeSchema.index({ tenantId: 1, mergedAt: 1 });

const unmergeSchema = new Schema<UnmergeRecordDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    operationId: { type: String, required: true },
    fromProfileId: { type: String, required: true },
    profiles: { type: Schema.Types.Mixed, required: true },
    reason: mixed,
    unmergedAt: { type: Date, required: true },
    ...outboxFields,
  },
  options('profile_unmerges'),
);

const erasureSchema = new Schema<ErasureRecordDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    identifiers: { type: Schema.Types.Mixed, required: true },
    actor: { type: String, default: null },
    erasedAt: { type: Date, required: true },
    ...outboxFields,
  },
  options('erasures'),
);

const tombstoneSchema = new Schema<TombstoneDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    erasureId: { type: String, required: true },
    erasedAt: { type: Date, required: true },
  },
  options('identifier_tombstones'),
);
// Each replica reads a tenant's tombstones whole, every few seconds (records.ts).
tombstoneSchema.index({ tenantId: 1 });

export function recordModels(connection: Connection) {
  return {
    Merges: modelOn(connection, 'ProfileMerge', mergeSchema),
    Unmerges: modelOn(connection, 'ProfileUnmerge', unmergeSchema),
    Erasures: modelOn(connection, 'Erasure', erasureSchema),
    Tombstones: modelOn(connection, 'IdentifierTombstone', tombstoneSchema),
  };
}
export type RecordModels = ReturnType<typeof recordModels>;
