import type { ProgramDrafts } from '../store/program-drafts.js';
import type { ProgramVersions } from '../store/program-versions.js';
import type { LoyaltyCrypto } from '../store/loyalty-crypto.js';
import type { LoyaltyStore } from '../store/loyalty-store.js';
import type { SalesArchive } from '../store/sales.js';

/** What the loyalty use cases work with: the ledger's collections, the program, the sales archive. */
export interface LoyaltyDeps {
  store: LoyaltyStore;
  programs: ProgramVersions;
  /** The brands' shared drafts of their next program. */
  programDrafts: ProgramDrafts;
  sales: SalesArchive;
  crypto: LoyaltyCrypto;
  clock: () => Date;
}
