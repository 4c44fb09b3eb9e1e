import { describe, expect, it } from 'vitest';
import { base32, randomId } from './ids.js';

describe('base32', () => {
  it('encodes bytes as RFC 4648 base32, lower case, unpadded', () => {
    expect(base32(Buffer.from('foobar'))).toBe('mzxw6ytboi');
    expect(base32(Buffer.from('f'))).toBe('my');
    expect(base32(new Uint8Array())).toBe('');
  });
});

describe('randomId', () => {
  it('names what it is and carries 128 random bits: never the same twice', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId('mbr')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^mbr_[a-z2-7]{26}$/);
  });
});
