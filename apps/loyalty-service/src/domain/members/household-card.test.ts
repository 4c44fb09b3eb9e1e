import { describe, expect, it } from 'vitest';
import { earningCandidates } from './household-card.js';

const card = { type: 'card', hash: 'c' };
const email = { type: 'email', hash: 'e' };
const phone = { type: 'phone', hash: 'p' };

describe('earningCandidates', () => {
  it("when the program shares a household card's balance, then only the card names who earns", () => {
    expect(earningCandidates([email, phone, card], 'shared')).toEqual([card]);
  });

  it("when the program keeps balances per person, then the person's own e-mail comes before the card", () => {
    expect(earningCandidates([card, phone, email], 'perPerson')).toEqual([email, card]);
    expect(earningCandidates([card], 'perPerson')).toEqual([card]);
  });

  it('when the sale names no card, then nobody earns at the till, whatever the setting', () => {
    expect(earningCandidates([email, phone], 'perPerson')).toEqual([]);
    expect(earningCandidates([email], 'shared')).toEqual([]);
  });
});
