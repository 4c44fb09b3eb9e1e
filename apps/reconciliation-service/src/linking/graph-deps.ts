import type { AuditLog } from '@scontrino/audit';
import type { WrittenOutbox } from '@scontrino/queue';
import type { GraphStore } from '../store/graph-store.js';
import type { IdentityCrypto } from '../store/identity-crypto.js';
import type { GraphLock } from './graph-lock.js';
import type { Linker } from './linker.js';
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
