import { describe, expect, it } from 'vitest';
import { newTerminalKey, parseTerminalKey, secretMatches } from './terminal-key.js';

describe('terminal keys', () => {
  it('have a public id prefix and a 256-bit secret that only its hash can check', () => {
    const issued = newTerminalKey();
    expect(issued.key).toMatch(/^sk_term_[a-z2-7]{16}_[a-z2-7]{52}$/);
    const parsed = parseTerminalKey(issued.key);
    expect(parsed?.keyId).toBe(issued.keyId);
    expect(issued.secretHash).not.toContain(parsed?.secret);
    expect(secretMatches(parsed?.secret ?? '', issued.secretHash)).toBe(true);
  });

  it('when the secret is another key’s, then it does not match', () => {
    const a = newTerminalKey();
    const b = parseTerminalKey(newTerminalKey().key);
    expect(secretMatches(b?.secret ?? '', a.secretHash)).toBe(false);
  });

  it('when the value is not a terminal key, then parsing gives null', () => {
    for (const value of ['', 'sk_term_', 'Bearer x', `${newTerminalKey().key}x`, 'sk_live_abc_def']) {
      expect(parseTerminalKey(value)).toBeNull();
    }
  });
});
