import { describe, expect, it } from 'vitest';
import { addUnderKey, MATCH_KEY_LIMIT } from './match-keys.js';

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `t:email:h${from + i}`);

describe('a blocking key', () => {
  it('when identifiers are added, then the ones it held are the candidates and only new ones are added', () => {
    expect(addUnderKey(ids(2), [...ids(1, 1), ...ids(1, 5)])).toEqual({
      candidates: ids(2),
      added: ids(1, 5),
    });
  });

  it('when it is full, then it offers no candidates and takes no more: its document stays bounded', () => {
    expect(addUnderKey(ids(MATCH_KEY_LIMIT), ids(1, 500))).toEqual({ candidates: [], added: [] });
    const nearlyFull = addUnderKey(ids(MATCH_KEY_LIMIT - 1), ids(3, 500));
    expect(nearlyFull.added).toEqual(ids(1, 500));
  });
});
