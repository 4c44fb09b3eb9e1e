import { createTRPCClient, httpLink } from '@trpc/client';
import type { OnlineOrderInput as ServiceOrderInput } from '../src/api/orders/online-order-input.js';
import type { ReconciliationRouter } from '../src/api/router.js';
import type { OnlineOrderInput } from './synthetic/api-inputs.js';
import type { ReconciliationCalls } from './feed.js';

// The generator's order body must be one the service accepts (checked by the compiler, not at run time).
const _sameOrderShape = (body: OnlineOrderInput): ServiceOrderInput => body;

export interface ProfilePage {
  profiles: {
    profileId: string;
    householdId: string | null;
    identifiers: { type: string; hash: string }[];
  }[];
  nextCursor: string | null;
}

export interface SuggestionSide {
  type: string;
  hash: string;
}

/** What a CRM analyst does in the evaluation: run the match model's estimate, read the queue. */
export function curatorClient(url: string, staffToken: string) {
  const trpc = createTRPCClient<ReconciliationRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${staffToken}` } })],
  });
  return {
    estimate: (tenantId: string) => trpc.suggestions.estimate.mutate({ tenantId }),
    /** Every suggestion of a status, page by page through the cursor. */
    async allSuggestions(tenantId: string, status: 'open' | 'merged') {
      const all: { a: SuggestionSide; b: SuggestionSide; score: number; reasons: string[] }[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await trpc.suggestions.list.query({
          tenantId,
          status,
          limit: 200,
          ...(cursor && { cursor }),
        });
        all.push(...page.suggestions);
        if (!page.nextCursor) return all;
        cursor = page.nextCursor;
      }
    },
  };
}

/** The public API over HTTP, typed tRPC with the service token. */
export function reconciliationClient(url: string, serviceToken: string) {
  const authorization = `Bearer ${serviceToken}`;
  const trpc = createTRPCClient<ReconciliationRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization } })],
  });
  const calls: ReconciliationCalls = {
    // As another service would (tRPC `orders.record`, the same command as the web shops' REST
    // route, which takes shop keys only): the harness holds the service token, not a shop key.
    recordOrder: (body) => trpc.orders.record.mutate(_sameOrderShape(body)),
    identify: (body) => trpc.observations.identify.mutate(body),
    identifyMany: async (tenantId, sightings) =>
      (await trpc.observations.identifyMany.mutate({ tenantId, sightings })).results,
    linked: async (observationId) => (await trpc.observations.status.query({ observationId })).linked,
  };
  return {
    trpc,
    calls,
    /** Every live profile of the tenant, page by page. */
    async allProfiles(tenantId: string): Promise<ProfilePage['profiles']> {
      const profiles: ProfilePage['profiles'] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await trpc.profiles.list.query({ tenantId, limit: 500, ...(cursor && { cursor }) });
        profiles.push(...page.profiles);
        if (!page.nextCursor) return profiles;
        cursor = page.nextCursor;
      }
    },
  };
}
