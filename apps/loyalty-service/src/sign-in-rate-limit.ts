import type { RateLimitRule, RateLimits } from '@scontrino/service';
import type { RequestHandler } from 'express';

const PROCEDURE = 'auth.requestCode';

/**
 * Per-IP limit on `auth.requestCode`, in front of tRPC (also when batched with other calls). The
 * refusal is a tRPC error (`TOO_MANY_REQUESTS`, `httpStatus` 429), which the loyalty app shows as
 * "too many requests".
 */
export function signInCodeIpLimit(
  limits: Pick<RateLimits, 'middleware'>,
  rule: RateLimitRule,
): RequestHandler {
  const limited = limits.middleware(rule, {
    refuse: (req, res) => {
      const error = {
        message: 'Too many sign-in codes asked from this network address; try again later',
        code: -32029,
        data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: PROCEDURE },
      };
      const calls = req.path.slice(1).split(',');
      res.status(429).json(req.query.batch ? calls.map(() => ({ error })) : { error });
    },
  });
  return (req, res, next) => {
    if (req.method === 'POST' && req.path.slice(1).split(',').includes(PROCEDURE))
      void limited(req, res, next);
    else next();
  };
}
