import type { GraphStore } from '../store/graph-store.js';
import type { IdentityCrypto } from '../store/identity-crypto.js';
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
   * Called after a write that recorded events, so the dispatcher publishes them now: with the
   * model and the `_id`s written when the caller knows them, else it sweeps every outbox model.
   */
  onEvents?: (model?: string, ids?: readonly string[]) => void;
}
