import { describe, expect, it } from 'vitest';
import { nameKey, phoneDigitsKey, scorePair, SUGGESTION_THRESHOLD } from './suggestion-rules.js';

describe('suggestion rules', () => {
  it('when two names differ only in case, accents and word order, then they share a key', () => {
    expect(nameKey('Nicolò  ROSSI')).toBe(nameKey('rossi, nicolo'));
    expect(nameKey('Cher')).toBeNull();
  });

  it('when the same name comes with e-mails one typo apart, then the pair is suggested', () => {
    const pair = scorePair(
      { type: 'email', value: 'anna.rossi@gmial.com', names: ['anna rossi'] },
      { type: 'email', value: 'anna.rossi@gmail.com', names: ['anna rossi'] },
    );
    expect(pair?.score).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
  });

  it('when e-mails are one edit apart but the names differ, then no suggestion', () => {
    expect(
      scorePair(
        { type: 'email', value: 'ann@x.it', names: ['ann smith'] },
        { type: 'email', value: 'anne@x.it', names: ['anne jones'] },
      ),
    ).toBeNull();
  });

  it('when one number was read with two country prefixes, then the pair is suggested', () => {
    expect(phoneDigitsKey('+393331234567')).toBe('331234567');
    const pair = scorePair(
      { type: 'phone', value: '+393331234567', names: [] },
      { type: 'phone', value: '+413331234567', names: [] },
    );
    expect(pair).toEqual({ score: 0.8, reasons: ['same phone digits, different prefix'] });
  });
});
