import type { SyntheticDataset } from './synthetic/dataset.js';
import { mixedProfiles, splitGroups, tally, type PredictedProfile } from './synthetic/diagnose.js';
import type { PairwiseReport } from './synthetic/pairwise.js';

/** The bar: precision ≥ 0.995, recall ≥ 0.98 on the deterministic part, no junk join. */
export const targets = { precision: 0.995, deterministicRecall: 0.98, junkJoinedProfiles: 0 } as const;

export function meetsTargets(report: PairwiseReport): boolean {
  return (
    report.precision >= targets.precision &&
    report.deterministicRecall >= targets.deterministicRecall &&
    report.junkJoinedProfiles <= targets.junkJoinedProfiles
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
  line('recall (all pairs, incl. probabilistic-only)', fixed(report.recall));
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
