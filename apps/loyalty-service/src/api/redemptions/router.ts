import { router, serviceProcedure } from '@scontrino/trpc';
import type { RedemptionCommands } from './redemption-commands.js';
import {
  captureInput,
  captureOutput,
  holdInput,
  holdOutput,
  quoteInput,
  quoteOutput,
  voidInput,
  voidOutput,
} from './redemption-schemas.js';

/**
 * Redemption over tRPC, between services (service token). Tills use the REST twin,
 * `/v1/redemptions`, with their own terminal keys.
 */
export function createRedemptionsRouter(commands: RedemptionCommands) {
  return router({
    quote: serviceProcedure
      .input(quoteInput)
      .output(quoteOutput)
      .query(({ input }) => commands.quote(input)),
    hold: serviceProcedure
      .input(holdInput)
      .output(holdOutput)
      .mutation(({ input }) => commands.hold(input)),
    capture: serviceProcedure
      .input(captureInput)
      .output(captureOutput)
      .mutation(({ input }) => commands.capture(input)),
    void: serviceProcedure
      .input(voidInput)
      .output(voidOutput)
      .mutation(({ input }) => commands.void(input)),
  });
}
