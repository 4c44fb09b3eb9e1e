import type { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { capture, hold, quote, voidHold } from '../../use-cases/redemptions.js';
import {
  type captureInput,
  type captureOutput,
  type holdInput,
  type holdOutput,
  type quoteInput,
  type quoteOutput,
  tillMemberOf,
  type voidInput,
  type voidOutput,
} from './redemption-schemas.js';

/** The four redemption steps on validated input, shared by tRPC and REST so both answer alike. */
export function redemptionCommands(deps: LoyaltyDeps) {
  return {
    quote: async (input: z.infer<typeof quoteInput>): Promise<z.infer<typeof quoteOutput>> =>
      quote(deps, { ...tillMemberOf(input), basketTotal: input.basketTotal }),
    hold: async (input: z.infer<typeof holdInput>): Promise<z.infer<typeof holdOutput>> => {
      const held = await hold(deps, {
        ...tillMemberOf(input),
        basketTotal: input.basketTotal,
        points: input.points,
      });
      return { ...held, expiresAt: held.expiresAt.toISOString() };
    },
    capture: (input: z.infer<typeof captureInput>): Promise<z.infer<typeof captureOutput>> =>
      capture(deps, input),
    void: (input: z.infer<typeof voidInput>): Promise<z.infer<typeof voidOutput>> => voidHold(deps, input),
  };
}

export type RedemptionCommands = ReturnType<typeof redemptionCommands>;
