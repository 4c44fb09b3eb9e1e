import type {
  MemberEnrolledPayload,
  ReceiptClaimedPayload,
  TransactionRecordedPayload,
} from '@scontrino/contracts';
import { observationIds } from '../ids.js';
import type { Observation, ObservedIdentifier } from './observation.js';

/** Identifiers once per id (a till may send the same e-mail twice); a proven sighting wins. */
export function distinctIdentifiers(identifiers: readonly ObservedIdentifier[]): ObservedIdentifier[] {
  const byId = new Map<string, ObservedIdentifier>();
  for (const identifier of identifiers) {
    const seen = byId.get(identifier.id);
    if (!seen || (identifier.verified && !seen.verified)) byId.set(identifier.id, identifier);
  }
  return [...byId.values()];
}

/** A till sale or return: the identifiers the till named, the store, the amount (a return counts negative). */
export function transactionObservation(
  payload: TransactionRecordedPayload,
  identifiers: readonly ObservedIdentifier[],
): Observation {
  const observationId = observationIds.transaction(payload.id);
  const at = new Date(payload.occurredAt);
  const sign = payload.type === 'return' ? -1 : 1;
  return {
    observationId,
    tenantId: payload.tenantId,
    kind: payload.type,
    channel: 'store',
    rule: 'till-sale',
    at,
    storeId: payload.storeId,
    shopId: null,
    pickupStoreId: null,
    purchase: { key: observationId, at, amount: sign * payload.totals.total, currency: payload.currency },
    identifiers: distinctIdentifiers(identifiers),
    nameSealed: null,
  };
}

/**
 * A receipt claim: the e-mail the customer proved plus what the till named on that sale. It
 * points at the sale's purchase, so the sale counts once whether or not the till knew the customer.
 */
export function claimObservation(
  payload: ReceiptClaimedPayload,
  sale: Observation,
  email: ObservedIdentifier,
): Observation {
  return {
    observationId: observationIds.claim(payload.receiptId),
    tenantId: payload.tenantId,
    kind: 'claim',
    channel: 'receipt_claim',
    rule: 'receipt-claim',
    at: new Date(payload.claimedAt),
    storeId: payload.storeId,
    shopId: null,
    pickupStoreId: null,
    purchase: sale.purchase,
    identifiers: distinctIdentifiers([...sale.identifiers, { ...email, verified: true }]),
    nameSealed: null,
  };
}

/**
 * A loyalty enrolment: the program's record that the member holds these cards, with their e-mail
 * (phone) and name. Linked by its own rule, `loyalty-enrolment`: the household rule reads it like
 * any sighting (the holder's identifiers and name sit on the card's side), the per-type limits do
 * not hold it back (the program's own record, not a till's reading). No purchase.
 */
export function enrolmentObservation(
  payload: MemberEnrolledPayload,
  identifiers: readonly ObservedIdentifier[],
  nameSealed: string | null,
): Observation {
  return {
    observationId: observationIds.enrolment(payload.tenantId, payload.sourceId),
    tenantId: payload.tenantId,
    kind: 'identify',
    channel: 'identify',
    rule: 'loyalty-enrolment',
    at: new Date(payload.enrolledAt),
    storeId: null,
    shopId: null,
    pickupStoreId: null,
    purchase: null,
    identifiers: distinctIdentifiers(identifiers),
    nameSealed,
  };
}
