import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { WatchedSale } from '../run/points-watch.js';
import { withSlash } from './terminal-keys.js';

/**
 * The loyalty service's typed tRPC client with a bearer token: a staff token for the back office's
 * procedures (`program.activate`), or the service token for those open to services too
 * (`members.enrol` as a till enrols, `members.lookup` as the support desk's screen reads a card).
 */
export function createLoyaltyStaffClient(loyaltyUrl: string, token: string) {
  return createTRPCClient<LoyaltyRouter>({
    links: [
      httpLink({
        url: new URL('trpc', withSlash(loyaltyUrl)).href,
        headers: { authorization: `Bearer ${token}` },
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
