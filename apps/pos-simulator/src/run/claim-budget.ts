export interface ClaimLimit {
  limit: number;
  windowMs: number;
}

/**
 * The receipt service takes at most 10 claim POSTs per 15 minutes from one IP (docs/receipts.md).
 * Real customers claim from their own phones; the simulator is one IP, so it spends claims within
 * that limit and counts the rest as skipped, rather than reporting rate-limit refusals it caused.
 */
export const DEFAULT_CLAIM_LIMIT: ClaimLimit = { limit: 10, windowMs: 15 * 60 * 1000 };

/** A sliding window of the claims made; `take` answers whether one more fits now. */
export function createClaimBudget(limit: ClaimLimit, now: () => number = Date.now) {
  const taken: number[] = [];
  return {
    take(): boolean {
      const at = now();
      while (taken.length > 0 && (taken[0] ?? 0) <= at - limit.windowMs) taken.shift();
      if (taken.length >= limit.limit) return false;
      taken.push(at);
      return true;
    },
  };
}

export type ClaimBudget = ReturnType<typeof createClaimBudget>;
