import { readCache, verifyShopKey, type ShopIdentity, type ShopKeyRecord } from '@scontrino/caller-keys';
import { AppError } from '@scontrino/errors';
import type { CacheInvalidation } from '@scontrino/queue';
import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { peerCallHeaders } from '@scontrino/service';
import { createTRPCClient, httpLink } from '@trpc/client';

/** Where the stored record of a shop key comes from: the receipt service, which issues them. */
export interface ShopKeyLookup {
  record(keyId: string): Promise<ShopKeyRecord | null>;
}

/** The receipt service's `shops.keyRecord` with the service token (between services only). */
export function receiptShopKeyLookup(options: { url: string; serviceToken: string }): ShopKeyLookup {
  const client = createTRPCClient<ReceiptRouter>({
    links: [
      httpLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        headers: () => peerCallHeaders(options.serviceToken),
      }),
    ],
  });
  return {
    async record(keyId) {
      const found = await client.shops.keyRecord.query({ keyId }).catch((error: unknown) => {
        // The shop may try again: its key is not refused because the receipt service is away.
        throw new AppError(
          'shop_keys.unavailable',
          'Shop keys cannot be checked right now: the receipt service does not answer',
          { kind: 'unavailable', cause: error },
        );
      });
      return found && { ...found, revokedAt: found.revokedAt === null ? null : new Date(found.revokedAt) };
    },
  };
}

export interface WebShopKeys {
  authenticate(bearer: string): Promise<ShopIdentity | null>;
}

/**
 * Web shops' keys (`sk_shop_…`), verified here against the record the receipt service keeps: one
 * call to it per key every few seconds at most, and a revocation announced on the receipt
 * service's cache channel (`invalidation`) drops the record here at once.
 */
export function webShopKeys(
  lookup: ShopKeyLookup,
  invalidation?: Pick<CacheInvalidation, 'announce' | 'onAnnounce'>,
): WebShopKeys {
  const cache = readCache<ShopKeyRecord>({ name: 'shop-key', ...(invalidation && { invalidation }) });
  return { authenticate: (bearer) => verifyShopKey(bearer, cache, (keyId) => lookup.record(keyId)) };
}
