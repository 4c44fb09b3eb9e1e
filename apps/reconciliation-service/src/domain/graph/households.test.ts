import { describe, expect, it } from 'vitest';
import { typeCode } from './indexed-graph.js';
import { personsConflict } from './guarded-join.js';
import { groups, identifier, idOf, input, observation } from './graph.fixtures.js';
import { splitIntoHousehold } from './households.js';
import { rebuildProfiles } from './rebuild.js';

const card = idOf('card', 'family');
const annPhone = idOf('phone', 'ann');
const bobPhone = idOf('phone', 'bob');
const annPay = idOf('payment', 'ann');
const bobPay = idOf('payment', 'bob');
const annEmail = idOf('email', 'ann');
const bobAccount = idOf('webAccount', 'shop:bob');

const side = (counts: Partial<Record<keyof typeof typeCode, number>>, provenEmails = 0) => ({
  provenEmails,
  counts: (code: number) =>
    Object.entries(counts).find(([name]) => typeCode[name as keyof typeof typeCode] === code)?.[1] ?? 0,
});
const conflictTypes = [typeCode.email, typeCode.phone, typeCode.webAccount];

describe('personsConflict', () => {
  it('when both sides hold a phone, then they are two people', () => {
    expect(personsConflict(side({ phone: 1 }), side({ phone: 1, card: 1 }), conflictTypes)).toBe(true);
  });

  it('when one side holds a phone and the other an e-mail, then they may be one person', () => {
    expect(personsConflict(side({ phone: 1 }), side({ email: 1 }), conflictTypes)).toBe(false);
  });

  it('when one side holds only a card and a fingerprint, then it conflicts with nobody', () => {
    expect(personsConflict(side({ card: 1, payment: 1 }), side({ phone: 1, email: 2 }), conflictTypes)).toBe(
      false,
    );
  });

  it('when both sides proved an e-mail, then they are two people even with no conflict type configured', () => {
    expect(personsConflict(side({ email: 1 }, 1), side({ email: 1 }, 1), [])).toBe(true);
  });
});

describe('rebuildProfiles: households from a shared card at the till', () => {
  const family = [
    identifier('card', 'family'),
    identifier('phone', 'ann'),
    identifier('phone', 'bob'),
    identifier('payment', 'ann'),
    identifier('payment', 'bob'),
  ];
  const sales = [
    ...observation('txn:1', 10, [card, annPhone, annPay]),
    ...observation('txn:2', 20, [card, bobPhone, bobPay]),
    ...observation('txn:3', 30, [card, annPay]),
  ];

  it('when two people show one card with their own phone and payment card, then they form a household of two', () => {
    const result = rebuildProfiles(input(family, sales));
    expect(groups(result)).toEqual([[annPay, card, annPhone].sort(), [bobPay, bobPhone].sort()]);
    expect(result.households).toHaveLength(1);
    expect(result.households[0]?.sharedIdentifierIds).toEqual([card]);
    expect(result.profiles.every((p) => p.householdId === result.households[0]?.householdId)).toBe(true);
    expect(result.heldLinks.every((held) => held.reason === 'household')).toBe(true);
  });

  it('when the second person is seen first, then the card stays with them and the household is the same', () => {
    const reversed = [
      ...observation('txn:1', 10, [card, bobPhone, bobPay]),
      ...observation('txn:2', 20, [card, annPhone, annPay]),
    ];
    const result = rebuildProfiles(input(family, reversed));
    expect(groups(result)).toEqual([[bobPay, card, bobPhone].sort(), [annPay, annPhone].sort()]);
    expect(result.households).toHaveLength(1);
  });

  it('when one person shows the card with a phone once and an e-mail once, then it stays one person', () => {
    const result = rebuildProfiles(
      input(
        [identifier('card', 'family'), identifier('phone', 'ann'), identifier('email', 'ann')],
        [...observation('txn:1', 10, [card, annPhone]), ...observation('txn:2', 20, [card, annEmail])],
      ),
    );
    expect(groups(result)).toEqual([[card, annEmail, annPhone].sort()]);
    expect(result.households).toEqual([]);
  });

  it('when one person shows the card with two different e-mails nobody proved (a cashier’s typo, a second address), then it stays one person', () => {
    const typo = idOf('email', 'anna-typo');
    const result = rebuildProfiles(
      input(
        [identifier('card', 'family'), identifier('email', 'ann'), identifier('email', 'anna-typo')],
        [...observation('txn:1', 10, [card, annEmail]), ...observation('txn:2', 20, [card, typo])],
      ),
    );
    expect(groups(result)).toEqual([[card, annEmail, typo].sort()]);
    expect(result.households).toEqual([]);
  });

  it('when one payment card pays the web orders of two people with their own account and e-mail, then they form a household', () => {
    const bobEmail = idOf('email', 'bob');
    const annAccount = idOf('webAccount', 'shop:ann');
    const result = rebuildProfiles(
      input(
        [
          identifier('payment', 'ann'),
          identifier('email', 'ann'),
          identifier('webAccount', 'shop:ann'),
          identifier('email', 'bob'),
          identifier('webAccount', 'shop:bob'),
        ],
        [
          ...observation('order:1', 10, [annPay, annEmail, annAccount], 'online-order'),
          ...observation('order:2', 20, [annPay, bobAccount, bobEmail], 'online-order'),
        ],
      ),
    );
    expect(groups(result)).toEqual([[annEmail, annPay, annAccount].sort(), [bobEmail, bobAccount].sort()]);
    expect(result.households).toHaveLength(1);
    expect(result.households[0]?.sharedIdentifierIds).toEqual([annPay]);
  });

  it('when a merge was made through a shared card, then the rebuild splits it and reports the split', () => {
    const before = family.map((i) => ({ ...i, profileId: 'prf_family' }));
    const result = rebuildProfiles(
      input(before, sales, { existingProfiles: [{ profileId: 'prf_family', createdAt: 5 }] }),
    );
    expect(result.splits).toHaveLength(1);
    expect(result.splits[0]?.fromProfileId).toBe('prf_family');
    expect(result.splits[0]?.parts.map((part) => part.identifierIds.sort())).toEqual([
      [annPay, card, annPhone].sort(),
      [bobPay, bobPhone].sort(),
    ]);
    expect(result.splits[0]?.parts[0]?.profileId).toBe('prf_family');
    expect(result.households).toHaveLength(1);
    expect(splitIntoHousehold(result.splits[0]!, result.profiles)).toBe(true);
  });

  it('when the retailer lists no conflict types, then only proven e-mails make a household (the old rule)', () => {
    const result = rebuildProfiles(
      input(family, sales, { config: { householdConflictTypes: [], householdTypes: ['card'] } }),
    );
    expect(result.profiles).toHaveLength(1);
    expect(result.households).toEqual([]);
  });
});
