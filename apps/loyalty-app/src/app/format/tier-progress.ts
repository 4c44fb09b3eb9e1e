import type { TierStatus } from '../api/views.js';

export interface TierBar {
  /** 0…1: how far the member is from the current tier's start to the next tier's threshold. */
  ratio: number;
  /** For `<progress value max>`: whole units of the tier's basis. */
  value: number;
  max: number;
}

/**
 * The bar towards the next tier, or null at the top. It fills from 0 to the next threshold: the
 * current tier's own threshold is not known to the app, and "how much is still missing" is what
 * the member cares about.
 */
export function tierBar(tier: Pick<TierStatus, 'next' | 'qualifying'>): TierBar | null {
  if (!tier.next) return null;
  const max = Math.max(1, tier.next.threshold);
  const value = Math.min(max, Math.max(0, max - tier.next.missing));
  return { ratio: value / max, value, max };
}
