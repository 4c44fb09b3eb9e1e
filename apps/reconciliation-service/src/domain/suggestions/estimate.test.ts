import { describe, expect, it } from 'vitest';
import { estimateMatchModel, type EstimationSample } from './estimate.js';
import { decide, type ComparisonVector } from './match-model.js';

const times = (n: number, vector: ComparisonVector) => Array.from({ length: n }, () => vector);
const now = new Date('2026-01-01T00:00:00Z');

/** 400 true pairs (some dot variants, most with the same name), 20,000 strangers (a few namesakes, one in five at the same store). */
const sample: EstimationSample = {
  matched: [
    ...times(40, { email: 'same-mailbox', name: 'same', store: 'same' }),
    ...times(10, { email: 'letters-swapped', name: 'different', store: 'same' }),
    ...times(250, { email: 'different', name: 'same', store: 'different' }),
    ...times(100, { email: 'different', name: 'different', store: 'same' }),
  ],
  random: [
    ...times(15_970, { email: 'different', name: 'different', store: 'different' }),
    ...times(30, { email: 'different', name: 'same', store: 'different' }),
    ...times(4_000, { email: 'different', name: 'different', store: 'same' }),
  ],
  pairs: { email: { all: 2_000_000, inProfiles: 400 }, phone: { all: 0, inProfiles: 0 } },
};

describe('estimating m and u from profiles and random pairs', () => {
  const model = estimateMatchModel(sample, now);

  it('when true pairs show a level far more often than strangers, then its m is high and its u low', () => {
    expect(model.m.name.same).toBeCloseTo((290 + 10 * 0.5) / 410, 5);
    expect(model.u.name.same).toBeCloseTo(30.5 / 20_001, 5);
    expect(model.m.email['same-mailbox']).toBeGreaterThan(model.u.email['same-mailbox'] * 1000);
    expect(model.lambda.email).toBeCloseTo(400 / 2_000_000, 10);
    expect(model).toMatchObject({
      source: 'estimated',
      estimatedAt: now,
      basis: { matchedPairs: 400, randomPairs: 20_000 },
    });
  });

  it('when a level was never seen among strangers, then its u is small but not zero', () => {
    expect(model.u.email['letters-swapped']).toBeGreaterThan(0);
    expect(model.u.email['letters-swapped']).toBeLessThan(1 / 20_000);
  });

  it('when no pair shows a type, then its prior stays the default one', () => {
    expect(model.lambda.phone).toBe(1 / 5000);
  });

  it('when a dot variant comes with the same name, then the estimated model merges it, and a shared name alone suggests nothing', () => {
    expect(decide(model, { email: 'same-mailbox', name: 'same', store: 'different' }).kind).toBe(
      'auto-merge',
    );
    expect(decide(model, { email: 'different', name: 'same', store: 'same' }).kind).toBe('none');
  });

  it('when namesakes often share a local part at two providers, then that level given the name weighs against a match, not for it', () => {
    const withNamesakes = estimateMatchModel(
      {
        ...sample,
        matched: [...sample.matched, ...times(20, { email: 'same-local-other-provider', name: 'same' })],
        sameName: [
          ...times(60, { email: 'same-local-other-provider', name: 'same' }),
          ...times(300, { email: 'different', name: 'same' }),
        ],
      },
      now,
    );
    const u = withNamesakes.uSameName!.email;
    expect(u['same-local-other-provider']).toBeGreaterThan(
      withNamesakes.u.email['same-local-other-provider'] * 100,
    );
    expect(u['same-local-other-provider']).toBeCloseTo((60 + 10 * 0.1) / 370, 2);
    expect(withNamesakes.basis?.sameNamePairs).toBe(360);
    expect(decide(withNamesakes, { email: 'same-local-other-provider', name: 'same' }).kind).toBe('none');
    expect(decide(withNamesakes, { email: 'same-mailbox', name: 'same' }).kind).toBe('auto-merge');
    expect(Object.values(u).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
  });

  it('each comparison’s probabilities sum to one', () => {
    for (const side of [model.m, model.u])
      for (const levels of Object.values(side))
        expect(Object.values(levels).reduce((s: number, p) => s + p, 0)).toBeCloseTo(1, 10);
  });
});
