import type { IdentifierRef } from '@scontrino/contracts';
import type { Model } from 'mongoose';
import { findByEachKey } from './each-key.js';
import type { EmailPreferencesStore } from './email-preferences.js';
import type { ClaimDocument } from './receipt-claims.js';
import type { DeliveryDocument } from './receipt-deliveries.js';
import type { TransactionDocument } from './transactions-model.js';

/** What one erasure changed, for the log and the privacy report. */
export interface ReceiptErasureCounts {
  /** Sales and returns whose customer was removed (their fiscal content stays). */
  transactions: number;
  /** Claims whose address was removed (the receipt stays claimed). */
  claims: number;
  /** Email deliveries whose address was removed (their state and times stay). */
  deliveries: number;
  /** Consent histories of the person's addresses, deleted. */
  consentHistories: number;
  /** Documents left for a retry because an event of theirs is not out yet. */
  waiting: number;
}

export interface CustomerErasure {
  /**
   * Removes every personal value held under these identifier hashes in one tenant. Idempotent: a
   * second run finds nothing left to change. Documents whose outbox still holds an event are left
   * (`waiting`): on the local database an update racing the dispatcher can be overwritten
   * (docs/events.md), so the caller retries once the events are out.
   */
  erase(tenantId: string, identifiers: readonly IdentifierRef[], at: Date): Promise<ReceiptErasureCounts>;
}

export function customerErasure(
  emailPreferences: Pick<EmailPreferencesStore, 'forget'>,
  models: {
    Transactions: Model<TransactionDocument>;
    Claims: Model<ClaimDocument>;
    Deliveries: Model<DeliveryDocument>;
  },
): CustomerErasure {
  const { Transactions, Claims, Deliveries } = models;
  return {
    async erase(tenantId, identifiers, at) {
      const emailHashes = identifiers.filter(({ type }) => type === 'email').map(({ hash }) => hash);
      const counts: ReceiptErasureCounts = {
        transactions: 0,
        claims: 0,
        deliveries: 0,
        consentHistories: 0,
        waiting: 0,
      };

      const sales = await findByEachKey(
        identifiers.map(({ hash }) => hash),
        (hash) =>
          Transactions.find(
            { tenantId, customerHashes: hash },
            { 'receipt.receiptId': 1, outboxPending: 1 },
          ).lean<Pick<TransactionDocument, '_id' | 'receipt' | 'outboxPending'>[]>(),
      );
      const claims = (
        await findByEachKey(emailHashes, (hash) =>
          Claims.find({ emailHash: hash }, { receiptId: 1, outboxPending: 1, transaction: 1 }).lean<
            Pick<ClaimDocument, '_id' | 'receiptId' | 'outboxPending' | 'transaction'>[]
          >(),
        )
      ).filter((claim) => claim.transaction.tenantId === tenantId);
      const ready = <T extends { outboxPending: boolean }>(documents: T[]) => {
        counts.waiting += documents.filter((document) => document.outboxPending).length;
        return documents.filter((document) => !document.outboxPending);
      };

      const readySales = ready(sales);
      if (readySales.length) {
        const { modifiedCount } = await Transactions.updateMany(
          { _id: { $in: readySales.map((sale) => sale._id) }, outboxPending: false },
          { $set: { customer: null, customerHashes: [], customerErasedAt: at } },
        );
        counts.transactions = modifiedCount;
      }
      const readyClaims = ready(claims);
      if (readyClaims.length) {
        const { modifiedCount } = await Claims.updateMany(
          { _id: { $in: readyClaims.map((claim) => claim._id) }, outboxPending: false },
          { $set: { email: null, emailHash: null, erasedAt: at } },
        );
        counts.claims = modifiedCount;
      }

      // Deliveries carry no tenant: those of this tenant's receipts, to the person's addresses.
      const receiptIds = [
        ...sales.map((sale) => sale.receipt.receiptId),
        ...claims.map((claim) => claim.receiptId),
      ];
      if (receiptIds.length && emailHashes.length) {
        const { modifiedCount } = await Deliveries.updateMany(
          { receiptId: { $in: receiptIds }, 'address.hash': { $in: emailHashes } },
          { $set: { address: null, updatedAt: at } },
        );
        counts.deliveries = modifiedCount;
      }
      // Keyed by address, not by tenant: see docs/receipts.md (privacy).
      counts.consentHistories = await emailPreferences.forget(emailHashes);
      return counts;
    },
  };
}
