import { clientAddressKey, type RateLimitRule, type RateLimits } from '@scontrino/service';
import { AppError } from '@scontrino/errors';
import { publicProcedure } from '@scontrino/trpc';

/** Counts one call from a client address; false once the address had its share. */
export type ClientAddressLimit = (clientAddress: string) => Promise<boolean>;

/** A limit per client address (`req.ip`, IPv6 by /56) counted in the service's shared store. */
export function clientAddressLimit(
  limits: Pick<RateLimits, 'take'>,
  rule: RateLimitRule,
): ClientAddressLimit {
  return (clientAddress) => limits.take(rule, clientAddressKey(clientAddress));
}

/**
 * A public procedure limited per client address. The limit is a tRPC middleware, so it counts
 * the procedure tRPC resolved, however the path was spelt (`/trpc/x/auth.join`,
 * `/trpc/auth%2Ejoin`), and once per call of a batch. Input problems count too; text no store
 * could hold is refused before (422) and does not. The refusal is `TOO_MANY_REQUESTS` (HTTP 429),
 * which the loyalty app reads as "too many requests".
 */
export function limitedProcedure(limit: ClientAddressLimit, what: string) {
  const message = `Too many ${what} from this network address; try again later`;
  return publicProcedure.use(async ({ ctx, next }) => {
    if (!(await limit(ctx.clientAddress)))
      throw new AppError('request.rate_limited', message, { kind: 'rate_limited' });
    return next();
  });
}

export type LimitedProcedure = ReturnType<typeof limitedProcedure>;
