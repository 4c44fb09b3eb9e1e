import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { dryRun, type DryRunReport, type DryRunSale } from '../../domain/program/dry-run.js';
import type { MemberEarningContext } from '../../domain/program/earning-contract.js';
import type { ProgramConfig } from '../../domain/program/program-config.js';
import type { ProgramVersions } from '../../store/program-versions.js';
import type { SalesArchive } from '../../store/sales.js';

export interface DryRunDeps {
  programs: Pick<ProgramVersions, 'current'>;
  sales: Pick<SalesArchive, 'since'>;
  earningContextOf: (sale: TransactionRecordedPayload) => Promise<MemberEarningContext | null>;
  clock: () => Date;
}

export interface DryRunAnswer extends DryRunReport {
  /** The sales read: those that happened from `from` to `to` (now). */
  window: { from: Date; to: Date };
  /** More sales than `limit` happened in the window: only the oldest `limit` were read. */
  truncated: boolean;
  /** Sales read that no member made (anonymous, or a card no member holds): they earn nothing. */
  withoutMember: number;
}

const DAY_MS = 86_400_000;
/** Members' contexts are read this many at a time: enough to overlap round trips, gentle on the database. */
const CONTEXT_CONCURRENCY = 8;

/** Reads the tenant's last `days` of sales and the members' contexts, then runs the pure dry run. */
export async function runDryRun(
  deps: DryRunDeps,
  request: { tenantId: string; draft: ProgramConfig; days: number; limit: number },
): Promise<DryRunAnswer> {
  const to = deps.clock();
  const from = new Date(to.getTime() - request.days * DAY_MS);
  const [current, read] = await Promise.all([
    deps.programs.current(request.tenantId),
    deps.sales.since(request.tenantId, from, request.limit + 1, { type: 'sale' }),
  ]);
  const sales = read.slice(0, request.limit);
  const contexts = await mapLimited(sales, CONTEXT_CONCURRENCY, deps.earningContextOf);
  const evaluated: DryRunSale[] = [];
  sales.forEach((sale, index) => {
    const member = contexts[index];
    if (member) evaluated.push({ sale, member });
  });
  return {
    ...dryRun({ draft: request.draft, current, sales: evaluated }),
    window: { from, to },
    truncated: read.length > request.limit,
    withoutMember: sales.length - evaluated.length,
  };
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
