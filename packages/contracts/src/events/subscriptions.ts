import type { EventType, ServiceName } from './envelope.js';

/**
 * Who reacts to which fact. bull has no fan-out, so the publisher puts one copy of an event
 * into the inbox queue of every subscriber listed here.
 */
export const eventSubscriptions: Readonly<Record<EventType, readonly ServiceName[]>> = {
  // The receipt service reads its own two to email receipts (durably: the event is in the outbox).
  'transaction.recorded': ['loyalty-service', 'reconciliation-service', 'receipt-service'],
  'receipt.claimed': ['loyalty-service', 'reconciliation-service', 'receipt-service'],
  'online.order.placed': ['reconciliation-service'],
  // The reconciliation service reads its own two to compute the customers' facts again (the dashboard).
  'profiles.merged': ['loyalty-service', 'receipt-service', 'reconciliation-service'],
  'profiles.unmerged': ['loyalty-service', 'receipt-service', 'reconciliation-service'],
  'customer.erased': ['receipt-service', 'loyalty-service', 'reconciliation-service'],
  // Loyalty's outcome of a card sale: the receipt's loyalty block.
  'sale.credited': ['receipt-service'],
  // The loyalty program's record of a card: who holds it (households are told apart by it).
  'member.enrolled': ['reconciliation-service'],
};

export function subscribersOf(type: EventType): readonly ServiceName[] {
  return eventSubscriptions[type];
}
