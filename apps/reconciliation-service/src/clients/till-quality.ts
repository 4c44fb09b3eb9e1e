import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { WeeklyReport } from '../domain/quality/weekly-report.js';
import type { PeerAddress } from './privacy-peers.js';

/** The receipt service's till data quality of a tenant over days (`quality.contacts`). */
export interface TillQuality {
  contacts(tenantId: string, from: string, to: string): Promise<NonNullable<WeeklyReport['contacts']>>;
}

export function receiptTillQuality(peer: PeerAddress, timeoutMs: number): TillQuality {
  const receipt = createTRPCClient<ReceiptRouter>({
    links: [
      httpLink({
        url: `${peer.url.replace(/\/+$/, '')}/trpc`,
        headers: { authorization: `Bearer ${peer.serviceToken}` },
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      }),
    ],
  });
  return {
    async contacts(tenantId, from, to) {
      const answer = await receipt.quality.contacts.query({ tenantId, from, to });
      return { total: answer.total, stores: answer.stores, cashiers: answer.cashiers };
    },
  };
}
