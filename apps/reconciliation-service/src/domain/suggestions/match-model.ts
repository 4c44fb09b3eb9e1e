import { emailLevels, type EmailLevel } from './email-variants.js';

/**
 * A Fellegi–Sunter model of "are these two identifiers one customer?": each comparison of the
 * pair falls in a level; each level has an m probability (how often a true pair shows it) and a
 * u probability (how often two different customers show it). The match weight is
 * `log2(λ / (1 − λ)) + Σ log2(m / u)`, the probability `2^w / (1 + 2^w)`, as in Splink.
 */
export const comparisonLevels = {
  email: emailLevels,
  phone: ['same-national-number', 'different'],
  /** Both were seen with one name (case, accents and word order aside), or each with another. */
  name: ['same', 'different'],
  /** Both were seen at one store, or each only at others. */
  store: ['same', 'different'],
} as const satisfies Record<string, readonly string[]>;

export type Comparison = keyof typeof comparisonLevels;
/** A comparison left out is unknown (one side was never seen with a name, or at a store): it weighs nothing. */
export type ComparisonVector = {
  email?: EmailLevel;
  phone?: (typeof comparisonLevels.phone)[number];
  name?: (typeof comparisonLevels.name)[number];
  store?: (typeof comparisonLevels.store)[number];
};
export type LevelProbabilities = { [C in Comparison]: Record<(typeof comparisonLevels)[C][number], number> };

export interface MatchModel {
  /** Prior probability that two identifiers of the type, drawn at random, are one customer's. */
  lambda: { email: number; phone: number };
  m: LevelProbabilities;
  u: LevelProbabilities;
  /**
   * u of the e-mail levels among two different customers **of one name**, used instead of `u.email`
   * when the pair shares a name. An address is mostly its owner's name, so the two comparisons are
   * not independent: `luciamarino@outlook.it` / `luciamarino@libero.it` is rare among strangers
   * (`u.email`) yet common among two Lucia Marinos. Multiplying both weights counted the name twice
   * and filled the queue with namesakes. Estimated from pairs of different profiles under one name;
   * absent in a model stored before it existed (then `u.email` is used, as before).
   */
  uSameName?: { email: Record<EmailLevel, number> } | undefined;
  /** At or above `autoMerge`: merged at once (reversible); at or above `review`: the review queue. */
  thresholds: { review: number; autoMerge: number };
  /** `default` until estimated from the tenant's data. */
  source: 'default' | 'estimated';
  estimatedAt: Date | null;
  /** What the estimate rests on: labelled pairs (one profile) and random pairs. */
  basis: { matchedPairs: number; randomPairs: number; sameNamePairs?: number | undefined } | null;
}

/**
 * E-mail levels an address built from its owner's name shows between two people of one name,
 * without any typo: given a shared name, they are scored with `uSameName` (see {@link MatchModel}).
 */
export const NAME_BUILT_LEVELS: readonly EmailLevel[] = ['same-local-other-provider', 'separators-only'];

/** Who an automatic merge is recorded as (on its must-link, its merge record and event). */
export const AUTO_MERGE_ACTOR = 'auto-merge';

export const defaultThresholds = { review: 0.5, autoMerge: 0.99 } as const;

/**
 * Until the tenant's own estimate: guesses in the spirit of the data the service sees (one
 * customer in a few thousand, variants rare among true pairs and rarer among strangers).
 */
export const defaultMatchModel: MatchModel = {
  lambda: { email: 1 / 5000, phone: 1 / 5000 },
  m: {
    email: {
      'same-mailbox': 0.04,
      'numbered-namesake': 0.002,
      'letters-swapped': 0.005,
      'separators-only': 0.005,
      'domain-typo': 0.005,
      'one-edit': 0.01,
      'same-local-other-provider': 0.03,
      different: 0.903,
    },
    phone: { 'same-national-number': 0.02, different: 0.98 },
    name: { same: 0.5, different: 0.5 },
    store: { same: 0.6, different: 0.4 },
  },
  u: {
    email: {
      'same-mailbox': 0.000005,
      'numbered-namesake': 0.0001,
      'letters-swapped': 0.00001,
      'separators-only': 0.00002,
      'domain-typo': 0.00001,
      'one-edit': 0.0001,
      'same-local-other-provider': 0.0005,
      different: 0.999285,
    },
    phone: { 'same-national-number': 0.00001, different: 0.99999 },
    name: { same: 0.001, different: 0.999 },
    store: { same: 0.1, different: 0.9 },
  },
  // Two people of one name: one in ten builds the address the same way at another provider (a
  // guess until estimated); the other levels as among all strangers.
  uSameName: {
    email: {
      'same-mailbox': 0.000005,
      'numbered-namesake': 0.0001,
      'letters-swapped': 0.00001,
      'separators-only': 0.05,
      'domain-typo': 0.00001,
      'one-edit': 0.0001,
      'same-local-other-provider': 0.1,
      different: 0.849805,
    },
  },
  thresholds: defaultThresholds,
  source: 'default',
  estimatedAt: null,
  basis: null,
};

export interface Contribution {
  comparison: Comparison;
  level: string;
  /** log2(m / u): what this level adds to the match weight. */
  weight: number;
}

export interface PairScore {
  probability: number;
  weight: number;
  contributions: Contribution[];
}

const levelOf = (vector: ComparisonVector, comparison: Comparison) =>
  vector[comparison] as string | undefined;

/** The match weight and probability of a comparison vector, with what each comparison added. */
export function scoreVector(model: MatchModel, vector: ComparisonVector): PairScore {
  const type = vector.phone !== undefined ? 'phone' : 'email';
  const lambda = model.lambda[type];
  const contributions: Contribution[] = [];
  let weight = Math.log2(lambda / (1 - lambda));
  for (const comparison of Object.keys(comparisonLevels) as Comparison[]) {
    const level = levelOf(vector, comparison);
    if (level === undefined) continue;
    // A level added after the model was stored takes the default model's guess.
    const m =
      (model.m[comparison] as Record<string, number>)[level] ??
      (defaultMatchModel.m[comparison] as Record<string, number>)[level] ??
      0;
    const givenName =
      comparison === 'email' && vector.name === 'same'
        ? (model.uSameName?.email as Record<string, number> | undefined)?.[level]
        : undefined;
    const u =
      givenName ??
      (model.u[comparison] as Record<string, number>)[level] ??
      (defaultMatchModel.u[comparison] as Record<string, number>)[level] ??
      0;
    const added = Math.log2(m / u);
    contributions.push({ comparison, level, weight: added });
    weight += added;
  }
  const odds = 2 ** weight;
  return { probability: Number.isFinite(odds) ? odds / (1 + odds) : 1, weight, contributions };
}

const reasonOf: Record<string, string> = {
  'email:same-mailbox': "one mailbox under the provider's dot and + rules",
  'email:letters-swapped': 'e-mail with two letters swapped',
  'email:separators-only': 'e-mail with other dots, dashes or underscores',
  'email:domain-typo': 'e-mail domain one typo off',
  'email:one-edit': 'e-mail one letter apart',
  'email:same-local-other-provider': 'same e-mail name at another provider',
  'phone:same-national-number': 'same phone digits, different prefix',
  'name:same': 'same name',
  'store:same': 'seen at the same store',
};

/** What speaks for the pair, most telling first, in words staff read in the queue. */
export function reasonsOf(score: PairScore): string[] {
  return score.contributions
    .filter((c) => c.weight > 0)
    .sort((x, y) => y.weight - x.weight)
    .flatMap((c) => {
      const reason = reasonOf[`${c.comparison}:${c.level}`];
      return reason ? [reason] : [];
    });
}

export type MatchDecision =
  | { kind: 'auto-merge' | 'review'; score: PairScore; reasons: string[] }
  | { kind: 'none'; score: PairScore; guard: 'numbered-namesake' | null };

/**
 * What to do with a scored pair. Guard first: two addresses that differ only in their numbers
 * (`bruno281` / `bruno821`, one digit apart or swapped) are how a provider tells namesakes
 * apart, so they are neither merged nor suggested, whatever else they share. Then the model:
 * at or above the high threshold, merge; between the two, the review queue.
 */
export function decide(model: MatchModel, vector: ComparisonVector): MatchDecision {
  const score = scoreVector(model, vector);
  if (vector.email === 'numbered-namesake') return { kind: 'none', score, guard: 'numbered-namesake' };
  const reasons = reasonsOf(score);
  if (score.probability >= model.thresholds.autoMerge) return { kind: 'auto-merge', score, reasons };
  if (score.probability >= model.thresholds.review) return { kind: 'review', score, reasons };
  return { kind: 'none', score, guard: null };
}
