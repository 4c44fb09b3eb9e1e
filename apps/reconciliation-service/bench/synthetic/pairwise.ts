/**
 * Pairwise precision and recall of predicted profiles against ground truth, over pairs of
 * identifiers. Pairs are counted from cluster sizes (a cluster of n holds n(n-1)/2 pairs), so a
 * million identifiers cost one pass, never n² comparisons.
 */

/** What ground truth says about one identifier (by key). */
export type IdentifierLabel =
  /** `deterministicGroup`: the identifiers of this person seen together, transitively (see ground truth). */
  | { kind: 'person'; personId: string; deterministicGroup: string }
  /** A household's card: rightly in either member's profile, never a reason to join them. Not scored. */
  | { kind: 'shared' }
  /** Cashier junk: must link nothing. Not scored, but watched. */
  | { kind: 'junk' };

export interface PairCounts {
  /** Pairs that ground truth puts together. */
  truth: number;
  /** Pairs the prediction puts together. */
  predicted: number;
  /** Pairs both put together. */
  correct: number;
}

export interface PairwiseReport {
  all: PairCounts;
  /** Restricted to pairs inside one deterministic group: only recall means something there. */
  deterministic: Omit<PairCounts, 'predicted'>;
  precision: number;
  recall: number;
  deterministicRecall: number;
  /** Person identifiers scored (those in no predicted profile count as alone). */
  scoredIdentifiers: number;
  /** Predicted identifiers that ground truth does not know (a normaliser or hash mismatch). */
  unknownIdentifiers: number;
  /** Profiles holding identifiers of more than one person. */
  mixedProfiles: number;
  /** Profiles holding a junk identifier and identifiers of more than one person: joined through junk. */
  junkJoinedProfiles: number;
  /** Profiles holding a junk identifier next to anything else (junk should link nothing). */
  junkAttachedProfiles: number;
}

export const pairsOf = (n: number) => (n * (n - 1)) / 2;

function countInto(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const sumPairs = (counts: Map<string, number>) => {
  let total = 0;
  for (const n of counts.values()) total += pairsOf(n);
  return total;
};

/**
 * Scores `clusters` (lists of identifier keys, one per predicted profile) against `labels`.
 * A person identifier found in no cluster counts as a profile of its own.
 */
export function pairwiseScores(
  labels: ReadonlyMap<string, IdentifierLabel>,
  clusters: Iterable<readonly string[]>,
): PairwiseReport {
  const personSizes = new Map<string, number>();
  const groupSizes = new Map<string, number>();
  let scoredIdentifiers = 0;
  for (const label of labels.values()) {
    if (label.kind !== 'person') continue;
    scoredIdentifiers += 1;
    countInto(personSizes, label.personId);
    countInto(groupSizes, label.deterministicGroup);
  }
  const report: PairwiseReport = {
    all: { truth: sumPairs(personSizes), predicted: 0, correct: 0 },
    deterministic: { truth: sumPairs(groupSizes), correct: 0 },
    precision: 1,
    recall: 1,
    deterministicRecall: 1,
    scoredIdentifiers,
    unknownIdentifiers: 0,
    mixedProfiles: 0,
    junkJoinedProfiles: 0,
    junkAttachedProfiles: 0,
  };
  const seen = new Set<string>();
  for (const cluster of clusters) {
    const persons = new Map<string, number>();
    const groups = new Map<string, number>();
    let junk = 0;
    let scored = 0;
    for (const key of cluster) {
      const label = labels.get(key);
      if (!label) report.unknownIdentifiers += 1;
      else if (label.kind === 'junk') junk += 1;
      else if (label.kind === 'person' && !seen.has(key)) {
        seen.add(key);
        scored += 1;
        countInto(persons, label.personId);
        countInto(groups, label.deterministicGroup);
      }
    }
    report.all.predicted += pairsOf(scored);
    report.all.correct += sumPairs(persons);
    report.deterministic.correct += sumPairs(groups);
    if (persons.size > 1) report.mixedProfiles += 1;
    if (junk > 0 && persons.size > 1) report.junkJoinedProfiles += 1;
    if (junk > 0 && cluster.length > junk) report.junkAttachedProfiles += 1;
  }
  const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  report.precision = ratio(report.all.correct, report.all.predicted);
  report.recall = ratio(report.all.correct, report.all.truth);
  report.deterministicRecall = ratio(report.deterministic.correct, report.deterministic.truth);
  return report;
}
