import type { PosTransaction } from '@scontrino/contracts';
import { issueClaimCode } from '../domain/claim-code.js';
import { offersClaim } from '../domain/claim-offer.js';
import { protectCustomer } from '../domain/customer-protection.js';
import { sha256Hex } from '../domain/digest.js';
import { randomToken, transactionIdsOf } from '../domain/ids.js';
import { toStoredPayload } from '../domain/stored-payload.js';
import { type TransactionRecorded, transactionRecordedEvent } from '../domain/transaction-recorded.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import {
  CLAIM_CODE_CONTEXT,
  type OriginalRef,
  type StoredClaim,
  TOKEN_CONTEXT,
  type TransactionDocument,
} from './transactions-model.js';

/** The secrets of a receipt in clear, to build the links of the answer. */
export interface ReceiptKeys {
  receiptId: string;
  transactionId: string;
  token: string;
  claimCode: string | null;
}

export interface DocumentContext {
  tenantId: string;
  requestHash: string;
  /** `idempotencyScopeHash` of the request's key. */
  idempotencyKey: string;
  original: OriginalRef | null;
  receivedAt: Date;
  /** The store's country (from its profile): how a phone number without prefix is read. */
  storeCountry: string | null;
  crypto: ReceiptCrypto;
}

type NewTransaction = Omit<TransactionDocument, 'outbox' | 'outboxPending'>;

/** The document to insert for a validated transaction, its `transaction.recorded` event, and its keys. */
export function buildTransactionDocument(
  transaction: PosTransaction,
  context: DocumentContext,
): { document: NewTransaction; event: TransactionRecorded; keys: ReceiptKeys } {
  const { crypto, receivedAt } = context;
  const { id, receiptId } = transactionIdsOf(crypto.transactionIdKey, {
    tenantId: context.tenantId,
    storeId: transaction.storeId,
    transactionId: transaction.transactionId,
  });
  // 192 bits: far past guessing, and a 32-character URL segment.
  const token = randomToken(24);
  const issued = offersClaim(transaction) ? issueClaimCode(crypto.claimKey, receivedAt) : null;
  const claim: StoredClaim | null = issued && {
    codeHash: sha256Hex(issued.code),
    codeEncrypted: crypto.cipher.encrypt(issued.code, CLAIM_CODE_CONTEXT),
    expiresAt: issued.expiresAt,
  };
  const customer = transaction.customer
    ? protectCustomer(
        transaction.customer,
        { country: context.storeCountry, tenantId: context.tenantId },
        {
          encrypt: (plaintext, encryptionContext) => crypto.cipher.encrypt(plaintext, encryptionContext),
          hash: (type, value) => crypto.lookupHash(type, value),
        },
      )
    : null;

  const document: NewTransaction = {
    _id: id,
    storeId: transaction.storeId,
    tenantId: context.tenantId,
    terminalId: transaction.terminalId,
    transactionId: transaction.transactionId,
    type: transaction.type,
    occurredAt: new Date(transaction.occurredAt),
    receivedAt,
    requestHash: context.requestHash,
    idempotencyKey: context.idempotencyKey,
    payload: toStoredPayload(transaction),
    customer: customer?.stored ?? null,
    receipt: {
      receiptId,
      tokenHash: sha256Hex(token),
      tokenEncrypted: crypto.cipher.encrypt(token, TOKEN_CONTEXT),
      claim,
    },
    tokenHash: sha256Hex(token),
    claimCodeHash: claim?.codeHash ?? null,
    customerHashes: (customer?.identifiers ?? []).map((identifier) => identifier.hash),
    original: context.original,
    ...(transaction.type === 'sale' && { returned: false }),
  };
  const event = transactionRecordedEvent(transaction, {
    id,
    receiptId,
    tenantId: context.tenantId,
    identifiers: customer?.identifiers ?? [],
    original: context.original,
    recordedAt: receivedAt,
  });
  return { document, event, keys: { receiptId, transactionId: id, token, claimCode: issued?.code ?? null } };
}

/** The keys of a stored transaction, decrypted: what a replay answers with. */
export function receiptKeysOf(
  document: Pick<TransactionDocument, '_id' | 'receipt'>,
  crypto: ReceiptCrypto,
): ReceiptKeys {
  const { receipt } = document;
  return {
    receiptId: receipt.receiptId,
    transactionId: document._id,
    token: crypto.cipher.decrypt(receipt.tokenEncrypted, TOKEN_CONTEXT),
    claimCode: receipt.claim ? crypto.cipher.decrypt(receipt.claim.codeEncrypted, CLAIM_CODE_CONTEXT) : null,
  };
}
