import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { WatchedSale } from '../run/points-watch.js';
import { withSlash } from './terminal-keys.js';

/** The loyalty service's typed tRPC client with the service token: the back office's and support desk's. */
export function createLoyaltyStaffClient(loyaltyUrl: string, serviceToken: string) {
  return createTRPCClient<LoyaltyRouter>({
    links: [
      httpLink({
        url: new URL('trpc', withSlash(loyaltyUrl)).href,
        headers: { authorization: `Bearer ${serviceToken}` },
      }),
    ],
  });
}

export type LoyaltyStaffClient = ReturnType<typeof createLoyaltyStaffClient>;

/** Whether a sale is among the card's member's credited sales (`members.lookup`); false for no member's card. */
export async function isCredited(client: LoyaltyStaffClient, sale: WatchedSale): Promise<boolean> {
  try {
    const { recentSales } = await client.members.lookup.query({
      tenantId: sale.tenantId,
      cardNumber: sale.cardNumber,
    });
    return recentSales.includes(sale.transactionId);
  } catch (error) {
    if (
      error instanceof TRPCClientError &&
      (error as TRPCClientError<LoyaltyRouter>).data?.httpStatus === 404
    )
      return false;
    throw error;
  }
}
