import { router } from '@scontrino/trpc';
import type { ReceiptsClient } from '../../clients/receipt-service.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberProcedure } from '../member-procedure.js';
import { cardProcedure } from './card.js';
import { historyProcedure } from './history.js';
import { receiptsProcedure } from './receipts.js';
import { summaryProcedure } from './summary.js';

/** The loyalty app's own data, scoped by the session token to one member. */
export function createMeRouter(deps: LoyaltyDeps, receipts: ReceiptsClient) {
  const procedure = memberProcedure(deps.crypto.sessionKey, deps.clock);
  return router({
    summary: summaryProcedure(deps, procedure),
    history: historyProcedure(deps, procedure),
    receipts: receiptsProcedure(deps, receipts, procedure),
    card: cardProcedure(deps, procedure),
  });
}
