import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { peerCallHeaders } from '@scontrino/service';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

type ListInput = inferRouterInputs<ReceiptRouter>['receipts']['listForCustomer'];
export type CustomerReceiptPage = inferRouterOutputs<ReceiptRouter>['receipts']['listForCustomer'];

/** What the loyalty app's `me.receipts` needs from the receipt service. */
export interface ReceiptsClient {
  listForCustomer(input: ListInput): Promise<CustomerReceiptPage>;
}

/** The receipt service over tRPC with the shared service token (its router's type only is imported). */
export function receiptServiceClient(options: { url: string; serviceToken: string }): ReceiptsClient {
  const client = createTRPCClient<ReceiptRouter>({
    links: [
      httpLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        headers: () => peerCallHeaders(options.serviceToken),
      }),
    ],
  });
  return { listForCustomer: (input) => client.receipts.listForCustomer.query(input) };
}
