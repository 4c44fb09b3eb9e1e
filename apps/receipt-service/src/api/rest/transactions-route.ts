import express, { type RequestHandler, type Router } from 'express';
import { jsonBody, type RateLimits } from '@scontrino/service';
import { idempotencyKeySchema } from '../../domain/idempotency-key.js';
import { type IngestDeps, recordTransaction, scopeError } from '../../use-cases/record-transaction.js';
import type { TerminalAuthenticator } from '../../use-cases/authenticate-terminal.js';
import { sendRequestError } from './error-response.js';
import { authenticateTerminal, terminalOf } from './terminal-auth.js';

/** The documented body limit of `POST /v1/transactions` (1,000 lines fit with room to spare). */
export const TRANSACTION_BODY_LIMIT = '1mb';

const requireJson: RequestHandler = (req, res, next) => {
  // The header itself, not `req.is`, which says "no" to an empty body: that is a 422, not a 415.
  const mediaType = req.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return next();
  sendRequestError(
    req,
    res,
    415,
    'request.unsupported_media_type',
    'Send the transaction as Content-Type: application/json',
  );
};

/**
 * Sales per till and minute before a 429. A till sells a few a minute; one back online after an
 * outage sends its queue at once, so the limit is generous: it stops a stolen key or a runaway
 * loop, not a busy Saturday. Counted in Redis, shared by every replica (docs/operations.md).
 */
export const TILL_RATE_LIMIT = { windowMs: 60_000, limit: 600 };

/**
 * `POST /v1/transactions`. Checks in this order: content type (415), size (413), JSON (400),
 * terminal key (401), the till's rate (429), store and terminal of the key (403),
 * `Idempotency-Key` (400), the contract (422), idempotency and `transactionId` reuse (409); then 201.
 */
export function transactionsRoute(
  deps: IngestDeps & {
    terminalKeys: TerminalAuthenticator;
    limits: Pick<RateLimits, 'middleware'>;
    tillRateLimit?: { windowMs: number; limit: number };
  },
): Router {
  const router = express.Router();
  const { windowMs, limit } = deps.tillRateLimit ?? TILL_RATE_LIMIT;
  const perTill = deps.limits.middleware(
    { name: 'till', windowMs, limit },
    {
      key: (_req, res) => terminalOf(res).keyId,
      refuse: (req, res) =>
        sendRequestError(
          req,
          res,
          429,
          'request.rate_limited',
          `More than ${limit} requests from this till in ${windowMs / 1000} s; retry later`,
        ),
    },
  );
  router.post(
    '/v1/transactions',
    requireJson,
    jsonBody({ limit: TRANSACTION_BODY_LIMIT, type: 'application/json', strict: false }),
    authenticateTerminal(deps.terminalKeys),
    perTill,
    async (req, res) => {
      const terminal = terminalOf(res);
      const forbidden = scopeError(terminal, req.body);
      if (forbidden) throw forbidden;
      const idempotencyKey = idempotencyKeySchema.safeParse(req.get('Idempotency-Key'));
      if (!idempotencyKey.success) {
        sendRequestError(
          req,
          res,
          400,
          'request.idempotency_key',
          'Send an Idempotency-Key header of 1–255 visible ASCII characters (e.g. a UUID), the same on every retry',
        );
        return;
      }
      const answer = await recordTransaction(deps, {
        terminal,
        idempotencyKey: idempotencyKey.data,
        body: req.body as unknown,
      });
      res.status(201).json(answer);
    },
  );
  return router;
}
