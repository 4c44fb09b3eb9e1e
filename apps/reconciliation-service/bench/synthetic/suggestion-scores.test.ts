import { describe, expect, it } from 'vitest';
import type { IdentifierLabel } from './pairwise.js';
import { suggestionScores } from './suggestion-scores.js';

const person = (personId: string): IdentifierLabel => ({
  kind: 'person',
  personId,
  deterministicGroup: `${personId}/1`,
});
const labels = new Map<string, IdentifierLabel>([
  ['email:anna.rossi@gmail.com', person('gt_1')],
  ['email:annarossi@gmail.com', person('gt_1')],
  ['email:bruno281@gmail.com', person('gt_2')],
  ['email:bruno821@gmail.com', person('gt_3')],
  ['card:2900000011111', { kind: 'shared' }],
]);

describe('suggestion scores', () => {
  it('when a pair is one person, then it is right; two people, a shared card or an unknown side make it wrong', () => {
    const scores = suggestionScores(labels, [
      { a: 'email:anna.rossi@gmail.com', b: 'email:annarossi@gmail.com' },
      { a: 'email:bruno281@gmail.com', b: 'email:bruno821@gmail.com' },
      { a: 'card:2900000011111', b: 'email:anna.rossi@gmail.com' },
      { a: null, b: 'email:anna.rossi@gmail.com' },
    ]);
    expect(scores).toMatchObject({ total: 4, right: 1, wrong: 3 });
    expect(scores.wrongPairs[0]).toEqual({ a: 'email:bruno281@gmail.com', b: 'email:bruno821@gmail.com' });
  });
});
