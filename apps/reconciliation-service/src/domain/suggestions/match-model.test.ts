import { describe, expect, it } from 'vitest';
import { compareEmails } from './email-variants.js';
import { decide, defaultMatchModel, scoreVector, type ComparisonVector } from './match-model.js';

const model = defaultMatchModel;
const emails = (a: string, b: string, more: Partial<ComparisonVector> = {}): ComparisonVector => ({
  email: compareEmails(a, b),
  ...more,
});

describe('match weights', () => {
  it('when a level is likelier among true pairs than among strangers, then it adds weight, and the rest takes some away; an unknown one weighs nothing', () => {
    const score = scoreVector(
      model,
      emails('anna.rossi@gmail.com', 'annarossi@gmail.com', { name: 'same', store: 'different' }),
    );
    const byComparison = Object.fromEntries(score.contributions.map((c) => [c.comparison, c.weight]));
    expect(byComparison.email).toBeGreaterThan(0);
    expect(byComparison.name).toBeGreaterThan(0);
    expect(byComparison.store).toBeLessThan(0);
    const prior = Math.log2(model.lambda.email / (1 - model.lambda.email));
    const sum = score.contributions.reduce((s, c) => s + c.weight, prior);
    expect(score.weight).toBeCloseTo(sum, 10);
    expect(score.probability).toBeCloseTo(2 ** sum / (1 + 2 ** sum), 10);
    const unknownStore = scoreVector(
      model,
      emails('anna.rossi@gmail.com', 'annarossi@gmail.com', { name: 'same' }),
    );
    expect(unknownStore.contributions.map((c) => c.comparison)).toEqual(['email', 'name']);
    expect(unknownStore.weight).toBeCloseTo(score.weight - (byComparison.store as number), 10);
  });

  it('when more evidence agrees, then the probability only grows', () => {
    const alone = scoreVector(model, emails('anna.rossi@libero.it', 'anna.rsosi@libero.it'));
    const named = scoreVector(
      model,
      emails('anna.rossi@libero.it', 'anna.rsosi@libero.it', { name: 'same' }),
    );
    const everywhere = scoreVector(
      model,
      emails('anna.rossi@libero.it', 'anna.rsosi@libero.it', { name: 'same', store: 'same' }),
    );
    expect(alone.probability).toBeLessThan(named.probability);
    expect(named.probability).toBeLessThan(everywhere.probability);
  });
});

describe('decisions', () => {
  it('when a dotted and a dotless Gmail address come with the same name, then they merge automatically', () => {
    const decision = decide(model, emails('anna.rossi@gmail.com', 'annarossi@gmail.com', { name: 'same' }));
    expect(decision.kind).toBe('auto-merge');
    expect(decision.kind !== 'none' && decision.reasons).toEqual([
      "one mailbox under the provider's dot and + rules",
      'same name',
    ]);
  });

  it('when two letters are swapped and only the name agrees, then staff review it rather than a merge; without the name, nothing', () => {
    expect(decide(model, emails('anna.rossi@libero.it', 'anna.rsosi@libero.it', { name: 'same' })).kind).toBe(
      'review',
    );
    expect(decide(model, emails('anna.rossi@libero.it', 'anna.rsosi@libero.it')).kind).toBe('none');
  });

  it('when two people share a name and addresses that differ by one digit or a swap of digits, then they are never merged nor suggested', () => {
    for (const other of ['bruno821@gmail.com', 'bruno291@gmail.com', 'bruno218@gmail.com']) {
      const decision = decide(model, emails('bruno281@gmail.com', other, { name: 'same', store: 'same' }));
      expect(decision).toMatchObject({ kind: 'none', guard: 'numbered-namesake' });
    }
  });

  it('when two unrelated addresses share only a name, then nothing is suggested', () => {
    expect(decide(model, emails('mario.rossi@libero.it', 'm.r.1970@tiscali.it', { name: 'same' })).kind).toBe(
      'none',
    );
  });

  it('when two people of one name use the same local part at two providers, then the name is not counted twice and nothing is suggested', () => {
    // luciamarino@outlook.it / luciamarino@libero.it: rare among strangers, common among two Lucia
    // Marinos. Given the shared name, the local part says little more.
    const pair = emails('luciamarino@outlook.it', 'luciamarino@libero.it', { name: 'same' });
    expect(pair.email).toBe('same-local-other-provider');
    expect(decide(model, pair).kind).toBe('none');
    const emailWeight = (m: typeof model) =>
      scoreVector(m, pair).contributions.find((c) => c.comparison === 'email')?.weight ?? 0;
    expect(emailWeight(model)).toBeLessThan(0);
    const { uSameName: _ignored, ...storedBefore } = model;
    expect(emailWeight(storedBefore)).toBeGreaterThan(5);
    // Without a name known, the level keeps its own weight.
    const unnamed = scoreVector(model, emails('luciamarino@outlook.it', 'luciamarino@libero.it'));
    expect(unnamed.contributions[0]?.weight).toBeGreaterThan(5);
  });

  it('when two people of one name have addresses at one provider that differ only by a separator, then nothing is suggested', () => {
    // alessiagreco@tiscali.it / alessia.greco@tiscali.it: the five wrong suggestions left at 2,000 people.
    const pair = emails('alessiagreco@tiscali.it', 'alessia.greco@tiscali.it', { name: 'same' });
    expect(pair.email).toBe('separators-only');
    expect(decide(model, pair).kind).toBe('none');
    // A model stored before this level existed scores it with the default guess, not as impossible.
    const { uSameName: _u, ...stored } = model;
    const old = {
      ...stored,
      m: { ...stored.m, email: { ...stored.m.email, 'separators-only': undefined as unknown as number } },
    };
    expect(Number.isFinite(scoreVector(old, pair).weight)).toBe(true);
  });

  it('when one phone was read under two prefixes and the name agrees, then it goes at least to review', () => {
    const decision = decide(model, { phone: 'same-national-number', name: 'same' });
    expect(['review', 'auto-merge']).toContain(decision.kind);
    expect(decide(model, { phone: 'different', name: 'same', store: 'same' }).kind).toBe('none');
  });
});
