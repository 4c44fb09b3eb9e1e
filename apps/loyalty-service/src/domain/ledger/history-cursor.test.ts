import { describe, expect, it } from 'vitest';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor.js';

describe('history cursor', () => {
  it('when a cursor comes back, then it reads as the seq it was made from', () => {
    expect(decodeHistoryCursor(encodeHistoryCursor(42))).toBe(42);
  });

  it('when a cursor was not made here, then it is refused', () => {
    expect(decodeHistoryCursor('garbage')).toBeNull();
    expect(decodeHistoryCursor(Buffer.from('h1:-3').toString('base64url'))).toBeNull();
  });
});
