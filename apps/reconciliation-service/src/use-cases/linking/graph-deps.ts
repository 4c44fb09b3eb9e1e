import type { AuditLog } from '@scontrino/audit';
import type { WrittenOutbox } from '@scontrino/queue';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import type { GraphLock } from './graph-lock.js';
import type { GraphDefaults } from './tenant-config.js';

/** What every graph use case works with. */
export interface GraphDeps {
  store: GraphStore;
  crypto: IdentityCrypto;
  lock: GraphLock;
  defaults: GraphDefaults;
  clock: () => Date;
  /**
   * Called after a write that recorded events, so the dispatcher publishes them now: the model
   * and the documents as written (nothing is read back) or their `_id`s (each read by `_id`).
   */
  onEvents?: (model: string, written: readonly (WrittenOutbox | string)[]) => void;
  /** The service's audit log: the match model's automatic merges are recorded there like staff changes. */
  audit?: Pick<AuditLog, 'record'> | undefined;
  /** Stores and links observations in batches (the inbox and `observations.identify`). */
  linker: Linker;
}

export interface StoredObservation {
  /** `duplicate`: stored before (a replay); `observation` is then the stored one, whatever this copy says. */
  status: 'accepted' | 'duplicate';
  observation: Observation;
}

/**
 * Which queue of the linker an observation waits in: `live` (a till's sale, a web order, a single
 * identify call: someone may be waiting on it) goes into the next batch before any `bulk` one (a
 * CRM sync's `observations.identifyMany`), which fills what room is left.
 */
export type LinkingLane = 'live' | 'bulk';

/**
 * Links observations of a tenant in batches: whatever arrives while a batch runs (inbox jobs
 * handled at once, API calls) goes in the next one. An idle linker runs each observation at once.
 */
export interface Linker {
  /**
   * Stores the observation once (without the identifiers of erased people: their tombstones stop
   * a replayed event from bringing them back) and links it; resolves once it is linked.
   * `lane` (default `live`): see {@link LinkingLane}.
   */
  storeAndLink(observation: Observation, lane?: LinkingLane): Promise<StoredObservation>;
  /** Links an observation stored before (a web order, stored by the API with its event). */
  link(observation: Observation): Promise<void>;
}
