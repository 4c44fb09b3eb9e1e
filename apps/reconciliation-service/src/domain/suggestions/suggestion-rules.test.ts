import { describe, expect, it } from 'vitest';
import { nameKey, phoneDigitsKey } from './suggestion-rules.js';

describe('blocking keys', () => {
  it('when two names differ only in case, accents and word order, then they share a key', () => {
    expect(nameKey('Nicolò  ROSSI')).toBe(nameKey('rossi, nicolo'));
    expect(nameKey('Cher')).toBeNull();
  });

  it('when one number was read with two country prefixes, then both share the national digits', () => {
    expect(phoneDigitsKey('+393331234567')).toBe('331234567');
    expect(phoneDigitsKey('+413331234567')).toBe('331234567');
    expect(phoneDigitsKey('+3912')).toBeNull();
  });
});
