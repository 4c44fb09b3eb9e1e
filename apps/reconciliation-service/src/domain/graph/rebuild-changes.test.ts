import { describe, expect, it } from 'vitest';
import { groups, identifier, idOf, input, linkOf, observation } from './graph.fixtures.js';
import { rebuildProfiles } from './rebuild.js';

const card = idOf('card', 'family');
const annEmail = idOf('email', 'ann');
const bobEmail = idOf('email', 'bob');
const bobPhone = idOf('phone', 'bob');

describe('rebuildProfiles: households', () => {
  it('when a card is claimed by two people with different proven e-mails, then they form a household, not one person', () => {
    const result = rebuildProfiles(
      input(
        [
          identifier('card', 'family'),
          identifier('email', 'ann', { verified: true }),
          identifier('email', 'bob', { verified: true }),
          identifier('phone', 'bob'),
        ],
        [
          ...observation('txn:1', 1, [card, bobPhone]),
          ...observation('claim:1', 2, [card, annEmail], 'receipt-claim'),
          ...observation('claim:2', 3, [card, bobPhone, bobEmail], 'receipt-claim'),
        ],
      ),
    );
    expect(result.profiles).toHaveLength(2);
    // The card sits with one of them (the one whose phone used it first); Ann keeps her own profile.
    expect(groups(result)).toEqual([[card, bobEmail, bobPhone].sort(), [annEmail]]);
    expect(result.households).toHaveLength(1);
    expect(result.households[0]?.sharedIdentifierIds).toEqual([card]);
    expect(result.profiles.every((p) => p.householdId === result.households[0]?.householdId)).toBe(true);
  });

  it('when one person proved two e-mails through the same phone, then it stays one person', () => {
    const result = rebuildProfiles(
      input(
        [
          identifier('phone', 'bob'),
          identifier('email', 'ann', { verified: true }),
          identifier('email', 'bob', { verified: true }),
        ],
        [linkOf(bobPhone, annEmail, 1, 'order:1'), linkOf(bobPhone, bobEmail, 2, 'order:2')],
      ),
    );
    expect(result.profiles).toHaveLength(1);
    expect(result.households).toEqual([]);
  });
});

describe('rebuildProfiles: stable ids', () => {
  const a = idOf('card', 'a');
  const b = idOf('phone', 'b');
  const c = idOf('email', 'c');

  it('when two existing profiles are linked, then the older one survives and the merge names the link', () => {
    const result = rebuildProfiles(
      input(
        [
          identifier('card', 'a', { profileId: 'prf_young', firstSeenAt: 1 }),
          identifier('phone', 'b', { profileId: 'prf_old', firstSeenAt: 5 }),
        ],
        [linkOf(a, b, 9, 'order:9', 'online-order')],
        {
          existingProfiles: [
            { profileId: 'prf_young', createdAt: 20 },
            { profileId: 'prf_old', createdAt: 10 },
          ],
        },
      ),
    );
    expect(result.profiles.map((p) => p.profileId)).toEqual(['prf_old']);
    expect(result.merges).toEqual([
      {
        survivorId: 'prf_old',
        absorbedIds: ['prf_young'],
        identifierIds: [a, b],
        rule: 'online-order',
        observationId: 'order:9',
      },
    ]);
    expect(result.retiredProfileIds).toEqual(['prf_young']);
  });

  it('when a link is cut, then the part with the oldest evidence keeps the id and the other gets a new one', () => {
    const identifiers = [
      identifier('card', 'a', { profileId: 'prf_p', firstSeenAt: 1 }),
      identifier('phone', 'b', { profileId: 'prf_p', firstSeenAt: 2 }),
      identifier('email', 'c', { profileId: 'prf_p', firstSeenAt: 3 }),
    ];
    const result = rebuildProfiles(input(identifiers, [linkOf(a, b, 2, 'txn:1')]));
    expect(result.profiles.map((p) => [p.profileId, p.identifierIds])).toEqual([
      ['prf_new1', [c]],
      ['prf_p', [a, b]],
    ]);
    expect(result.splits).toEqual([
      {
        fromProfileId: 'prf_p',
        parts: [
          { profileId: 'prf_p', identifierIds: [a, b] },
          { profileId: 'prf_new1', identifierIds: [c] },
        ],
      },
    ]);
    expect(result.merges).toEqual([]);
  });

  it('when nothing changed, then the rebuild reports no merge, split or retired profile', () => {
    const identifiers = [
      identifier('card', 'a', { profileId: 'prf_p' }),
      identifier('phone', 'b', { profileId: 'prf_p' }),
    ];
    const result = rebuildProfiles(input(identifiers, [linkOf(a, b, 1, 'txn:1')]));
    expect(result).toMatchObject({ merges: [], splits: [], retiredProfileIds: [] });
    expect(result.profiles[0]?.profileId).toBe('prf_p');
  });
});

describe('rebuildProfiles: staff overrides', () => {
  const a = idOf('webAccount', 'a');
  const b = idOf('email', 'b');
  const c = idOf('phone', 'c');

  it('when staff said never to link two identifiers, then no path joins them', () => {
    const result = rebuildProfiles(
      input(
        [identifier('webAccount', 'a'), identifier('email', 'b'), identifier('phone', 'c')],
        [linkOf(a, c, 1, 'txn:1'), linkOf(c, b, 2, 'order:1')],
        { overrides: { neverLink: [{ a, b }], mustLink: [] } },
      ),
    );
    expect(groups(result)).toEqual([[b], [a, c].sort()]);
    expect(result.heldLinks).toEqual([{ linkId: linkOf(c, b, 2, 'order:1').id, reason: 'never-link' }]);
  });

  it('when staff must-link two identifiers never seen together, then they are one profile, the merge by staff', () => {
    const result = rebuildProfiles(
      input(
        [
          identifier('webAccount', 'a', { profileId: 'prf_a' }),
          identifier('email', 'b', { profileId: 'prf_b', firstSeenAt: 5 }),
        ],
        [],
        { overrides: { neverLink: [], mustLink: [{ a, b }] } },
      ),
    );
    expect(result.merges).toMatchObject([
      { survivorId: 'prf_a', absorbedIds: ['prf_b'], rule: 'staff-must-link', observationId: null },
    ]);
  });
});
