import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultGraphConfig } from './config.js';
import {
  type CurationDecisions,
  type ObservationSighting,
  profileDifferences,
  rebuildFromObservations,
} from './from-observations.js';
import { groups, idOf } from './graph.fixtures.js';
import { rebuildProfiles } from './rebuild.js';
import type { GraphConfig, GraphIdentifier, GraphLink, IdentifierType } from './types.js';

const card = idOf('card', '1');
const email = idOf('email', 'ann');
const phone = idOf('phone', 'ann');
const account = idOf('webAccount', 'ann');

function seen(
  observationId: string,
  at: number,
  ids: string[],
  options: { rule?: ObservationSighting['rule']; verified?: string[] } = {},
): ObservationSighting {
  return {
    observationId,
    at,
    rule: options.rule ?? 'till-sale',
    identifiers: ids.map((id) => ({
      id,
      type: id.split(':')[1] as IdentifierType,
      hash: `${id}-hash`,
      verified: options.verified?.includes(id) ?? false,
    })),
  };
}

const none: CurationDecisions = {
  cutLinkIds: new Set(),
  overrides: { neverLink: [], mustLink: [] },
  quarantined: new Map(),
};

const rebuilt = (observations: ObservationSighting[], curation: Partial<CurationDecisions> = {}) =>
  rebuildFromObservations(observations, { ...none, ...curation }, defaultGraphConfig, 1_000);

describe('rebuildFromObservations', () => {
  it('when a sale names card + e-mail, a web order e-mail + phone and a claim proves the e-mail, then they are one profile whatever order they came in', () => {
    const observations = [
      seen('txn:1', 10, [card, email]),
      seen('order:t1:web:1', 20, [email, phone], { rule: 'online-order' }),
      seen('claim:rcpt_1', 30, [email], { rule: 'receipt-claim', verified: [email] }),
    ];
    const forwards = rebuilt(observations);
    const backwards = rebuilt([...observations].reverse());
    expect(groups(forwards)).toEqual([[card, email, phone].sort()]);
    expect(groups(backwards)).toEqual(groups(forwards));
  });

  it('when two people show one card and only the names of their web orders tell them apart, then the rebuild keeps the names on their own identifiers, never on the card', () => {
    const annPay = idOf('payment', 'ann');
    const bobPhone = idOf('phone', 'bob');
    const bobEmail = idOf('email', 'bob');
    const observations = [
      seen('txn:1', 10, [card, annPay]),
      seen('txn:3', 12, [annPay, email]),
      { ...seen('order:t1:web:1', 15, [email], { rule: 'online-order' }), nameKey: 'name:anna' },
      seen('txn:2', 20, [card, bobPhone]),
      {
        ...seen('order:t1:web:2', 25, [bobPhone, bobEmail], { rule: 'online-order' }),
        nameKey: 'name:marco',
      },
    ];
    const result = rebuilt(observations);
    expect(groups(result)).toEqual([[annPay, card, email].sort(), [bobEmail, bobPhone].sort()]);
    expect(result.households[0]?.toldApartBy).toEqual(['names']);
    const unnamed = rebuilt(observations.map(({ nameKey: _, ...rest }: ObservationSighting) => rest));
    expect(groups(unnamed)).toHaveLength(1);
  });

  it('when staff cut a link, quarantined an identifier and set a never-link, then the rebuild keeps their decisions', () => {
    const other = idOf('email', 'bob');
    const observations = [
      seen('txn:1', 10, [card, email]),
      seen('txn:2', 20, [card, phone]),
      seen('txn:3', 30, [card, other]),
    ];
    const result = rebuilt(observations, {
      cutLinkIds: new Set([`lnk:${[card, phone].sort().join('~')}`]),
      quarantined: new Map([[other, 'staff']]),
      overrides: { neverLink: [{ a: card, b: email }], mustLink: [] },
    });
    expect(groups(result)).toEqual([[card], [email], [phone]]);
    expect(result.quarantined).toEqual([{ identifierId: other, reason: 'staff' }]);
  });

  it('when the match model merged two e-mails (a must-link) and a person was erased, then the must-link joins and the erased identifier is gone', () => {
    const other = idOf('email', 'anna');
    const result = rebuilt([seen('txn:1', 10, [card, email]), seen('txn:2', 20, [other, phone])], {
      overrides: { neverLink: [], mustLink: [{ a: email, b: other }] },
      erased: new Set([phone]),
    });
    expect(groups(result)).toEqual([[card, email, other].sort()]);
  });

  it('when a fourth e-mail joins an account limited to three, then the e-mail seen last is held, even when its order came first', () => {
    const emails = ['a', 'b', 'c', 'd'].map((name) => idOf('email', name));
    const orders = emails.map((one, i) =>
      seen(`order:t1:web:${i}`, 100 + i, [account, one], { rule: 'online-order' }),
    );
    const result = rebuilt([...orders].reverse());
    expect(groups(result)).toEqual([[...emails.slice(0, 3), account].sort(), [emails[3] as string]]);
    expect(result.heldLinks).toEqual([
      { linkId: `lnk:${[account, emails[3]].sort().join('~')}`, reason: 'limit' },
    ]);
  });

  it('when identifiers are seen first in a later observation, then their first sighting is the oldest one', () => {
    const result = rebuilt([seen('txn:2', 50, [card, email]), seen('txn:1', 5, [card])]);
    expect(result.profiles[0]?.createdAt).toBe(5);
  });
});

/**
 * Linking as the service does it, one observation at a time in the order they arrive: each adds
 * its identifiers and the links it brings (dated by the first observation that brought them),
 * then the graph is rebuilt with everyone's previous profile.
 */
function linkOneByOne(observations: readonly ObservationSighting[], config: GraphConfig) {
  const identifiers = new Map<string, GraphIdentifier>();
  const links = new Map<string, GraphLink>();
  let result = rebuildProfiles({
    identifiers: [],
    links: [],
    overrides: { neverLink: [], mustLink: [] },
    config,
    now: 0,
  });
  let next = 0;
  for (const observation of observations) {
    for (const one of observation.identifiers) {
      const known = identifiers.get(one.id);
      identifiers.set(one.id, {
        ...(known ?? { id: one.id, type: one.type, hash: one.hash }),
        firstSeenAt: Math.min(known?.firstSeenAt ?? observation.at, observation.at),
        verified: (known?.verified ?? false) || one.verified,
      });
    }
    const ids = [...new Set(observation.identifiers.map((one) => one.id))];
    ids.forEach((a, i) =>
      ids.slice(i + 1).forEach((b) => {
        const [x, y] = a < b ? [a, b] : [b, a];
        const id = `lnk:${x}~${y}`;
        if (!links.has(id))
          links.set(id, {
            id,
            a: x,
            b: y,
            observationId: observation.observationId,
            at: observation.at,
            rule: observation.rule,
          });
      }),
    );
    result = rebuildProfiles({
      identifiers: [...identifiers.values()].sort((p, q) => (p.id < q.id ? -1 : 1)),
      links: [...links.values()].sort((p, q) => (p.id < q.id ? -1 : 1)),
      overrides: { neverLink: [], mustLink: [] },
      config,
      existingProfiles: result.profiles.map(({ profileId, createdAt }) => ({ profileId, createdAt })),
      now: observation.at,
      newProfileId: () => `prf_${(next += 1)}`,
    });
    const profileOf = new Map(result.profiles.flatMap((p) => p.identifierIds.map((id) => [id, p.profileId])));
    for (const [id, identifier] of identifiers)
      identifiers.set(id, { ...identifier, profileId: profileOf.get(id) });
  }
  return result;
}

describe('rebuildFromObservations against linking one observation at a time', () => {
  // Connectivity only: no limit or household guard, whose choices depend on which link came first.
  const config: GraphConfig = { ...defaultGraphConfig, limits: {}, householdTypes: [], junkK: 10_000 };
  const types: IdentifierType[] = ['card', 'email', 'phone', 'payment'];
  const sightings = fc
    .array(
      fc.record({
        ids: fc.uniqueArray(fc.nat(11), { minLength: 1, maxLength: 3 }),
        at: fc.nat(1_000),
        proven: fc.boolean(),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((rows) =>
      rows.map((row, n) =>
        seen(
          `obs:${String(n).padStart(2, '0')}`,
          row.at,
          row.ids.map((i) => idOf(types[i % types.length] as IdentifierType, String(i))),
          {
            verified: row.proven
              ? row.ids.map((i) => idOf(types[i % types.length] as IdentifierType, String(i)))
              : [],
          },
        ),
      ),
    );

  it('when observations arrive in any order, then the profiles linked one by one group identifiers as the rebuild from scratch does', () => {
    fc.assert(
      fc.property(sightings, fc.func(fc.integer()), (observations, order) => {
        const arrival = [...observations].sort((x, y) => order(x.observationId) - order(y.observationId));
        const incremental = linkOneByOne(arrival, config);
        const scratch = rebuildFromObservations(observations, none, config, 2_000);
        expect(groups(scratch)).toEqual(groups(incremental));
        expect(profileDifferences(incremental.profiles, scratch.profiles)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('profileDifferences', () => {
  const profile = (profileId: string, identifierIds: string[], householdId: string | null = null) => ({
    profileId,
    identifierIds,
    householdId,
  });

  it('when the same identifiers are grouped under other ids, then there is no difference', () => {
    expect(
      profileDifferences(
        [profile('prf_a', [card, email], 'hh_1'), profile('prf_b', [phone], 'hh_1')],
        [profile('prf_x', [email, card], 'hh_9'), profile('prf_y', [phone], 'hh_9')],
      ),
    ).toEqual([]);
  });

  it('when a stored profile holds what the rebuild splits, or a household is missing, then each is named', () => {
    const differences = profileDifferences(
      [profile('prf_a', [card, email, phone], 'hh_1')],
      [profile('prf_x', [card, email]), profile('prf_y', [phone])],
    );
    expect(differences).toEqual([
      `prf_a holds [${[card, email, phone].sort().join(' ')}]; the rebuild groups them otherwise`,
      `the rebuild has a profile of [${[card, email].sort().join(' ')}] that no stored profile matches`,
      `the rebuild has a profile of [${phone}] that no stored profile matches`,
      `stored household {${[card, email, phone].sort().join(' ')}} is not rebuilt`,
    ]);
  });
});
