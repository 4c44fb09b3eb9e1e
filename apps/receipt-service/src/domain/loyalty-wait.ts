/** The first look again for a receipt's loyalty block; each next one waits twice as long. */
export const FIRST_LOYALTY_RECHECK_MS = 250;

/**
 * When a receipt email whose block has not come yet looks again: after 250 ms, 500 ms, 1 s… (the
 * loyalty service usually answers within the first ones), never past the wait that is left. Null
 * when nothing is left: the email goes without the block. Counted in delays, not read off a clock,
 * so the wait is the same whatever the clock says.
 */
export function nextLoyaltyRecheck(input: {
  checks: number;
  leftMs: number;
}): { delayMs: number; leftMs: number } | null {
  if (input.leftMs <= 0) return null;
  const delayMs = Math.min(FIRST_LOYALTY_RECHECK_MS * 2 ** input.checks, input.leftMs);
  return { delayMs, leftMs: input.leftMs - delayMs };
}
