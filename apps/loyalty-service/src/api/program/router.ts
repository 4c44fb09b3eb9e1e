import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { router } from '@scontrino/trpc';
import type { MemberEarningContext } from '../../domain/program/earning-contract.js';
import type { ProgramDrafts } from '../../store/program-drafts.js';
import type { ProgramVersions } from '../../store/program-versions.js';
import type { SalesArchive } from '../../store/sales.js';
import { activateProgramProcedure } from './activate.js';
import { currentProgramProcedure } from './current.js';
import { programDraftProcedures } from './drafts.js';
import { dryRunProcedure } from './dry-run.js';
import { programHistoryProcedure } from './history.js';

export interface ProgramRouterDeps {
  programs: ProgramVersions;
  /** The brands' shared drafts of their next program. */
  drafts: ProgramDrafts;
  sales: SalesArchive;
  /**
   * The member's context as it was just before `sale` (tier at the time, points earned that UTC day
   * and month before it, whether it was their first earning sale), with `memberId` set so the dry
   * run counts members and carries caps; null when no member made the sale.
   */
  earningContextOf: (sale: TransactionRecordedPayload) => Promise<MemberEarningContext | null>;
  clock: () => Date;
}

/** The CRM team's procedures on the program (service token; staff access control comes later). */
export function createProgramRouter(deps: ProgramRouterDeps) {
  return router({
    current: currentProgramProcedure(deps.programs),
    history: programHistoryProcedure(deps.programs),
    activate: activateProgramProcedure(deps.programs),
    dryRun: dryRunProcedure(deps),
    ...programDraftProcedures(deps.drafts),
  });
}
