export interface ClaimLimit {
  limit: number;
  windowMs: number;
}

/**
 * A sliding window of the claims made; `take` answers whether one more fits now. Without a limit
 * every claim fits: the simulator claims with the service token, which the receipt service does
 * not count against the per-IP limit of its claim form (docs/receipts.md), so the simulator, one
 * IP, never uses up the budget of the people who share that IP.
 */
export function createClaimBudget(limit: ClaimLimit | undefined, now: () => number = Date.now) {
  const taken: number[] = [];
  return {
    take(): boolean {
      if (limit === undefined) return true;
      const at = now();
      while (taken.length > 0 && (taken[0] ?? 0) <= at - limit.windowMs) taken.shift();
      if (taken.length >= limit.limit) return false;
      taken.push(at);
      return true;
    },
  };
}

export type ClaimBudget = ReturnType<typeof createClaimBudget>;
