import type { IdentifierRef } from '@scontrino/contracts';
import type { Model } from 'mongoose';
import type { ConsentChange } from '../domain/consent.js';
import { customerFieldContext } from '../domain/customer-protection.js';
import { identifierFields } from '../domain/customer-identifiers.js';
import type { StoredPayload } from '../domain/stored-payload.js';
import { findByEachKey } from './each-key.js';
import type { EmailPreferencesStore } from './email-preferences.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import { CLAIM_EMAIL_CONTEXT, type ClaimDocument } from './receipt-claims.js';
import { DELIVERY_EMAIL_CONTEXT, type DeliveryDocument } from './receipt-deliveries.js';
import type { TransactionDocument } from './transactions-model.js';

/** Everything the receipt service holds about one person, decrypted for their archive. */
export interface ReceiptSubjectExport {
  transactions: {
    id: string;
    receiptId: string;
    storeId: string;
    transactionId: string;
    type: 'sale' | 'return';
    occurredAt: Date;
    customer: Record<string, string | string[]>;
    payload: StoredPayload;
  }[];
  claims: { receiptId: string; email: string | null; marketingConsent: boolean; claimedAt: Date }[];
  deliveries: {
    deliveryId: string;
    receiptId: string;
    address: string | null;
    state: string;
    source: string;
    queuedAt: Date;
    sentAt: Date | null;
  }[];
  /** The consent history of each of the person's e-mail addresses. */
  emailPreferences: { history: ConsentChange[] }[];
}

export interface CustomerDataExport {
  /** The receipts, claims, deliveries and consent of the person these identifier hashes name. */
  export(tenantId: string, identifiers: readonly IdentifierRef[]): Promise<ReceiptSubjectExport>;
}

export function customerDataExport(
  emailPreferences: Pick<EmailPreferencesStore, 'history'>,
  crypto: ReceiptCrypto,
  models: {
    Transactions: Model<TransactionDocument>;
    Claims: Model<ClaimDocument>;
    Deliveries: Model<DeliveryDocument>;
  },
): CustomerDataExport {
  const { Transactions, Claims, Deliveries } = models;
  const decrypt = (encrypted: string, context: string) => crypto.cipher.decrypt(encrypted, context);
  return {
    async export(tenantId, identifiers) {
      const emailHashes = identifiers.filter(({ type }) => type === 'email').map(({ hash }) => hash);
      const bySale = (a: TransactionDocument, b: TransactionDocument) =>
        a.occurredAt.getTime() - b.occurredAt.getTime();
      const sales = (
        await findByEachKey(
          identifiers.map(({ hash }) => hash),
          (hash) => Transactions.find({ tenantId, customerHashes: hash }).lean<TransactionDocument[]>(),
        )
      ).sort(bySale);
      const claims = (
        await findByEachKey(emailHashes, (hash) => Claims.find({ emailHash: hash }).lean<ClaimDocument[]>())
      )
        .filter((claim) => claim.transaction.tenantId === tenantId)
        .sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime());
      const claimedIds = new Set(claims.map((claim) => claim.transaction.id));
      const claimedSales = await findByEachKey([...claimedIds], async (id) => {
        const sale = await Transactions.findById(id).lean<TransactionDocument>();
        return sale ? [sale] : [];
      });
      const transactions = new Map<string, TransactionDocument>();
      for (const sale of [...sales, ...claimedSales]) transactions.set(sale._id, sale);
      const receiptIds = [...transactions.values()].map((sale) => sale.receipt.receiptId);
      const deliveries =
        receiptIds.length && emailHashes.length
          ? await Deliveries.find({ receiptId: { $in: receiptIds }, 'address.hash': { $in: emailHashes } })
              .sort({ queuedAt: 1 })
              .lean<DeliveryDocument[]>()
          : [];
      const histories = await Promise.all(emailHashes.map((hash) => emailPreferences.history(hash)));

      return {
        transactions: [...transactions.values()].map((sale) => {
          const customer: Record<string, string | string[]> = {};
          for (const field of identifierFields) {
            const value = sale.customer?.[field];
            if (value) customer[field] = decrypt(value.encrypted, customerFieldContext(field));
          }
          if (sale.customer?.receiptDelivery.length) customer.receiptDelivery = sale.customer.receiptDelivery;
          return {
            id: sale._id,
            receiptId: sale.receipt.receiptId,
            storeId: sale.storeId,
            transactionId: sale.transactionId,
            type: sale.type,
            occurredAt: sale.occurredAt,
            customer,
            payload: sale.payload,
          };
        }),
        claims: claims.map((claim) => ({
          receiptId: claim.receiptId,
          email: claim.email ? decrypt(claim.email.encrypted, CLAIM_EMAIL_CONTEXT) : null,
          marketingConsent: claim.marketingConsent,
          claimedAt: claim.claimedAt,
        })),
        deliveries: deliveries.map((delivery) => ({
          deliveryId: delivery._id,
          receiptId: delivery.receiptId,
          address: delivery.address ? decrypt(delivery.address.encrypted, DELIVERY_EMAIL_CONTEXT) : null,
          state: delivery.state,
          source: delivery.source,
          queuedAt: delivery.queuedAt,
          sentAt: delivery.sentAt,
        })),
        emailPreferences: histories.filter((history) => history.length > 0).map((history) => ({ history })),
      };
    },
  };
}
