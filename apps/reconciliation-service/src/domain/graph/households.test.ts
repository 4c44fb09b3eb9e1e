import { describe, expect, it } from 'vitest';
import { typeCode } from './indexed-graph.js';
import { namesDiffer, personsConflict, personsConflictReason } from './guarded-join.js';
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

const side = (
  counts: Partial<Record<keyof typeof typeCode, number>>,
  provenEmails = 0,
  names: string[] = [],
) => ({
  provenEmails,
  counts: (code: number) =>
    Object.entries(counts).find(([name]) => typeCode[name as keyof typeof typeCode] === code)?.[1] ?? 0,
  names: new Set(names),
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

  it('when a payment card and a phone were each given a different name, then they are two people, told apart by names', () => {
    const anna = side({ payment: 1 }, 0, ['name:anna-rossi']);
    const marco = side({ phone: 1 }, 0, ['name:marco-rossi']);
    expect(personsConflictReason(anna, marco, conflictTypes)).toBe('names');
  });

  it('when the two sides share a name, or one side has none, then names do not tell them apart', () => {
    const anna = side({ payment: 1 }, 0, ['name:anna-rossi']);
    expect(
      personsConflict(anna, side({ phone: 1 }, 0, ['name:anna-rossi', 'name:a-rossi']), conflictTypes),
    ).toBe(false);
    expect(personsConflict(anna, side({ phone: 1 }), conflictTypes)).toBe(false);
  });

  it('when each side holds a phone, then the phones say it before the names', () => {
    expect(
      personsConflictReason(
        side({ phone: 1 }, 0, ['name:a']),
        side({ phone: 1 }, 0, ['name:b']),
        conflictTypes,
      ),
    ).toBe('phone');
  });
});

describe('namesDiffer', () => {
  it('when each side was given names and they share none, then they differ; sharing one or missing one, not', () => {
    expect(namesDiffer(new Set(['a']), new Set(['b', 'c']))).toBe(true);
    expect(namesDiffer(new Set(['a', 'b']), new Set(['b']))).toBe(false);
    expect(namesDiffer(new Set(['a']), new Set())).toBe(false);
    expect(namesDiffer(undefined, new Set(['a']))).toBe(false);
  });
});

describe('rebuildProfiles: a family card told apart by names', () => {
  const annEmailId = idOf('email', 'ann');
  const bobEmail = idOf('email', 'bob');
  const family = (annNames: string[], bobNames: string[]) => [
    identifier('card', 'family'),
    identifier('payment', 'ann'),
    identifier('email', 'ann', { names: annNames }),
    identifier('phone', 'bob', { names: bobNames }),
    identifier('email', 'bob', { names: bobNames }),
  ];
  // Ann pays with her card (her e-mail typed once beside it), Bob gives his phone: nothing of the
  // same kind on both sides of the card; only the names their web orders gave tell them apart.
  const sales = [
    ...observation('txn:1', 10, [card, annPay]),
    ...observation('txn:2', 15, [annPay, annEmailId]),
    ...observation('txn:3', 20, [card, bobPhone]),
    ...observation('order:4', 25, [bobPhone, bobEmail], 'online-order'),
  ];

  it('when the two sides were given different names, then they form a household told apart by names', () => {
    const result = rebuildProfiles(input(family(['name:anna'], ['name:marco']), sales));
    expect(groups(result)).toEqual([[annEmailId, annPay, card].sort(), [bobEmail, bobPhone].sort()]);
    expect(result.households).toHaveLength(1);
    expect(result.households[0]?.toldApartBy).toEqual(['names']);
  });

  it('when both sides were given the same name, then it is one person with two ways to pay', () => {
    const result = rebuildProfiles(input(family(['name:anna'], ['name:anna']), sales));
    expect(groups(result)).toHaveLength(1);
    expect(result.households).toEqual([]);
  });

  it('when only one side was ever given a name, then nothing tells them apart and they stay one', () => {
    const result = rebuildProfiles(input(family([], ['name:marco']), sales));
    expect(groups(result)).toHaveLength(1);
  });

  it('when the retailer switches names off, then different names join as before', () => {
    const result = rebuildProfiles(
      input(family(['name:anna'], ['name:marco']), sales, { config: { householdNameConflict: false } }),
    );
    expect(groups(result)).toHaveLength(1);
  });
});

describe('rebuildProfiles: a tourist’s phone read under the store’s country prefix', () => {
  // Lena's Austrian mobile, +43 660 8811430: on her web orders as she typed it, and at an Italian
  // till typed without its prefix, so read as +39 0660 8811430. Both carry the national digits'
  // key (the last nine digits, hashed); Bob's phone has its own.
  const lenaCard = idOf('card', 'lena');
  const lenaHome = idOf('phone', '+436608811430');
  const lenaMisread = idOf('phone', '+3906608811430');
  const lenaEmail = idOf('email', 'lena');
  const identifiers = (misreadKey: string) => [
    identifier('card', 'lena'),
    identifier('email', 'lena'),
    identifier('phone', '+436608811430', { numberKey: 'digits:608811430' }),
    identifier('phone', '+3906608811430', { numberKey: misreadKey }),
  ];
  const sales = [
    ...observation('txn:1', 10, [lenaCard, lenaHome, lenaEmail]),
    ...observation('txn:2', 20, [lenaCard, lenaMisread]),
  ];

  it('when the card is seen with her number and with the same number under another prefix, then it is one person, not a household', () => {
    const result = rebuildProfiles(input(identifiers('digits:608811430'), sales));
    expect(groups(result)).toEqual([[lenaCard, lenaEmail, lenaHome, lenaMisread].sort()]);
    expect(result.households).toEqual([]);
  });

  it('when the second phone is another number, then the card is shared by two people as before', () => {
    const result = rebuildProfiles(input(identifiers('digits:333000111'), sales));
    expect(groups(result)).toHaveLength(2);
    expect(result.households[0]?.toldApartBy).toEqual(['phone']);
  });

  it('when a phone was stored before its number key was kept, then two phones tell two people apart as before', () => {
    const result = rebuildProfiles(
      input(
        identifiers('digits:608811430').map((one) =>
          one.id === lenaMisread ? { ...one, numberKey: undefined } : one,
        ),
        sales,
      ),
    );
    expect(groups(result)).toHaveLength(2);
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
    expect(result.households[0]?.toldApartBy).toEqual(['phone']);
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

  it('when a member’s phone first shows up on the family card with their own payment card, then it goes to that member, not to the card holder', () => {
    // The order of events that merged families at 2,000 people: Bob's phone reached the card (and
    // Ann) before anything said the phone was Bob's; his payment card tied it to him in the same sale.
    const annProven = identifier('email', 'ann', { verified: true });
    const bobProven = identifier('email', 'bob', { verified: true });
    const bobEmail = idOf('email', 'bob');
    const result = rebuildProfiles(
      input(
        [identifier('card', 'family'), annProven, bobProven, ...family.slice(2)],
        [
          ...observation('claim:1', 10, [card, annEmail, annPay]),
          ...observation('claim:2', 20, [card, bobEmail, bobPay]),
          ...observation('txn:3', 30, [card, bobPay, bobPhone]),
        ],
      ),
    );
    expect(groups(result)).toEqual([[annEmail, annPay, card].sort(), [bobEmail, bobPay, bobPhone].sort()]);
    expect(result.households).toHaveLength(1);
  });

  it('when the card is seen with one member’s phone, then the other member’s proven e-mail, then the first member’s proven e-mail, then the second member is not merged with the first', () => {
    const annProven = identifier('email', 'ann', { verified: true });
    const bobProven = identifier('email', 'bob', { verified: true });
    const bobEmail = idOf('email', 'bob');
    const result = rebuildProfiles(
      input(
        [identifier('card', 'family'), annProven, bobProven, identifier('phone', 'bob'), ...family.slice(3)],
        [
          ...observation('txn:1', 10, [card, bobPhone, bobPay]),
          ...observation('claim:2', 20, [card, annEmail, annPay]),
          ...observation('claim:3', 30, [card, bobEmail]),
        ],
      ),
    );
    // Bob is seen twice at the card with nothing of the same kind (a phone, an e-mail): the
    // suggestions may join those; what matters is that Ann stays apart, in the household.
    expect(groups(result)).toEqual(
      [[annEmail, annPay].sort(), [bobEmail], [bobPay, card, bobPhone].sort()].sort((x, y) =>
        (x[0] as string).localeCompare(y[0] as string),
      ),
    );
    expect(result.households).toHaveLength(1);
    expect(result.households[0]?.profileIds).toHaveLength(3);
  });

  it('when a family card’s members arrive in either order, then nobody ends up with the other’s identifiers', () => {
    const annProven = identifier('email', 'ann', { verified: true });
    const bobProven = identifier('email', 'bob', { verified: true });
    const bobEmail = idOf('email', 'bob');
    const ids = [identifier('card', 'family'), annProven, bobProven, ...family.slice(1)];
    const ann = new Set([annEmail, annPay, annPhone]);
    const events = [
      [card, annPhone],
      [card, annPay],
      [card, bobPay, bobPhone],
      [card, bobEmail, bobPay],
      [card, annEmail],
    ];
    for (const ordered of [events, [...events].reverse()]) {
      const result = rebuildProfiles(
        input(
          ids,
          ordered.flatMap((seen, i) => observation(`txn:${i}`, (i + 1) * 10, seen)),
        ),
      );
      const people = groups(result).map(
        (group) => new Set(group.filter((id) => id !== card).map((id) => (ann.has(id) ? 'ann' : 'bob'))),
      );
      expect(people.every((owners) => owners.size <= 1)).toBe(true);
      expect(result.households).toHaveLength(1);
      expect(result.profiles.every((p) => p.householdId === result.households[0]?.householdId)).toBe(true);
    }
  });

  it('when the retailer lists no conflict types, then only proven e-mails make a household (the old rule)', () => {
    const result = rebuildProfiles(
      input(family, sales, { config: { householdConflictTypes: [], householdTypes: ['card'] } }),
    );
    expect(result.profiles).toHaveLength(1);
    expect(result.households).toEqual([]);
  });
});
