import type { Logger } from 'pino';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { upkeep } from '../use-cases/member-upkeep.js';

export interface UpkeepReport {
  members: number;
  entries: number;
  failed: number;
}

/**
 * Walks every member in one pass over the collection (one query, read through its cursor):
 * activations and expiries due at `deps.clock()` are written, tiers re-evaluated, each member
 * with the document the walk read (then its folded ledger: an `_id` read, and one more for an
 * entry past it). Idempotent (every entry has its business key), so a rerun, an overlap with
 * another instance or a crash halfway costs nothing but time: the job's retry walks again from
 * the start. Callable directly, with an injected clock.
 */
export async function runLedgerUpkeep(deps: LoyaltyDeps, logger: Logger): Promise<UpkeepReport> {
  const report: UpkeepReport = { members: 0, entries: 0, failed: 0 };
  for await (const member of deps.store.members.all()) {
    try {
      report.entries += (await upkeep(deps, member.id, { member })).written;
      report.members += 1;
    } catch (error) {
      // One member's trouble must not stop everyone else's expiry; the next run retries it.
      report.failed += 1;
      logger.error({ err: error, memberId: member.id }, 'ledger upkeep failed for a member');
    }
  }
  logger.info(report, 'ledger upkeep done');
  return report;
}
