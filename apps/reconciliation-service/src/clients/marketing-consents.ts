import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import { AppError } from '@scontrino/errors';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { PeerAddress } from './privacy-peers.js';

/** A card or e-mail look-up hash and the marketing e-mail consent in force behind it (null: none recorded). */
export interface IdentifierConsent {
  type: 'card' | 'email';
  hash: string;
  marketingEmail: boolean | null;
}

/** Where marketing consent is kept: the loyalty program's members (`members.marketingConsents`). */
export interface MarketingConsents {
  of(
    tenantId: string,
    identifiers: readonly { type: 'card' | 'email'; hash: string }[],
  ): Promise<IdentifierConsent[]>;
}

/** Hashes asked per call (the procedure's limit). */
const CHUNK = 500;

/** The loyalty service over tRPC with the service token; any failure is a 503 naming it. */
export function loyaltyMarketingConsents(peer: PeerAddress, timeoutMs: number): MarketingConsents {
  const loyalty = createTRPCClient<LoyaltyRouter>({
    links: [
      httpLink({
        url: `${peer.url.replace(/\/+$/, '')}/trpc`,
        headers: { authorization: `Bearer ${peer.serviceToken}` },
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      }),
    ],
  });
  return {
    async of(tenantId, identifiers) {
      const answers: IdentifierConsent[] = [];
      try {
        for (let at = 0; at < identifiers.length; at += CHUNK) {
          const chunk = identifiers.slice(at, at + CHUNK);
          answers.push(
            ...(await loyalty.members.marketingConsents.query({ tenantId, identifiers: chunk })).consents,
          );
        }
      } catch (error) {
        throw new AppError(
          'segments.consents_unavailable',
          'loyalty-service did not answer the consent look-up',
          {
            kind: 'unavailable',
            cause: error,
          },
        );
      }
      return answers;
    },
  };
}
