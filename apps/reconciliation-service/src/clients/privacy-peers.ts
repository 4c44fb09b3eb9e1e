import type { IdentifierRef } from '@scontrino/contracts';
import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { AppError } from '@scontrino/errors';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';

export const privacyPeerNames = ['loyalty-service', 'receipt-service'] as const;
export type PrivacyPeerName = (typeof privacyPeerNames)[number];

/** A data subject as the peers are told about them: keyed hashes and the profile id, no values. */
export interface PeerSubject {
  tenantId: string;
  profileId: string | null;
  identifiers: IdentifierRef[];
}

export type LoyaltySubjectExport = inferRouterOutputs<LoyaltyRouter>['privacy']['exportSubject'];
export type ReceiptSubjectExport = inferRouterOutputs<ReceiptRouter>['privacy']['exportSubject'];
export interface PeerErasureOutcome {
  counts: Record<string, number>;
  completedAt: string | null;
}

/** What a data-subject request asks the loyalty and receipt services. */
export interface PrivacyPeers {
  exportSubject(peer: 'loyalty-service', subject: PeerSubject): Promise<LoyaltySubjectExport>;
  exportSubject(peer: 'receipt-service', subject: PeerSubject): Promise<ReceiptSubjectExport>;
  erasureOutcome(
    peer: PrivacyPeerName,
    input: { tenantId: string; erasureId: string },
  ): Promise<PeerErasureOutcome | null>;
}

/** Where a peer answers tRPC and the service token it accepts (in production, the one shared token). */
export interface PeerAddress {
  url: string;
  serviceToken: string;
}

export interface PrivacyPeerOptions {
  loyalty: PeerAddress;
  receipt: PeerAddress;
  /** How long one peer call may take before the request answers 503 naming the peer. */
  timeoutMs: number;
}

function link(peer: PeerAddress, timeoutMs: number) {
  return httpLink({
    url: `${peer.url.replace(/\/+$/, '')}/trpc`,
    headers: { authorization: `Bearer ${peer.serviceToken}` },
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
}

/** Any failure of a peer (down, slow, refusing) makes the whole request a 503 that names it. */
async function asking<T>(peer: PrivacyPeerName, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AppError('privacy.peer_unavailable', `${peer} did not answer the data-subject request`, {
      kind: 'unavailable',
      cause: error,
    });
  }
}

/** The loyalty and receipt services over tRPC with the shared service token. */
export function privacyPeers(options: PrivacyPeerOptions): PrivacyPeers {
  const loyalty = createTRPCClient<LoyaltyRouter>({ links: [link(options.loyalty, options.timeoutMs)] });
  const receipt = createTRPCClient<ReceiptRouter>({ links: [link(options.receipt, options.timeoutMs)] });
  return {
    exportSubject: ((peer: PrivacyPeerName, subject: PeerSubject) =>
      peer === 'loyalty-service'
        ? asking(peer, () => loyalty.privacy.exportSubject.query(subject))
        : asking(peer, () => receipt.privacy.exportSubject.query(subject))) as PrivacyPeers['exportSubject'],
    async erasureOutcome(peer, input) {
      const found = await (peer === 'loyalty-service'
        ? asking(peer, () => loyalty.privacy.erasureOutcome.query(input))
        : asking(peer, () => receipt.privacy.erasureOutcome.query(input)));
      return found && { counts: found.counts, completedAt: found.completedAt };
    },
  };
}
