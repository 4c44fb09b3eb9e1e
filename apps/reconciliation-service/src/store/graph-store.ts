import { ensureIndexes } from '@scontrino/db';
import type { OutboxModel } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import { customerFactsStore, type CustomerFactsStore } from './customer-facts.js';
import { identifierModel } from './identifier-model.js';
import { identifierStore, type IdentifierStore } from './identifiers.js';
import { matchKeyModel, matchKeyStore, type MatchKeyStore } from './match-keys.js';
import { linkedMarkerModel, observationModel } from './observation-model.js';
import { observationStore, type ObservationStore } from './observations.js';
import { householdModel, profileModel } from './profile-model.js';
import { profileStore, type ProfileStore } from './profiles.js';
import { qualityStore, type QualityStore } from './quality-store.js';
import { segmentSnapshotStore, type SegmentSnapshotStore } from './segment-snapshots.js';
import { recordModels } from './record-models.js';
import { recordStore, type RecordStore } from './records.js';
import { staffModels } from './staff-models.js';
import { staffStore, type StaffStore } from './staff.js';

/** Every collection of the reconciliation service, as the use cases see them. */
export interface GraphStore {
  identifiers: IdentifierStore;
  observations: ObservationStore;
  profiles: ProfileStore;
  records: RecordStore;
  staff: StaffStore;
  matchKeys: MatchKeyStore;
  /** The RFM segment snapshots (per tenant and day) and their movement matrices. */
  segments: SegmentSnapshotStore;
  /** Data-quality counts and the weekly audit reports sent. */
  quality: QualityStore;
  /** Per-customer facts and the day counters derived from them (the dashboard's customer figures). */
  customerFacts: CustomerFactsStore;
  /** The models whose documents carry an outbox, for the dispatcher. */
  outboxModels: readonly OutboxModel[];
}

/** Registers the models and waits for their indexes before anything is written. */
export async function openGraphStore(connection: Connection): Promise<GraphStore> {
  const Observations = observationModel(connection);
  const records = recordModels(connection);
  const store: GraphStore = {
    identifiers: identifierStore(identifierModel(connection)),
    observations: observationStore(Observations, linkedMarkerModel(connection)),
    profiles: profileStore(profileModel(connection), householdModel(connection)),
    records: recordStore(records),
    staff: staffStore(staffModels(connection)),
    matchKeys: matchKeyStore(matchKeyModel(connection)),
    segments: segmentSnapshotStore(connection),
    quality: qualityStore(connection),
    customerFacts: customerFactsStore(connection),
    outboxModels: [Observations, records.Merges, records.Unmerges, records.Erasures],
  };
  await ensureIndexes(connection);
  return store;
}
