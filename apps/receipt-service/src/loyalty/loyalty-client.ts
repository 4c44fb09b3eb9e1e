import {
  SALE_CREDIT_PROCEDURE,
  saleCreditSchema,
  type SaleCredit,
  type TransactionRecordedPayload,
} from '@scontrino/contracts';
import { type Logger, peerCallHeaders } from '@scontrino/service';
import { createTRPCUntypedClient, httpLink } from '@trpc/client';

export interface LoyaltyClient {
  /**
   * Credits a recorded sale to the member holding its card and answers the receipt's loyalty
   * block; null when nobody holds the card, and also when the loyalty service is down, slow or
   * answers nonsense: a receipt is never held back by loyalty (the event credits the sale later).
   */
  creditSale(sale: TransactionRecordedPayload): Promise<SaleCredit>;
}

export interface LoyaltyClientOptions {
  url: string;
  serviceToken: string;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Untyped on purpose: the loyalty service imports this service's router type, so this one cannot
 * import its (no dependency cycles); the answer is validated with the schema both share instead.
 */
export function createLoyaltyClient(options: LoyaltyClientOptions): LoyaltyClient {
  const client = createTRPCUntypedClient({
    links: [
      httpLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        headers: () => peerCallHeaders(options.serviceToken),
      }),
    ],
  });
  return {
    async creditSale(sale) {
      try {
        const answer: unknown = await client.mutation(SALE_CREDIT_PROCEDURE, sale, {
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        return saleCreditSchema.parse(answer);
      } catch (error) {
        options.logger.warn(
          { saleId: sale.id, reason: error instanceof Error ? error.message : String(error) },
          'no loyalty block: the loyalty service did not answer in time or in shape',
        );
        return null;
      }
    },
  };
}
