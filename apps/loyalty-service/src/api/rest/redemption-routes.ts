import { AppError, identifyCaller, issuesFromZod } from '@scontrino/trpc';
import { jsonBody } from '@scontrino/service';
import express, { type Request, type RequestHandler, type Router } from 'express';
import type { z } from 'zod';
import type { RedemptionCommands } from '../redemptions/redemption-commands.js';
import { captureInput, holdInput, quoteInput, voidInput } from '../redemptions/redemption-schemas.js';

/** `Authorization: Bearer <SERVICE_TOKEN>` for now; tills get keys of their own with the POS integration. */
function requireServiceToken(serviceToken: string): RequestHandler {
  return async (req, res, next) => {
    if ((await identifyCaller(req.headers.authorization, { serviceToken })).kind === 'service') return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="scontrino-loyalty"');
    next(
      new AppError('auth.invalid_token', 'Send the service token as Authorization: Bearer <token>', {
        kind: 'unauthenticated',
      }),
    );
  };
}

/** The body (and path parameters) validated, or a 422 naming every problem by its path. */
function validated<T extends z.ZodType>(
  schema: T,
  req: Request,
  extra: Record<string, unknown> = {},
): z.infer<T> {
  const body: unknown = req.body;
  const input =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...extra } : body;
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError('request.invalid', 'Invalid input', {
      kind: 'invalid',
      issues: issuesFromZod(result.error),
    });
  return result.data;
}

/**
 * Redemption at the till over REST, for tills written in any language: quote, hold, capture,
 * void. Same commands and errors as the tRPC procedures; errors are the service's JSON errors.
 */
export function redemptionRoutes(commands: RedemptionCommands, serviceToken: string): Router {
  const routes = express.Router();
  routes.use(
    '/v1/redemptions',
    requireServiceToken(serviceToken),
    jsonBody({ limit: '16kb', strict: false }),
  );
  routes.post('/v1/redemptions/quote', async (req, res) => {
    res.json(await commands.quote(validated(quoteInput, req)));
  });
  routes.post('/v1/redemptions/hold', async (req, res) => {
    res.status(201).json(await commands.hold(validated(holdInput, req)));
  });
  routes.post('/v1/redemptions/:holdId/capture', async (req, res) => {
    res.json(await commands.capture(validated(captureInput, req, { holdId: req.params.holdId })));
  });
  routes.post('/v1/redemptions/:holdId/void', async (req, res) => {
    res.json(await commands.void(validated(voidInput, req, { holdId: req.params.holdId })));
  });
  return routes;
}
