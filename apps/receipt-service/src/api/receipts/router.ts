import { router } from '@scontrino/trpc';
import type { EmailDeliveries } from '../../jobs/email-deliveries.js';
import type { ReceiptStore } from '../../store/receipt-store.js';
import { deliveryProcedure } from './delivery.js';
import { listForCustomerProcedure } from './list-for-customer.js';
import { ofCustomerProcedure } from './of-customer.js';
import { searchReceiptsProcedure } from './search.js';
import { staffReceiptProcedure } from './staff-receipt.js';
import { resendEmailProcedure } from './resend-email.js';

export function createReceiptsRouter(store: ReceiptStore, emails: EmailDeliveries) {
  return router({
    get: staffReceiptProcedure(store.receipts),
    delivery: deliveryProcedure(store.deliveries, store.receipts),
    listForCustomer: listForCustomerProcedure(store.customerReceipts),
    ofCustomer: ofCustomerProcedure(store.customerReceipts),
    search: searchReceiptsProcedure({ receipts: store.storeReceipts, stores: store.stores }),
    resendEmail: resendEmailProcedure({ receipts: store.receipts, recipients: store.recipients, emails }),
  });
}
