import type { Tier } from '../program/program-config.js';
import type { TierEvaluation, TierRules } from './tier-timeline.js';

export interface TierProgress {
  tier: { code: string; name: string; multiplier: number; since: Date };
  basis: 'points' | 'spend';
  qualifying: number;
  /** The tier above and how much is still missing to reach it; null at the top. */
  next: { code: string; name: string; threshold: number; missing: number } | null;
  /** When the member drops one tier unless they earn enough before; null when not at risk. */
  downgradeAt: Date | null;
}

/** What the app shows under the member's tier: the next one and how far it is. */
export function tierProgress(rules: TierRules, evaluation: TierEvaluation): TierProgress {
  const index = rules.levels.findIndex((level) => level.code === evaluation.tier.code);
  const next: Tier | undefined = rules.levels[index + 1];
  return {
    tier: {
      code: evaluation.tier.code,
      name: evaluation.tier.name,
      multiplier: evaluation.tier.multiplier,
      since: evaluation.since,
    },
    basis: rules.basis,
    qualifying: evaluation.qualifying,
    next: next
      ? {
          code: next.code,
          name: next.name,
          threshold: next.threshold,
          missing: Math.max(0, next.threshold - evaluation.qualifying),
        }
      : null,
    downgradeAt: evaluation.downgradeAt,
  };
}
