import { AUDIT_RETENTION_DAYS, auditRetention } from '@scontrino/audit';
import { processedEventsRetention, type RetentionClass } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import { deliveryModel } from './receipt-deliveries.js';
import { transactionModel } from './transactions-model.js';

/** The receipt service's data classes with a retention, and their days by default. */
export const receiptRetentionDefaults = {
  /** Inbox de-duplication: well past bull's 7 days of redelivery. */
  processed_events: 30,
  /** Which emails went out, when, and how they failed: support's evidence for half a year. */
  delivery_logs: 180,
  /** Days after a claim code expired (90 days after the sale) until the code itself is deleted. */
  claim_codes: 30,
  /** Staff actions (docs/security.md, "Audit log"). */
  audit_log: AUDIT_RETENTION_DAYS,
} as const;

export type ReceiptDataClass = keyof typeof receiptRetentionDefaults;

/**
 * What the daily purge removes. Sales and returns themselves are fiscal records: the retailer keeps
 * them for as long as its tax law says, so they are not on this list.
 */
export function receiptRetention(
  connection: Connection,
  days: Record<ReceiptDataClass, number>,
): RetentionClass[] {
  const Deliveries = deliveryModel(connection);
  const Transactions = transactionModel(connection);
  return [
    processedEventsRetention(connection, days.processed_events),
    auditRetention(connection, 'receipt-service', days.audit_log),
    {
      name: 'delivery_logs',
      keepDays: days.delivery_logs,
      // A delivery still queued is its job's state: it goes once it is sent, failed or suppressed.
      purge: async (before) =>
        (await Deliveries.deleteMany({ queuedAt: { $lt: before }, state: { $ne: 'queued' } })).deletedCount,
    },
    {
      name: 'claim_codes',
      keepDays: days.claim_codes,
      // Only documents whose events are out: an update racing the dispatcher can be lost (docs/events.md).
      purge: async (before) =>
        (
          await Transactions.updateMany(
            { 'receipt.claim.expiresAt': { $lt: before }, outboxPending: false },
            { $set: { 'receipt.claim': null, claimCodeHash: null } },
          )
        ).modifiedCount,
    },
  ];
}
