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
    /** `storeId`: the till's store, from its terminal key; capture and void then need a key of that store. */
    hold: async (
      input: z.infer<typeof holdInput>,
      storeId: string | null = null,
    ): Promise<z.infer<typeof holdOutput>> => {
      const held = await hold(deps, {
        ...tillMemberOf(input),
        storeId,
        basketTotal: input.basketTotal,
        points: input.points,
      });
      return { ...held, expiresAt: held.expiresAt.toISOString() };
    },
    capture: (input: z.infer<typeof captureInput>): Promise<z.infer<typeof captureOutput>> =>
      capture(deps, input),
    /** The tenant and store a hold was made for, null for an unknown hold id. */
    holdScope: async (holdId: string): Promise<{ tenantId: string; storeId: string | null } | null> => {
      const held = await deps.store.holds.get(holdId);
      return held && { tenantId: held.tenantId, storeId: held.storeId ?? null };
    },
    void: (input: z.infer<typeof voidInput>): Promise<z.infer<typeof voidOutput>> => voidHold(deps, input),
  };
}

export type RedemptionCommands = ReturnType<typeof redemptionCommands>;
