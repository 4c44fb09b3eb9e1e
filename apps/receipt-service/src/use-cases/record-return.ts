import type { PosReturn } from '@scontrino/contracts';
import type { ReturnLinks } from '../store/return-reservations.js';
import {
  insertOrReplay,
  storeContext,
  type RecordInput,
  type RecordOutcome,
  type RecordSaleDeps,
  replayOrConflict,
  storedIdOf,
} from './record-sale.js';

export interface RecordReturnDeps extends RecordSaleDeps {
  returnLinks: Pick<ReturnLinks, 'reserve'>;
}

/**
 * Records a validated return as a sale is recorded, after reserving the returned quantities on
 * its original sale (rule 7). Reserving is a write of its own: a replay is looked for first and
 * never reserves again.
 */
export async function recordReturn(
  deps: RecordReturnDeps,
  input: RecordInput & { transaction: PosReturn },
): Promise<RecordOutcome> {
  const store = await storeContext(deps, input);
  const stored = await deps.transactions.findStored(storedIdOf(deps, input));
  if (stored)
    return { keys: await replayOrConflict(deps, stored, input), contacts: store.contacts, written: null };
  const original = await deps.returnLinks.reserve(input.transaction, input.tenantId, input.requestHash);
  return insertOrReplay(deps, input, store, original);
}
