import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@scontrino/contracts';

/** A valid `transaction.recorded` event; its subscribers are loyalty and reconciliation. */
export function transactionRecorded(
  transactionId = `tx_${randomUUID()}`,
): EventEnvelope<'transaction.recorded'> {
  return {
    id: `evt_${randomUUID()}`,
    type: 'transaction.recorded',
    version: 1,
    occurredAt: new Date().toISOString(),
    payload: { transactionId, storeId: 'store_001', totalMinor: 1250, lines: [] },
  };
}
