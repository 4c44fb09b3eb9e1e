import type { EmailLevel } from './email-variants.js';
import {
  NAME_BUILT_LEVELS,
  comparisonLevels,
  defaultMatchModel,
  type Comparison,
  type ComparisonVector,
  type LevelProbabilities,
  type MatchModel,
} from './match-model.js';

/**
 * What the estimate reads, for e-mail pairs and phone pairs apart:
 * - `matched`: pairs inside one profile (the deterministic links are the labels: a card, phone
 *   or order tied them, so they are one customer whatever their values look like);
 * - `random`: pairs drawn at random among all identifiers of the type (almost all strangers);
 * - `pairs`: how many pairs of the type there are, and how many of them lie inside one profile;
 * - `sameName`: e-mail pairs of two different profiles seen with one name (mostly namesakes).
 */
export interface EstimationSample {
  matched: readonly ComparisonVector[];
  random: readonly ComparisonVector[];
  sameName?: readonly ComparisonVector[] | undefined;
  pairs: { email: { all: number; inProfiles: number }; phone: { all: number; inProfiles: number } };
}

/** Pseudo-pairs of the default model mixed into m: a level no labelled pair shows keeps a guess. */
export const M_PRIOR_PAIRS = 10;

function counts(vectors: readonly ComparisonVector[], comparison: Comparison) {
  const tally = new Map<string, number>();
  let total = 0;
  for (const vector of vectors) {
    const level = vector[comparison] as string | undefined;
    if (level === undefined) continue;
    tally.set(level, (tally.get(level) ?? 0) + 1);
    total += 1;
  }
  return { tally, total };
}

function probabilities(
  vectors: readonly ComparisonVector[],
  smooth: (comparison: Comparison, level: string, count: number, total: number) => number,
): LevelProbabilities {
  const out = {} as Record<Comparison, Record<string, number>>;
  for (const comparison of Object.keys(comparisonLevels) as Comparison[]) {
    const { tally, total } = counts(vectors, comparison);
    const raw = comparisonLevels[comparison].map(
      (level) => [level, smooth(comparison, level, tally.get(level) ?? 0, total)] as const,
    );
    const sum = raw.reduce((s, [, p]) => s + p, 0);
    out[comparison] = Object.fromEntries(raw.map(([level, p]) => [level, p / sum]));
  }
  return out;
}

/**
 * m and u from the tenant's data, Splink-style but with labels instead of EM:
 * - u per level: its share among random pairs, half a pair added to every level (a variant
 *   never seen among strangers is not called impossible);
 * - m per level: its share among pairs inside one profile, with the default model's guess
 *   weighing as `M_PRIOR_PAIRS` pairs;
 * - λ per type: the share of all pairs of the type that lie inside one profile.
 * Why labels and not EM: the name and the e-mail's letters are both what finds candidates and
 * what scores them, and EM over those candidates reads "same name" as proof (its u among
 * candidates is not its u among strangers), so namesakes drift into the queue; the profiles the
 * deterministic rules built are thousands of labelled true pairs, including the typo and dot
 * variants a card or a phone already tied together.
 */
export function estimateMatchModel(
  sample: EstimationSample,
  now: Date,
  base: MatchModel = defaultMatchModel,
): MatchModel {
  const m = probabilities(sample.matched, (comparison, level, count, total) => {
    const prior = (base.m[comparison] as Record<string, number>)[level] ?? 0;
    return (count + M_PRIOR_PAIRS * prior) / (total + M_PRIOR_PAIRS);
  });
  const u = probabilities(sample.random, (_comparison, _level, count) => count + 0.5);
  // Among people of one name, the levels an address built from the name shows without any typo
  // (`NAME_BUILT_LEVELS`): their share among pairs of different profiles under one name, the
  // default guess weighing as `M_PRIOR_PAIRS` pairs, never below their u among all strangers. The
  // typo and dot levels keep their u: namesakes rarely show them, and the pairs they would be
  // measured on are the very look-alikes suggestions look for.
  const sameName = sample.sameName ?? [];
  const guess = base.uSameName?.email ?? defaultMatchModel.uSameName?.email;
  const { tally, total } = counts(sameName, 'email');
  const given = Object.fromEntries(
    comparisonLevels.email.map((level) => {
      if (!NAME_BUILT_LEVELS.includes(level)) return [level, u.email[level]];
      const share =
        ((tally.get(level) ?? 0) + M_PRIOR_PAIRS * (guess?.[level] ?? 0)) / (total + M_PRIOR_PAIRS);
      return [level, Math.max(share, u.email[level])];
    }),
  ) as Record<EmailLevel, number>;
  const others = comparisonLevels.email.reduce(
    (s, level) => (level === 'different' ? s : s + given[level]),
    0,
  );
  const uSameName = { email: { ...given, different: Math.max(0, 1 - others) } };
  const lambda = (type: 'email' | 'phone') => {
    const { all, inProfiles } = sample.pairs[type];
    return all > 0 && inProfiles > 0 ? Math.min(0.5, inProfiles / all) : base.lambda[type];
  };
  return {
    lambda: { email: lambda('email'), phone: lambda('phone') },
    m,
    u,
    uSameName,
    thresholds: base.thresholds,
    source: 'estimated',
    estimatedAt: now,
    basis: { matchedPairs: sample.matched.length, randomPairs: sample.random.length, sameNamePairs: total },
  };
}
