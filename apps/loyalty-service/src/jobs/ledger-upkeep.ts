import type { Logger } from 'pino';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { upkeep } from '../use-cases/member-upkeep.js';

const PAGE = 200;

export interface UpkeepReport {
  members: number;
  entries: number;
  failed: number;
}

/**
 * Walks every member: activations and expiries due at `deps.clock()` are written, tiers
 * re-evaluated. Idempotent (every entry has its business key), so a rerun, an overlap with another
 * instance or a crash halfway costs nothing but time. Callable directly, with an injected clock.
 */
export async function runLedgerUpkeep(deps: LoyaltyDeps, logger: Logger): Promise<UpkeepReport> {
  const report: UpkeepReport = { members: 0, entries: 0, failed: 0 };
  let after: string | null = null;
  for (;;) {
    const ids = await deps.store.members.idsAfter(after, PAGE);
    for (const memberId of ids) {
      try {
        report.entries += (await upkeep(deps, memberId)).written;
        report.members += 1;
      } catch (error) {
        // One member's trouble must not stop everyone else's expiry; the next run retries it.
        report.failed += 1;
        logger.error({ err: error, memberId }, 'ledger upkeep failed for a member');
      }
    }
    if (ids.length < PAGE) break;
    after = ids.at(-1) ?? null;
  }
  logger.info(report, 'ledger upkeep done');
  return report;
}
