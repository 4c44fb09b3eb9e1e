import type { ErasureOutcomes } from '@scontrino/db';

export type ErasureOutcomeReader = Pick<ErasureOutcomes, 'get'>;

/** What a `customer.erased` changed here, for the reconciliation service's erasure report. */
export function readErasureOutcome(outcomes: ErasureOutcomeReader, tenantId: string, erasureId: string) {
  return outcomes.get(tenantId, erasureId);
}
