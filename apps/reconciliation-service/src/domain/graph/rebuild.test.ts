import { describe, expect, it } from 'vitest';
import { groups, identifier, idOf, input, linkOf, observation } from './graph.fixtures.js';
import { rebuildProfiles } from './rebuild.js';

const card = idOf('card', '1');
const phone = idOf('phone', 'ann');
const email = idOf('email', 'ann');

describe('rebuildProfiles: linking', () => {
  it('when a till sale names card + phone and a web order phone + email, then the three are one profile', () => {
    const result = rebuildProfiles(
      input(
        [identifier('card', '1'), identifier('phone', 'ann'), identifier('email', 'ann')],
        [
          ...observation('txn:1', 10, [card, phone]),
          ...observation('order:1', 20, [phone, email], 'online-order'),
        ],
      ),
    );
    expect(groups(result)).toEqual([[card, email, phone].sort()]);
    expect(result.heldLinks).toEqual([]);
  });

  it('when identifiers were never seen together, then each is its own profile', () => {
    const result = rebuildProfiles(input([identifier('card', '1'), identifier('card', '2')], []));
    expect(result.profiles).toHaveLength(2);
  });

  it('when an identifier is quarantined, then it is in no profile and links nothing', () => {
    const result = rebuildProfiles(
      input(
        [
          identifier('card', '1'),
          identifier('card', '2'),
          identifier('email', 'x', { quarantined: 'blocklist' }),
        ],
        [
          ...observation('txn:1', 1, [card, idOf('email', 'x')]),
          ...observation('txn:2', 2, [idOf('card', '2'), idOf('email', 'x')]),
        ],
      ),
    );
    expect(groups(result)).toEqual([[card], [idOf('card', '2')]]);
    expect(result.quarantined).toEqual([{ identifierId: idOf('email', 'x'), reason: 'blocklist' }]);
  });
});

describe('rebuildProfiles: per-type limits', () => {
  it('when a fourth e-mail would join a profile limited to three, then its link is held', () => {
    const account = idOf('webAccount', 'shop:1');
    const emails = ['a', 'b', 'c', 'd'].map((name) => identifier('email', name));
    const links = emails.map((e, i) => linkOf(account, e.id, i + 1, `order:${i}`, 'online-order'));
    const result = rebuildProfiles(input([identifier('webAccount', 'shop:1'), ...emails], links));
    expect(groups(result)).toEqual([
      [idOf('email', 'a'), idOf('email', 'b'), idOf('email', 'c'), account].sort(),
      [idOf('email', 'd')],
    ]);
    expect(result.heldLinks).toEqual([{ linkId: links[3]?.id, reason: 'limit' }]);
  });

  it('when the household mode allows two cards, then a third card stays apart', () => {
    const cards = ['1', '2', '3'].map((n) => identifier('card', n));
    const links = cards.map((c, i) => linkOf(phone, c.id, i + 1, `txn:${i}`));
    const result = rebuildProfiles(
      input([identifier('phone', 'ann'), ...cards], links, { config: { limits: { card: 2 } } }),
    );
    expect(result.profiles.map((p) => p.identifierIds.length).sort()).toEqual([1, 3]);
  });

  it('when a member enrolled a fourth card (a replacement, the family card), then the enrolment joins it while a till sighting of a fourth card stays held', () => {
    const cards = ['1', '2', '3', '4'].map((n) => identifier('card', n));
    const sighted = ['1', '2', '3'].map((n, i) => linkOf(email, idOf('card', n), i + 1, `txn:${i}`));
    const tillFourth = linkOf(email, idOf('card', '4'), 10, 'txn:4');
    const atTill = rebuildProfiles(input([identifier('email', 'ann'), ...cards], [...sighted, tillFourth]));
    expect(atTill.heldLinks).toEqual([{ linkId: tillFourth.id, reason: 'limit' }]);

    const enrolled = linkOf(email, idOf('card', '4'), 10, 'identify:loyalty:mbr_1', 'loyalty-enrolment');
    const byProgram = rebuildProfiles(input([identifier('email', 'ann'), ...cards], [...sighted, enrolled]));
    expect(groups(byProgram)).toEqual([[email, ...cards.map((c) => c.id)].sort()]);
    expect(byProgram.heldLinks).toEqual([]);
  });
});

describe('rebuildProfiles: junk', () => {
  it('when cashiers type one e-mail on 50 sales of different cards, then it is junk and joins nobody', () => {
    const junk = identifier('email', 'placeholder');
    const cards = Array.from({ length: 50 }, (_, i) => identifier('card', String(i)));
    const links = cards.map((c, i) => linkOf(c.id, junk.id, i, `txn:${i}`));
    const result = rebuildProfiles(input([junk, ...cards], links));
    expect(result.profiles).toHaveLength(50);
    expect(result.profiles.every((p) => p.identifierIds.length === 1)).toBe(true);
    expect(result.quarantined).toEqual([{ identifierId: junk.id, reason: 'junk', profilesJoined: 50 }]);
  });

  it('when one card is seen with ten payment fingerprints and a phone, then it is one person, not junk', () => {
    const payments = Array.from({ length: 10 }, (_, i) => identifier('payment', String(i)));
    const links = payments.flatMap((p, i) => observation(`txn:${i}`, i, [card, phone, p.id]));
    const result = rebuildProfiles(
      input([identifier('card', '1'), identifier('phone', 'ann'), ...payments], links),
    );
    expect(result.quarantined).toEqual([]);
    expect(result.profiles).toHaveLength(1);
  });

  it('when an identifier joins exactly K people, then it is not junk', () => {
    const shared = identifier('phone', 'shop');
    const cards = Array.from({ length: 5 }, (_, i) => identifier('card', String(i)));
    const links = cards.map((c, i) => linkOf(c.id, shared.id, i, `txn:${i}`));
    const result = rebuildProfiles(input([shared, ...cards], links, { config: { limits: {} } }));
    expect(result.quarantined).toEqual([]);
    expect(result.profiles).toHaveLength(1);
  });
});

describe('rebuildProfiles: standing evidence', () => {
  it('when a new e-mail is seen at the same time as three standing ones over the limit, then the new one stays out', () => {
    const emails = ['a', 'b', 'c'].map((name) => identifier('email', name, { profileId: 'prf_p' }));
    const standing = emails.map((e) => linkOf(phone, e.id, 5, `identify:${e.id}`));
    const newcomer = identifier('email', '0');
    const result = rebuildProfiles(
      input(
        [identifier('phone', 'ann', { profileId: 'prf_p' }), ...emails, newcomer],
        [linkOf(phone, newcomer.id, 5, 'identify:new'), ...standing].sort((x, y) => (x.id < y.id ? -1 : 1)),
      ),
    );
    expect(result.splits).toEqual([]);
    expect(groups(result)).toContainEqual([newcomer.id]);
  });
});
