import { describe, expect, it } from 'vitest';
import { hasPrefix, newId } from './ids.js';

describe('ids', () => {
  it('when a member id is made, then it says what it is and is never repeated', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('mbr')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(hasPrefix(id, 'mbr')).toBe(true);
    expect(hasPrefix(newId('hold'), 'mbr')).toBe(false);
  });
});
