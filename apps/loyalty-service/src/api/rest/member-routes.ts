import { authenticateBearer, callerOf, type TerminalIdentity } from '@scontrino/caller-keys';
import { AppError } from '@scontrino/errors';
import { jsonBody } from '@scontrino/service';
import { issuesFromZod } from '@scontrino/trpc';
import express, { type Router } from 'express';
import type { TillKeys } from '../../clients/terminal-keys.js';
import { tillEnrolViolation } from '../../domain/redemption/till-scope.js';
import { enrolMember } from '../../use-cases/enrol-member.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { enrolInput } from '../members/enrol.js';
import { memberView } from '../members/member-view.js';

/** What a till sends: `members.enrol`'s input; the consent is recorded as given at the till. */
export const tillEnrolInput = enrolInput.omit({ marketingConsent: true, profileId: true }).extend({
  marketingConsent: enrolInput.shape.marketingConsent.shape.granted,
});

/**
 * `POST /v1/members`: a till enrols a customer with its own terminal key (the one it posts sales
 * with), for its brand only (403 for another, checked before validation); the service token is
 * refused here, as on `/v1/redemptions/*`. The same use case as `members.enrol`; the answer is
 * the member masked, as a till's screen shows it.
 */
export function memberRoutes(deps: LoyaltyDeps, keys: TillKeys): Router {
  const routes = express.Router();
  routes.post(
    '/v1/members',
    authenticateBearer({
      authenticate: (bearer) => keys.authenticate(bearer),
      realm: 'scontrino-pos',
      keyName: 'the terminal key',
      local: 'terminal',
    }),
    jsonBody({ limit: '16kb', strict: false }),
    async (req, res) => {
      const violation = tillEnrolViolation(callerOf<TerminalIdentity>(res, 'terminal'), req.body);
      if (violation) throw new AppError('auth.scope', violation, { kind: 'forbidden' });
      const parsed = tillEnrolInput.safeParse(req.body);
      if (!parsed.success)
        throw new AppError('request.invalid', 'Invalid input', {
          kind: 'invalid',
          issues: issuesFromZod(parsed.error),
        });
      const { marketingConsent, ...enrolment } = parsed.data;
      const member = await enrolMember(deps, {
        ...enrolment,
        marketingConsent: { granted: marketingConsent, source: 'till' },
      });
      res.status(201).json(memberView(member, deps.crypto, { clear: false }));
    },
  );
  return routes;
}
