import { describe, expect, it } from 'vitest';
import { pairwiseScores, pairsOf, type IdentifierLabel } from './pairwise.js';

const person = (personId: string, deterministicGroup = personId): IdentifierLabel => ({
  kind: 'person',
  personId,
  deterministicGroup,
});

/** Anna: card, email, phone (one group); Bruno: card, email; Carla: email, and a guest address apart. */
const labels = new Map<string, IdentifierLabel>([
  ['card:a', person('anna')],
  ['email:a', person('anna')],
  ['phone:a', person('anna')],
  ['card:b', person('bruno')],
  ['email:b', person('bruno')],
  ['email:c', person('carla', 'carla/1')],
  ['email:c-guest', person('carla', 'carla/2')],
  ['card:family', { kind: 'shared' }],
  ['email:noemail@negozio.it', { kind: 'junk' }],
]);

describe('pairwiseScores', () => {
  it('when the profiles are exactly the people, then precision and recall are 1', () => {
    const report = pairwiseScores(labels, [
      ['card:a', 'email:a', 'phone:a'],
      ['card:b', 'email:b'],
      ['email:c', 'email:c-guest'],
    ]);
    expect(report).toMatchObject({ precision: 1, recall: 1, deterministicRecall: 1, mixedProfiles: 0 });
    expect(report.all).toEqual({ truth: 5, predicted: 5, correct: 5 });
    // Carla's two addresses were never seen together: not a deterministic pair.
    expect(report.deterministic).toEqual({ truth: 4, correct: 4 });
  });

  it('when two people are merged, then precision counts the wrong pairs and recall stays whole', () => {
    const report = pairwiseScores(labels, [
      ['card:a', 'email:a', 'phone:a', 'card:b', 'email:b'],
      ['email:c', 'email:c-guest'],
    ]);
    expect(report.all).toEqual({ truth: 5, predicted: 11, correct: 5 });
    expect(report.precision).toBeCloseTo(5 / 11);
    expect(report.recall).toBe(1);
    expect(report.mixedProfiles).toBe(1);
  });

  it('when a person is split and some identifiers are in no profile, then they count as alone', () => {
    const report = pairwiseScores(labels, [['card:a', 'email:a'], ['email:b']]);
    // Found: card:a–email:a only, out of 3 (Anna) + 1 (Bruno) + 1 (Carla) pairs.
    expect(report.all).toEqual({ truth: 5, predicted: 1, correct: 1 });
    expect(report.recall).toBeCloseTo(1 / 5);
    expect(report.deterministicRecall).toBeCloseTo(1 / 4);
    expect(report.precision).toBe(1);
  });

  it('when only the probabilistic pair is missed, then deterministic recall is still 1', () => {
    const report = pairwiseScores(labels, [
      ['card:a', 'email:a', 'phone:a'],
      ['card:b', 'email:b'],
      ['email:c'],
      ['email:c-guest'],
    ]);
    expect(report.recall).toBeCloseTo(4 / 5);
    expect(report.deterministicRecall).toBe(1);
  });

  it('when a junk identifier sits in a profile of two people, then it is a junk join; beside one person, only attached', () => {
    const joined = pairwiseScores(labels, [['card:a', 'email:noemail@negozio.it', 'card:b']]);
    expect(joined).toMatchObject({ junkJoinedProfiles: 1, junkAttachedProfiles: 1, mixedProfiles: 1 });
    const attached = pairwiseScores(labels, [
      ['card:a', 'email:noemail@negozio.it'],
      ['email:noemail@negozio.it'],
    ]);
    expect(attached).toMatchObject({ junkJoinedProfiles: 0, junkAttachedProfiles: 1, precision: 1 });
  });

  it("when a household card sits in one member's profile, then nothing is scored for it", () => {
    const report = pairwiseScores(labels, [
      ['card:family', 'card:a', 'email:a', 'phone:a'],
      ['card:b', 'email:b'],
    ]);
    expect(report.all.predicted).toBe(4);
    expect(report.precision).toBe(1);
  });

  it('when a profile names identifiers ground truth never saw, then they are counted apart and not scored', () => {
    const report = pairwiseScores(labels, [['card:a', 'email:a', 'phone:a', 'device:unknown']]);
    expect(report.unknownIdentifiers).toBe(1);
    expect(report.all.predicted).toBe(3);
  });

  it('when clusters are large, then pairs come from sizes (n(n-1)/2), not from listing them', () => {
    const many = new Map<string, IdentifierLabel>();
    const cluster: string[] = [];
    for (let i = 0; i < 200_000; i += 1) {
      many.set(`card:${i}`, person(`p${i % 2}`));
      cluster.push(`card:${i}`);
    }
    const report = pairwiseScores(many, [cluster]);
    expect(report.all.predicted).toBe(pairsOf(200_000));
    expect(report.all.correct).toBe(2 * pairsOf(100_000));
    expect(report.precision).toBeCloseTo(0.5, 4);
  });
});
