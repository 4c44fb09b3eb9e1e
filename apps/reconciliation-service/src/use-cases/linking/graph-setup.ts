import { auditLog } from '@scontrino/audit';
import type { Connection } from 'mongoose';
import type { ReconciliationEnv } from '../../env.js';
import { openGraphStore } from '../../store/graph-store.js';
import { identityCrypto } from '../../store/identity-crypto.js';
import type { GraphDeps } from './graph-deps.js';
import { createGraphLock } from './graph-lock.js';
import { parseBlocklistEntries } from './tenant-config.js';

export type GraphEnv = Pick<
  ReconciliationEnv,
  | 'CRYPTO_KEYS'
  | 'CRYPTO_ACTIVE_KEY'
  | 'LOOKUP_HASH_KEY'
  | 'GRAPH_LIMITS'
  | 'GRAPH_JUNK_K'
  | 'GRAPH_BLOCKLIST'
>;

/** Opens the store (waiting for its indexes) and wires what every graph use case needs. */
export async function openGraph(
  database: Connection,
  env: GraphEnv,
  clock: () => Date = () => new Date(),
): Promise<Omit<GraphDeps, 'onEvents' | 'linker'>> {
  return {
    store: await openGraphStore(database),
    crypto: identityCrypto(env),
    lock: createGraphLock(),
    defaults: {
      limits: env.GRAPH_LIMITS,
      junkK: env.GRAPH_JUNK_K,
      blocklist: parseBlocklistEntries(env.GRAPH_BLOCKLIST),
    },
    clock,
    audit: auditLog(database, 'reconciliation-service'),
  };
}
