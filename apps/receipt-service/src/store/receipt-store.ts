import { ensureIndexes, erasureOutcomes, type ErasureOutcomes } from '@scontrino/db';
import type { CacheInvalidation, OutboxModel } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import { customerDataExport, type CustomerDataExport } from './customer-data-export.js';
import { customerErasure, type CustomerErasure } from './customer-erasure.js';
import { customerReceipts, type CustomerReceipts } from './customer-receipts.js';
import { emailPreferencesStore, type EmailPreferencesStore } from './email-preferences.js';
import { claimModel, receiptClaims, type ReceiptClaims } from './receipt-claims.js';
import type { ReceiptCrypto } from './receipt-crypto.js';
import { receiptLoyalty, receiptLoyaltyModel, type ReceiptLoyalty } from './receipt-loyalty.js';
import { receiptRecipients, type ReceiptRecipients } from './receipt-recipients.js';
import { deliveryModel, receiptDeliveries, type ReceiptDeliveries } from './receipt-deliveries.js';
import { readCache } from '@scontrino/caller-keys';
import { receiptQueries, type ReceiptQueries } from './receipts.js';
import { returnLinkModel, returnLinks, type ReturnLinks } from './return-reservations.js';
import { salesRollupModel, salesRollups, type SalesRollups } from './sales-rollups.js';
import { DAY_WRITE_WINDOW_MS } from './guarded-counter-writes.js';
import { contactQualityRollups, type ContactQualityRollups } from './contact-quality-rollups.js';
import { storeModel, storeProfiles, type StoreProfiles } from './store-profiles.js';
import { shopKeyModel, shopKeys, type ShopKeys } from './shop-keys.js';
import { tenantModel, tenants, type Tenants } from './tenants.js';
import { storeReceipts, type StoreReceipts } from './store-receipts.js';
import { terminalKeyModel, terminalKeys, type TerminalKeys } from './terminal-keys.js';
import { transactionModel } from './transactions-model.js';
import { transactionWrites, type TransactionWrites } from './transaction-writes.js';

/** The pub/sub channel on which receipt-service replicas announce changes to cached documents. */
export { receiptCacheChannel } from '@scontrino/caller-keys';

/** Every collection of the receipt service, as the use cases see them. */
export interface ReceiptStore {
  /** The tenant registry: every call naming a tenant is checked against it. */
  tenants: Tenants;
  stores: StoreProfiles;
  /** Web shops' and apps' keys (`sk_shop_…`), verified by the services they call. */
  shopKeys: ShopKeys;
  terminalKeys: TerminalKeys;
  /** The reads and the insert of recording a POS transaction. */
  transactions: TransactionWrites;
  /** The quantities each return reserves on its original sale (rule 7). */
  returnLinks: ReturnLinks;
  receipts: ReceiptQueries;
  customerReceipts: CustomerReceipts;
  /** The back office's search of a store's receipts. */
  storeReceipts: StoreReceipts;
  claims: ReceiptClaims;
  deliveries: ReceiptDeliveries;
  recipients: ReceiptRecipients;
  emailPreferences: EmailPreferencesStore;
  /** The loyalty block of each receipt whose sale the loyalty service credited. */
  loyalty: ReceiptLoyalty;
  /** Removes a person from receipts, claims and deliveries (`customer.erased`). */
  erasure: CustomerErasure;
  /** What each `customer.erased` changed here, for the reconciliation service's erasure report. */
  erasureOutcomes: ErasureOutcomes;
  /** Everything held about a person, for their data-subject request. */
  subjectExport: CustomerDataExport;
  /** Each store's daily receipt figures, for the back office's dashboard. */
  salesRollups: SalesRollups;
  /** Each store's daily till data quality (e-mails invalid or placeholder, per cashier). */
  contactQuality: ContactQualityRollups;
  /** The models whose documents carry an outbox, for the dispatcher. */
  outboxModels: readonly OutboxModel[];
}

export interface ReceiptStoreOptions {
  crypto: ReceiptCrypto;
  /** Base URL of the links handed out (`/r/<token>`, `/c/<code>`). */
  publicUrl: string;
  clock?: () => Date;
  /** Tells the other replicas when a cached store profile or terminal key changes. */
  invalidation?: CacheInvalidation;
  /**
   * How long a store day's counters wait for more of the same day's sales and e-mails before
   * their one update (default {@link DAY_WRITE_WINDOW_MS}).
   */
  dayWriteWindowMs?: number;
}

/**
 * Registers the models on the connection and waits for their indexes: idempotency rests on the
 * unique ones, so nothing may be written before they exist.
 */
export async function openReceiptStore(
  connection: Connection,
  options: ReceiptStoreOptions,
): Promise<ReceiptStore> {
  const clock = options.clock ?? (() => new Date());
  const dayWriteWindowMs = options.dayWriteWindowMs ?? DAY_WRITE_WINDOW_MS;
  const Transactions = transactionModel(connection);
  const invalidation = options.invalidation;
  const stores = storeProfiles(
    storeModel(connection),
    clock,
    readCache({ name: 'store', cacheMisses: true, ...(invalidation && { invalidation }) }),
  );
  const links = returnLinks(returnLinkModel(connection), Transactions, clock);
  const Claims = claimModel(connection);
  const claims = receiptClaims(Claims);
  const loyalty = receiptLoyalty(receiptLoyaltyModel(connection));
  const Deliveries = deliveryModel(connection);
  const emailPreferences = emailPreferencesStore(connection);
  const store: ReceiptStore = {
    tenants: tenants(
      tenantModel(connection),
      clock,
      readCache({ name: 'tenant', ...(invalidation && { invalidation }) }),
    ),
    stores,
    shopKeys: shopKeys(
      shopKeyModel(connection),
      clock,
      readCache({ name: 'shop-key', ...(invalidation && { invalidation }) }),
    ),
    terminalKeys: terminalKeys(
      terminalKeyModel(connection),
      stores,
      clock,
      readCache({ name: 'terminal-key', ...(invalidation && { invalidation }) }),
    ),
    transactions: transactionWrites(Transactions, options.crypto),
    returnLinks: links,
    receipts: receiptQueries(Transactions, links, stores, claims, loyalty, options.crypto, {
      publicUrl: options.publicUrl,
      clock,
    }),
    customerReceipts: customerReceipts(Transactions, Claims, stores, options.crypto, options.publicUrl),
    storeReceipts: storeReceipts(Transactions, options.crypto, options.publicUrl),
    claims,
    deliveries: receiptDeliveries(Deliveries),
    recipients: receiptRecipients(Transactions, Claims, options.crypto),
    emailPreferences,
    loyalty,
    erasure: customerErasure(emailPreferences, { Transactions, Claims, Deliveries }),
    erasureOutcomes: erasureOutcomes(connection),
    subjectExport: customerDataExport(emailPreferences, options.crypto, { Transactions, Claims, Deliveries }),
    salesRollups: salesRollups(
      salesRollupModel(connection),
      Transactions,
      clock,
      async (storeId) => (await stores.get(storeId))?.timeZone ?? null,
      dayWriteWindowMs,
    ),
    contactQuality: contactQualityRollups(connection, Transactions, clock, dayWriteWindowMs),
    outboxModels: [Transactions, Claims],
  };
  await ensureIndexes(connection);
  return store;
}
