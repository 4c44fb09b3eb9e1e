import type { ProgramConfig } from '@scontrino/contracts';

// The program's configuration is what staff clients send (`program.activate`): its schema is a
// contract, in @scontrino/contracts; here the versions the ledger reads.
export {
  householdBalances,
  programConfigSchema,
  type Campaign,
  type HouseholdBalance,
  type ProgramConfig,
  type Tier,
} from '@scontrino/contracts';

/** An activated configuration: what the ledger and the rules read. */
export interface ProgramVersion {
  tenantId: string;
  version: number;
  config: ProgramConfig;
  activatedAt: Date;
  /** Staff member (or `system`) who activated it. */
  activatedBy: string;
  note: string | null;
}
