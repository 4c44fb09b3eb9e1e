import type { Connection } from 'mongoose';
import { type LoyaltyCryptoEnv, loyaltyCrypto } from '../store/loyalty-crypto.js';
import { openLoyaltyStore } from '../store/loyalty-store.js';
import { programDrafts } from '../store/program-drafts.js';
import { openProgramVersions } from '../store/program-versions.js';
import { openSalesArchive } from '../store/sales.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

/** Opens every collection of the service (and waits for their indexes) with the keys from the env. */
export async function openLoyaltyDeps(
  database: Connection,
  options: { crypto: LoyaltyCryptoEnv; clock?: () => Date },
): Promise<LoyaltyDeps> {
  const clock = options.clock ?? (() => new Date());
  const [store, programs, sales] = await Promise.all([
    openLoyaltyStore(database, { clock }),
    openProgramVersions(database, { clock }),
    openSalesArchive(database),
  ]);
  return {
    store,
    programs,
    programDrafts: programDrafts(database, clock),
    sales,
    crypto: loyaltyCrypto(options.crypto),
    clock,
  };
}
