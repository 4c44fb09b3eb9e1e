import type { EncryptedCollection } from '@scontrino/db';
import { identifierFields } from '../domain/customer-identifiers.js';
import { customerFieldContext } from '../domain/customer-protection.js';
import { CLAIM_EMAIL_CONTEXT } from './receipt-claims.js';
import { DELIVERY_EMAIL_CONTEXT } from './receipt-deliveries.js';
import { CLAIM_CODE_CONTEXT, TOKEN_CONTEXT } from './transactions-model.js';

/**
 * Every value this service stores encrypted, by collection: what the re-encryption job rewrites
 * after a key rotation. A new encrypted field is declared here, or it keeps its old key forever.
 * Outbox events are not listed: they leave the document within seconds.
 */
export const receiptEncryptedFields: readonly EncryptedCollection[] = [
  {
    collection: 'transactions',
    fields: [
      { path: 'receipt.tokenEncrypted', context: TOKEN_CONTEXT },
      { path: 'receipt.claim.codeEncrypted', context: CLAIM_CODE_CONTEXT },
      ...identifierFields.map((field) => ({
        path: `customer.${field}.encrypted`,
        context: customerFieldContext(field),
      })),
    ],
  },
  { collection: 'receipt_claims', fields: [{ path: 'email.encrypted', context: CLAIM_EMAIL_CONTEXT }] },
  {
    collection: 'receipt_deliveries',
    fields: [{ path: 'address.encrypted', context: DELIVERY_EMAIL_CONTEXT }],
  },
];
