import type { EventOf, SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';

export const SALE_CREDITED_VERSION = 1;

export type SaleCreditedOutcome = 'credited' | 'not_a_member' | 'no_program';

/** A receipt waits for loyalty only when its sale named a card at the till. */
export function namesCard(sale: TransactionRecordedPayload): boolean {
  return sale.type === 'sale' && sale.identifiers.some((identifier) => identifier.type === 'card');
}

/**
 * `sale.credited` (schema in contracts): what loyalty made of a card sale, for its receipt. One per
 * sale, so the sale id makes the event id: a second outcome of the same sale is a duplicate.
 */
export function saleCreditedEvent(
  sale: Pick<TransactionRecordedPayload, 'id' | 'receiptId' | 'tenantId'>,
  outcome:
    { credit: SaleCredit; memberHasEmail: boolean } | { outcome: Exclude<SaleCreditedOutcome, 'credited'> },
  at: Date,
): EventOf<'sale.credited'> {
  const ids = { id: sale.id, receiptId: sale.receiptId, tenantId: sale.tenantId };
  return {
    id: `${sale.id}.credited`,
    type: 'sale.credited',
    version: SALE_CREDITED_VERSION,
    occurredAt: at.toISOString(),
    payload:
      'credit' in outcome
        ? { ...ids, outcome: 'credited', credit: outcome.credit, memberHasEmail: outcome.memberHasEmail }
        : { ...ids, outcome: outcome.outcome },
  };
}
