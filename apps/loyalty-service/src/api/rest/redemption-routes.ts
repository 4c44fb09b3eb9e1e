import { authenticateBearer, callerOf, type TerminalIdentity } from '@scontrino/caller-keys';
import { AppError } from '@scontrino/errors';
import { issuesFromZod } from '@scontrino/trpc';
import { jsonBody } from '@scontrino/service';
import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { TillKeys } from '../../clients/terminal-keys.js';
import { tillHoldViolation, tillRequestViolation } from '../../domain/redemption/till-scope.js';
import type { RedemptionCommands } from '../redemptions/redemption-commands.js';
import { captureInput, holdInput, quoteInput, voidInput } from '../redemptions/redemption-schemas.js';

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

const forbidden = (message: string) => new AppError('auth.scope', message, { kind: 'forbidden' });

/** The till whose terminal key the request carries, allowed to quote or hold for this body. */
function tillFor(req: Request, res: Response): TerminalIdentity {
  const terminal = callerOf<TerminalIdentity>(res, 'terminal');
  const violation = tillRequestViolation(terminal, req.body);
  if (violation) throw forbidden(violation);
  return terminal;
}

/** The till, allowed to capture or void this hold: a hold of its brand and of its store. */
async function tillForHold(commands: RedemptionCommands, req: Request, res: Response): Promise<void> {
  const terminal = callerOf<TerminalIdentity>(res, 'terminal');
  const holdId = String(req.params.holdId);
  const scope = await commands.holdScope(holdId);
  if (!scope) return; // the command answers 404 (or 422 for a malformed id)
  const violation = tillHoldViolation(terminal, { holdId, ...scope });
  if (violation) throw forbidden(violation);
}

/**
 * Redemption at the till over REST, for tills written in any language: quote, hold, capture,
 * void. Tills authenticate with their own terminal keys (issued by the receipt service,
 * `terminals.issueKey`), scoped to their brand and store; the service token is not accepted here.
 * Same commands and errors as the tRPC procedures; errors are the service's JSON errors.
 */
export function redemptionRoutes(commands: RedemptionCommands, keys: TillKeys): Router {
  const routes = express.Router();
  routes.use(
    '/v1/redemptions',
    authenticateBearer({
      authenticate: (bearer) => keys.authenticate(bearer),
      realm: 'scontrino-pos',
      keyName: 'the terminal key',
      local: 'terminal',
    }),
    jsonBody({ limit: '16kb', strict: false }),
  );
  routes.post('/v1/redemptions/quote', async (req, res) => {
    tillFor(req, res);
    res.json(await commands.quote(validated(quoteInput, req)));
  });
  routes.post('/v1/redemptions/hold', async (req, res) => {
    const terminal = tillFor(req, res);
    res.status(201).json(await commands.hold(validated(holdInput, req), terminal.storeId));
  });
  routes.post('/v1/redemptions/:holdId/capture', async (req, res) => {
    await tillForHold(commands, req, res);
    res.json(await commands.capture(validated(captureInput, req, { holdId: req.params.holdId })));
  });
  routes.post('/v1/redemptions/:holdId/void', async (req, res) => {
    await tillForHold(commands, req, res);
    res.json(await commands.void(validated(voidInput, req, { holdId: req.params.holdId })));
  });
  return routes;
}
