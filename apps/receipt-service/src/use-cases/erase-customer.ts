import type { CustomerErasedPayload } from '@scontrino/contracts';
import type { ErasureOutcomes } from '@scontrino/db';
import type { CustomerErasure, ReceiptErasureCounts } from '../store/customer-erasure.js';

export interface EraseCustomerDeps {
  erasure: CustomerErasure;
  erasureOutcomes: Pick<ErasureOutcomes, 'add'>;
  clock: () => Date;
}

/**
 * `customer.erased`: removes the person from receipts, claims and deliveries (fiscal content
 * stays) and adds what changed to the erasure's outcome, for the reconciliation service's report.
 * Idempotent: a replay finds nothing left and adds zeros. Documents whose events are not out yet
 * are left (`waiting`), and the outcome stays incomplete until a retry gets them.
 */
export async function eraseCustomer(
  deps: EraseCustomerDeps,
  erasure: CustomerErasedPayload,
): Promise<ReceiptErasureCounts> {
  const at = deps.clock();
  const counts = await deps.erasure.erase(erasure.tenantId, erasure.identifiers, at);
  const { waiting, ...erased } = counts;
  await deps.erasureOutcomes.add(erasure, erased, { at, complete: waiting === 0 });
  return counts;
}
