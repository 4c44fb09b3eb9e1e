import type { Model } from 'mongoose';
import { customerFieldContext } from '../domain/customer-protection.js';
import { transactionIdOfReceipt } from '../domain/ids.js';
import { CLAIM_EMAIL_CONTEXT, type ClaimDocument } from './receipt-claims.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import type { TransactionDocument } from './transactions-model.js';

/** An address a receipt may be emailed to, decrypted only to be encrypted again for its delivery. */
export interface Recipient {
  receiptId: string;
  email: string;
  /** The customer asked for this email: `receiptDelivery` has "email", or they claimed the receipt. */
  requested: boolean;
}

/** Where receipt emails go: the only reads of personal data in this service, for the email jobs. */
export interface ReceiptRecipients {
  /**
   * The address given at the till, or null when the transaction has none. `known`: the
   * transaction's customer as just read (the sales rollup's read), not read again.
   */
  ofTill(receiptId: string, known?: Pick<TransactionDocument, 'customer'> | null): Promise<Recipient | null>;
  ofClaim(receiptId: string): Promise<Recipient | null>;
}

export function receiptRecipients(
  Transactions: Model<TransactionDocument>,
  Claims: Model<ClaimDocument>,
  crypto: ReceiptCrypto,
): ReceiptRecipients {
  return {
    async ofTill(receiptId, known) {
      const id = transactionIdOfReceipt(receiptId);
      const found =
        known !== undefined
          ? known
          : id
            ? await Transactions.findById(id, { customer: 1 }).lean<Pick<TransactionDocument, 'customer'>>()
            : null;
      const email = found?.customer?.email;
      if (!found || !email) return null;
      return {
        receiptId,
        email: crypto.cipher.decrypt(email.encrypted, customerFieldContext('email')),
        requested: found.customer?.receiptDelivery.includes('email') ?? false,
      };
    },
    async ofClaim(receiptId) {
      const claim = await Claims.findOne({ receiptId }, { email: 1 }).lean<Pick<ClaimDocument, 'email'>>();
      if (!claim?.email) return null;
      return {
        receiptId,
        email: crypto.cipher.decrypt(claim.email.encrypted, CLAIM_EMAIL_CONTEXT),
        requested: true,
      };
    },
  };
}
