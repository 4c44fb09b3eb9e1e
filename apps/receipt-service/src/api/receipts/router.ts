import { router } from '@scontrino/trpc';
import type { CustomerReceiptsReader } from '../../use-cases/list-customer-receipts.js';
import type { ReceiptDeliveriesDeps } from '../../use-cases/list-receipt-deliveries.js';
import type { ResendDeps } from '../../use-cases/resend-receipt-email.js';
import { deliveryProcedure } from './delivery.js';
import { listForCustomerProcedure } from './list-for-customer.js';
import { ofCustomerProcedure } from './of-customer.js';
import { searchReceiptsProcedure } from './search.js';
import { staffReceiptProcedure } from './staff-receipt.js';
import { resendEmailProcedure } from './resend-email.js';

/** What the receipts procedures' use cases read and write. */
export type ReceiptsRouterStore = Omit<ResendDeps, 'emails'> &
  ReceiptDeliveriesDeps & {
    customerReceipts: CustomerReceiptsReader;
    storeReceipts: Parameters<typeof searchReceiptsProcedure>[0]['receipts'];
    stores: Parameters<typeof searchReceiptsProcedure>[0]['stores'];
  };

export function createReceiptsRouter(store: ReceiptsRouterStore, emails: ResendDeps['emails']) {
  return router({
    get: staffReceiptProcedure(store.receipts),
    delivery: deliveryProcedure(store),
    listForCustomer: listForCustomerProcedure(store.customerReceipts),
    ofCustomer: ofCustomerProcedure(store.customerReceipts),
    search: searchReceiptsProcedure({ receipts: store.storeReceipts, stores: store.stores }),
    resendEmail: resendEmailProcedure({ receipts: store.receipts, recipients: store.recipients, emails }),
  });
}
