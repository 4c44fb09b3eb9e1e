import {
  readCache,
  verifyTerminalKey,
  type ReadCache,
  type TerminalIdentity,
  type TerminalKeyRecord,
} from '@scontrino/caller-keys';
import type { CacheInvalidation } from '@scontrino/queue';
import { AppError } from '@scontrino/errors';
import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { peerCallHeaders } from '@scontrino/service';
import { createTRPCClient, httpLink } from '@trpc/client';

/** Where the stored record of a terminal key comes from: the receipt service, which owns them. */
export interface TerminalKeyLookup {
  record(keyId: string): Promise<TerminalKeyRecord | null>;
}

/** The receipt service's `terminals.keyRecord` with the service token (between services only). */
export function receiptTerminalKeyLookup(options: { url: string; serviceToken: string }): TerminalKeyLookup {
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
      const found = await client.terminals.keyRecord.query({ keyId }).catch((error: unknown) => {
        // The till may try again: its key is not refused because the receipt service is away.
        throw new AppError(
          'terminal_keys.unavailable',
          'Terminal keys cannot be checked right now: the receipt service does not answer',
          { kind: 'unavailable', cause: error },
        );
      });
      return found && { ...found, revokedAt: found.revokedAt === null ? null : new Date(found.revokedAt) };
    },
  };
}

export interface TillKeys {
  authenticate(bearer: string): Promise<TerminalIdentity | null>;
}

/**
 * Tills' terminal keys, verified here against the record the receipt service keeps: one call to
 * it per key every few seconds at most, and a revocation announced on the receipt service's cache
 * channel (`invalidation`) drops the record here at once too.
 */
export function tillKeys(
  lookup: TerminalKeyLookup,
  invalidation?: Pick<CacheInvalidation, 'announce' | 'onAnnounce'>,
): TillKeys {
  const cache: ReadCache<TerminalKeyRecord> = readCache({
    name: 'terminal-key',
    ...(invalidation && { invalidation }),
  });
  return { authenticate: (bearer) => verifyTerminalKey(bearer, cache, (keyId) => lookup.record(keyId)) };
}
