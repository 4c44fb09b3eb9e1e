import { describe, expect, it } from 'vitest';
import type { GroundTruth, TruthIdentifier } from './ground-truth.js';
import { householdScores, householdsToldApart } from './household-scores.js';
import type { ObservedIdentifier, SyntheticObservation } from './observations.js';

const owned = (key: string, personId: string) =>
  [key, { key, owner: { kind: 'person', personId } } as unknown as TruthIdentifier] as const;
const truth = {
  identifiers: new Map([
    owned('phone:+39300', 'p1'),
    owned('phone:+39333', 'p2'),
    owned('phone:+39334', 'p3'),
    owned('phone:+39335', 'p4'),
    owned('phone:+39336', 'p5'),
    owned('phone:+39337', 'p6'),
  ]),
} as unknown as GroundTruth;
const households = [
  { householdId: 'gh_1', personIds: ['p1', 'p2'] },
  { householdId: 'gh_2', personIds: ['p3', 'p4'] },
  { householdId: 'gh_3', personIds: ['p5', 'p6'] },
];

describe('householdScores', () => {
  it('when one family is a household, one is merged and one is apart, then each is counted once', () => {
    const scores = householdScores(
      truth,
      households,
      [
        { profileId: 'a', householdId: 'hh_a', keys: ['phone:+39300'] },
        { profileId: 'b', householdId: 'hh_a', keys: ['phone:+39333'] },
        { profileId: 'c', householdId: null, keys: ['phone:+39334', 'phone:+39335'] },
        { profileId: 'd', householdId: null, keys: ['phone:+39336'] },
        { profileId: 'e', householdId: null, keys: ['phone:+39337'] },
      ],
      new Set(['phone:+39300', 'phone:+39999']),
    );
    expect(scores).toEqual({
      truth: 3,
      formed: 1,
      merged: 1,
      missed: 1,
      predicted: 1,
      possibleOnlyPhones: { truth: 2, linked: 1 },
    });
  });

  it('when members show the family card with a phone each, or a payment card and a phone with different names given online, then the data tells them apart; a payment card against a phone alone does not', () => {
    const card = (householdId: string): ObservedIdentifier => ({
      type: 'card',
      raw: householdId,
      country: 'IT',
      owner: { kind: 'household', householdId, personIds: [] },
    });
    const own = (type: 'phone' | 'payment', personId: string): ObservedIdentifier => ({
      type,
      raw: `${type}-${personId}`,
      country: 'IT',
      owner: { kind: 'person', personId },
    });
    const sale = (identifiers: ObservedIdentifier[]) =>
      ({ identifiers, name: null, personId: '' }) as unknown as SyntheticObservation;
    const order = (personId: string, name: string) =>
      ({ identifiers: [own('phone', personId)], name, personId }) as unknown as SyntheticObservation;
    const apart = householdsToldApart([
      sale([card('gh_1'), own('phone', 'p1')]),
      sale([card('gh_1'), own('phone', 'p2')]),
      sale([card('gh_2'), own('payment', 'p3')]),
      sale([card('gh_2'), own('phone', 'p4')]),
      sale([card('gh_3'), own('payment', 'p5')]),
      sale([card('gh_3'), own('phone', 'p6')]),
      order('p5', 'Anna Rossi'),
      order('p6', 'Marco Rossi'),
    ]);
    expect([...apart].sort()).toEqual(['gh_1', 'gh_3']);
  });
});
