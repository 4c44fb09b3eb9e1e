import { describe, expect, it } from 'vitest';
import { mixedProfiles, splitGroups, tally, truthLabels } from './diagnose.js';
import { buildGroundTruth } from './ground-truth.js';
import type { ObservedIdentifier, SyntheticObservation } from './observations.js';
import type { SyntheticPerson } from './people.js';

const anna = { kind: 'person', personId: 'anna' } as const;
const bruno = { kind: 'person', personId: 'bruno' } as const;
const junk = { kind: 'junk', reason: 'store-phone' } as const;

const id = (
  type: ObservedIdentifier['type'],
  raw: string,
  owner: ObservedIdentifier['owner'],
  note?: ObservedIdentifier['note'],
) => ({ type, raw, country: 'IT', owner, ...(note && { note }) }) satisfies ObservedIdentifier;

const sale = (
  sourceId: string,
  personId: string,
  identifiers: ObservedIdentifier[],
): SyntheticObservation => ({
  sourceId,
  at: 0,
  pattern: 'till-sale',
  personId,
  name: null,
  storeId: 'MI-001',
  country: 'IT',
  identifiers,
  order: null,
});

/** Anna: card + phone, then card + the store's phone; Bruno: card + the store's phone. */
const observations = [
  sale('s1', 'anna', [id('card', '2900000000011', anna), id('phone', '333 123 4567', anna)]),
  sale('s2', 'anna', [id('card', '2900000000011', anna), id('phone', '02 86461234', junk, 'store-phone')]),
  sale('s3', 'bruno', [id('card', '2900000000022', bruno), id('phone', '02 86461234', junk, 'store-phone')]),
];
const truth = buildGroundTruth(observations, { shopId: 'web' });
const people = new Map([
  ['anna', { traits: new Set(['several-cards']) } as unknown as SyntheticPerson],
  ['bruno', { traits: new Set() } as unknown as SyntheticPerson],
]);

describe('diagnosis of a failed evaluation', () => {
  it('when the store phone joins two people, then the mixed profile names them and the junk bridge', () => {
    const mixed = mixedProfiles(truth, people, [
      {
        profileId: 'prf_1',
        keys: ['card:2900000000011', 'phone:+393331234567', 'phone:+390286461234', 'card:2900000000022'],
      },
    ]);
    expect(mixed).toEqual([
      {
        profileId: 'prf_1',
        people: [
          {
            personId: 'anna',
            traits: ['several-cards'],
            keys: ['card:2900000000011', 'phone:+393331234567'],
          },
          { personId: 'bruno', traits: [], keys: ['card:2900000000022'] },
        ],
        bridges: [{ key: 'phone:+390286461234', owner: 'junk', notes: ['store-phone'] }],
      },
    ]);
  });

  it('when a person seen together is split, then the observation that should have joined them is named', () => {
    const split = splitGroups(truth, people, new Map(observations.map((o) => [o.sourceId, o])), [
      { profileId: 'prf_1', keys: ['card:2900000000011'] },
      { profileId: 'prf_2', keys: ['card:2900000000022'] },
    ]);
    expect(split).toEqual([
      {
        personId: 'anna',
        traits: ['several-cards'],
        parts: { prf_1: ['card:2900000000011'], '-': ['phone:+393331234567'] },
        unjoined: [
          { sourceId: 's1', pattern: 'till-sale', keys: ['card:2900000000011', 'phone:+393331234567'] },
        ],
      },
    ]);
  });

  it('when labelled for scoring, then junk stays junk and each person keeps one deterministic group', () => {
    const labels = truthLabels(truth);
    expect(labels.get('phone:+390286461234')).toEqual({ kind: 'junk' });
    expect(labels.get('card:2900000000011')).toEqual(labels.get('phone:+393331234567'));
    expect(tally(['a', 'b', 'a'])).toEqual({ a: 2, b: 1 });
  });
});
