import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import { createTRPCClient, httpLink, type HTTPHeaders } from '@trpc/client';

/** Same origin: the dev and preview servers proxy `/trpc` to the loyalty service. */
const TRPC_PATH = '/trpc';

export interface LoyaltyClients {
  typed: ReturnType<typeof createTRPCClient<LoyaltyRouter>>;
}

/** `token()` is read on every call, so a sign-in or sign-out takes effect without a new client. */
export function createLoyaltyClients(token: () => string | null): LoyaltyClients {
  const link = () =>
    httpLink({
      url: TRPC_PATH,
      headers: (): HTTPHeaders => {
        const current = token();
        return current ? { authorization: `Bearer ${current}` } : {};
      },
    });
  return {
    typed: createTRPCClient<LoyaltyRouter>({ links: [link()] }),
  };
}
