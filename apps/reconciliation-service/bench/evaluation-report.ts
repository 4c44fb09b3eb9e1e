import type { SyntheticDataset } from './synthetic/dataset.js';
import { mixedProfiles, splitGroups, tally, type PredictedProfile } from './synthetic/diagnose.js';
import type { PairwiseReport } from './synthetic/pairwise.js';

/**
 * The bar: precision ≥ 0.995 with every shared card a household, recall ≥ 0.99 on the
 * deterministic part and ≥ 0.80 overall, no junk join, no wrong automatic merge.
 */
export const targets = {
  precision: 0.995,
  deterministicRecall: 0.99,
  recall: 0.8,
  junkJoinedProfiles: 0,
  wrongAutoMerges: 0,
} as const;

/** What the evaluation measured beyond the pairwise scores. */
export interface EvaluationExtras {
  /** Households of ground truth merged into one profile or apart without a household. */
  householdsNotFormed: number;
  /** Automatic merges of two different people (null: not measured, no staff token). */
  wrongAutoMerges: number | null;
}

/** Each target, whether it was met, and by how much it was missed. */
export function targetOutcomes(report: PairwiseReport, extras: EvaluationExtras) {
  const atLeast = (name: string, value: number, target: number) => ({
    name,
    value,
    target: `≥ ${target}`,
    met: value >= target,
    missedBy: Math.max(0, target - value),
  });
  const atMost = (name: string, value: number | null, target: number) => ({
    name,
    value: value ?? Number.NaN,
    target: `≤ ${target}`,
    met: value !== null && value <= target,
    missedBy: value === null ? Number.NaN : Math.max(0, value - target),
  });
  return [
    atLeast('precision', report.precision, targets.precision),
    atMost('households not formed', extras.householdsNotFormed, 0),
    atLeast('deterministic recall', report.deterministicRecall, targets.deterministicRecall),
    atLeast('overall recall', report.recall, targets.recall),
    atMost('profiles joined through junk', report.junkJoinedProfiles, targets.junkJoinedProfiles),
    atMost('wrong automatic merges', extras.wrongAutoMerges, targets.wrongAutoMerges),
  ];
}

export function meetsTargets(report: PairwiseReport, extras: EvaluationExtras): boolean {
  return targetOutcomes(report, extras).every((outcome) => outcome.met);
}

export function printTargets(report: PairwiseReport, extras: EvaluationExtras): void {
  console.log('\ntargets:');
  for (const outcome of targetOutcomes(report, extras))
    line(
      `  ${outcome.name} (${outcome.target})`,
      outcome.met
        ? `${Number.isInteger(outcome.value) ? outcome.value : fixed(outcome.value)}   met`
        : `${Number.isInteger(outcome.value) ? outcome.value : fixed(outcome.value)}   MISSED by ${Number.isInteger(outcome.missedBy) ? outcome.missedBy : fixed(outcome.missedBy)}`,
    );
}

const line = (label: string, value: string | number) => console.log(`${label.padEnd(48)}${value}`);
const fixed = (n: number) => n.toFixed(4);

export function printScores(report: PairwiseReport): void {
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  line(
    'identifiers scored / unknown to ground truth',
    `${report.scoredIdentifiers} / ${report.unknownIdentifiers}`,
  );
  line(
    'pairs: truth / predicted / correct',
    `${report.all.truth} / ${report.all.predicted} / ${report.all.correct}`,
  );
  line(
    'precision',
    `${fixed(report.precision)}   (target ≥ ${targets.precision}: ${mark(report.precision >= targets.precision)})`,
  );
  line(
    'recall (all pairs, incl. probabilistic-only)',
    `${fixed(report.recall)}   (target ≥ ${targets.recall}: ${mark(report.recall >= targets.recall)})`,
  );
  line(
    'deterministic pairs: truth / found',
    `${report.deterministic.truth} / ${report.deterministic.correct}`,
  );
  line(
    'recall on the deterministic part',
    `${fixed(report.deterministicRecall)}   (target ≥ ${targets.deterministicRecall}: ${mark(report.deterministicRecall >= targets.deterministicRecall)})`,
  );
  line('profiles mixing people', report.mixedProfiles);
  line(
    'profiles joined through a junk identifier',
    `${report.junkJoinedProfiles}   (target 0: ${mark(report.junkJoinedProfiles === 0)})`,
  );
  line('profiles holding junk beside one person', report.junkAttachedProfiles);
}

/** Which generated patterns broke: mixed profiles by what bridges them, splits by trait and observation. */
export function printDiagnosis(
  dataset: SyntheticDataset,
  profiles: readonly PredictedProfile[],
  examples: number,
): void {
  const people = new Map(dataset.people.map((person) => [person.personId, person]));
  const observations = new Map(
    dataset.observations.map((observation) => [observation.sourceId, observation]),
  );
  const mixed = mixedProfiles(dataset.truth, people, profiles);
  const split = splitGroups(dataset.truth, people, observations, profiles);
  if (mixed.length > 0) {
    console.log(`\n${mixed.length} profiles mix people; bridged by:`);
    console.log(
      tally(
        mixed.flatMap((m) =>
          m.bridges.length > 0
            ? m.bridges.flatMap((b) => (b.notes.length > 0 ? b.notes : [b.owner]))
            : ['nothing shared'],
        ),
      ),
    );
    console.log(
      'traits of the people mixed:',
      tally(mixed.flatMap((m) => m.people.flatMap((p) => p.traits))),
    );
    for (const example of mixed.slice(0, examples)) console.log(JSON.stringify(example));
  }
  if (split.length > 0) {
    console.log(`\n${split.length} deterministic groups are split; traits of their people:`);
    console.log(tally(split.flatMap((s) => (s.traits.length > 0 ? s.traits : ['none']))));
    console.log(
      'observations whose identifiers were not joined, by pattern:',
      tally(split.flatMap((s) => s.unjoined.map((u) => u.pattern))),
    );
    console.log(
      'identifiers in no profile:',
      tally(split.flatMap((s) => (s.parts['-'] ?? []).map((key) => key.split(':')[0] as string))),
    );
    for (const example of split.slice(0, examples)) console.log(JSON.stringify(example));
  }
}
