import { describe, expect, it } from 'vitest';
import { defaultSyntheticConfig } from './config.js';
import { generateDataset } from './dataset.js';
import { identifierKey } from './ground-truth.js';
import { placeholderEmails } from './junk.js';
import { e164 } from './phones.js';
import { mailbox } from '../../src/domain/suggestions/email-variants.js';

const dataset = generateDataset({ people: 2000 });
const share = (part: number, whole: number) => part / whole;

describe('generateDataset', () => {
  it('when generated twice with one seed, then the stream and truth are identical; another seed differs', () => {
    const small = { people: 150, seed: 11 };
    const a = generateDataset(small);
    expect(JSON.stringify(generateDataset(small).inputs)).toBe(JSON.stringify(a.inputs));
    expect([...generateDataset(small).truth.identifiers.keys()]).toEqual([...a.truth.identifiers.keys()]);
    expect(JSON.stringify(generateDataset({ ...small, seed: 12 }).inputs)).not.toBe(JSON.stringify(a.inputs));
  });

  it('when generated, then people, cards and households follow the configured proportions', () => {
    const { people, households } = dataset;
    const config = defaultSyntheticConfig;
    const holders = people.filter((person) => person.cards.length > 0);
    expect(share(people.filter((p) => p.country === 'IT').length, people.length)).toBeCloseTo(
      config.countries.IT,
      1,
    );
    expect(share(holders.length, people.length)).toBeCloseTo(config.cards.holder, 1);
    const several = config.cards.third + (1 - config.cards.third) * config.cards.second;
    expect(share(holders.filter((p) => p.cards.length > 1).length, holders.length)).toBeCloseTo(several, 1);
    expect(share(people.filter((p) => p.channels === 'store').length, people.length)).toBeCloseTo(
      config.channels.store,
      1,
    );
    expect(households.length).toBe(Math.floor((people.length * config.households) / 2));
    expect(new Set(households.flatMap((h) => h.personIds)).size).toBe(households.length * 2);
  });

  it('when cashiers fill an empty e-mail field, then placeholders appear on about the configured share of card sales', () => {
    const cardSales = dataset.observations.filter(
      (o) => o.pattern === 'till-sale' && o.identifiers.some((i) => i.type === 'card'),
    );
    const withoutEmail = cardSales.filter(
      (o) => !o.identifiers.some((i) => i.type === 'email' && i.owner.kind === 'person'),
    );
    const placeholders = withoutEmail.filter((o) =>
      o.identifiers.some((i) => i.note === 'placeholder-email'),
    );
    expect(share(placeholders.length, withoutEmail.length)).toBeCloseTo(
      defaultSyntheticConfig.junk.placeholderEmail,
      1,
    );
    expect(placeholders.length).toBeGreaterThan(100);
  });

  it('when an observation names an identifier, then ground truth knows its owner: that person, their household, or junk', () => {
    const { truth, observations, households } = dataset;
    const householdOf = new Map(households.flatMap((h) => h.personIds.map((id) => [id, h.householdId])));
    let unreadable = 0;
    for (const observation of observations) {
      for (const observed of observation.identifiers) {
        const normalised = identifierKey(observed, { shopId: defaultSyntheticConfig.shopId });
        if (!normalised) {
          unreadable += 1;
          continue;
        }
        const owner = truth.identifiers.get(normalised.key)?.owner;
        if (owner?.kind === 'person') expect(owner.personId).toBe(observation.personId);
        else if (owner?.kind === 'household')
          expect(owner.householdId).toBe(householdOf.get(observation.personId));
        else expect(owner?.kind).toBe('junk');
      }
    }
    expect(unreadable).toBe(truth.unreadable);
    expect([...truth.identifiers.values()].filter((t) => t.owner.kind === 'conflict')).toEqual([]);
  });

  it("when junk is typed, then exactly the placeholders and the stores' own phones are marked junk", () => {
    const junk = [...dataset.truth.identifiers.values()].filter((t) => t.owner.kind === 'junk');
    const storePhones = new Set(dataset.stores.map((store) => e164(store.phone)));
    const placeholders = new Set(Object.keys(placeholderEmails));
    for (const identifier of junk)
      expect(
        identifier.type === 'email' ? placeholders.has(identifier.value) : storePhones.has(identifier.value),
      ).toBe(true);
    expect(junk.filter((t) => t.type === 'email').length).toBe(placeholders.size);
    expect(junk.filter((t) => t.type === 'phone').length).toBeGreaterThan(5);
  });

  it('when a household shares a card, then each member claims a sale made with it under their own address, or shows it with their own phone or payment card', () => {
    expect(dataset.households.some((h) => h.claims)).toBe(true);
    expect(dataset.households.some((h) => !h.claims)).toBe(true);
    for (const household of dataset.households) {
      const card = dataset.truth.identifiers.get(`card:${household.card}`);
      expect(card?.owner).toEqual({
        kind: 'household',
        householdId: household.householdId,
        personIds: household.personIds,
      });
      for (const personId of household.personIds) {
        if (!household.claims) {
          const sales = dataset.observations.filter(
            (o) =>
              o.pattern === 'till-sale' &&
              o.personId === personId &&
              o.identifiers.some((i) => i.note === 'shared-card') &&
              o.identifiers.some(
                (i) => (i.type === 'phone' || i.type === 'payment') && i.owner.kind === 'person',
              ),
          );
          const person = dataset.people.find((p) => p.personId === personId);
          if (person && (person.phones.length > 0 || person.payments.length > 0))
            expect(sales.length).toBeGreaterThan(0);
          continue;
        }
        const claim = dataset.observations.find(
          (o) =>
            o.pattern === 'receipt-claim' &&
            o.personId === personId &&
            o.identifiers.some((i) => i.note === 'shared-card'),
        );
        expect(claim?.identifiers[0]).toMatchObject({ type: 'email', owner: { kind: 'person', personId } });
      }
    }
  });

  it('when identifiers of a person are seen together, then they share a deterministic group, and no group spans two people', () => {
    const { truth, observations } = dataset;
    const groupOwner = new Map<string, string>();
    for (const t of truth.identifiers.values()) {
      if (t.owner.kind !== 'person') continue;
      const owner = groupOwner.get(t.deterministicGroup as string) ?? t.owner.personId;
      expect(owner).toBe(t.owner.personId);
      groupOwner.set(t.deterministicGroup as string, owner);
    }
    for (const observation of observations) {
      const groups = new Set(
        observation.identifiers
          .filter((i) => i.owner.kind === 'person')
          .map((i) => identifierKey(i, { shopId: defaultSyntheticConfig.shopId }))
          .flatMap((k) => (k ? [truth.identifiers.get(k.key)?.deterministicGroup] : [])),
      );
      expect(groups.size).toBeLessThanOrEqual(1);
    }
  });

  it('when phones and e-mails are typed, then one identifier arrives under several spellings', () => {
    const spellings = new Map<string, Set<string>>();
    for (const observation of dataset.observations)
      for (const observed of observation.identifiers) {
        const key = identifierKey(observed, { shopId: defaultSyntheticConfig.shopId })?.key;
        if (key) spellings.set(key, (spellings.get(key) ?? new Set()).add(observed.raw));
      }
    const most = (type: string) =>
      Math.max(...[...spellings].filter(([key]) => key.startsWith(`${type}:`)).map(([, raws]) => raws.size));
    expect(most('phone')).toBeGreaterThanOrEqual(4);
    expect(most('email')).toBeGreaterThanOrEqual(3);
  });

  it('when turned into API calls, then they come in time order with unique source ids', () => {
    const { inputs } = dataset;
    const times = inputs.map((input) =>
      Date.parse(input.kind === 'identify' ? input.body.at : input.body.placedAt),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(inputs.map((input) => input.sourceId)).size).toBe(inputs.length);
    expect(new Set(inputs.map((input) => input.pattern))).toEqual(
      new Set(['till-sale', 'receipt-claim', 'web-order', 'app-order', 'click-and-collect', 'guest-order']),
    );
  });

  it('when namesakes are generated, then each pair shares a name and addresses that differ only in their numbers', () => {
    const namesakes = dataset.people.filter((person) => person.traits.has('numbered-namesake'));
    expect(namesakes.length).toBe(
      2 * Math.floor((2000 * defaultSyntheticConfig.noise.numberedNamesakes) / 2),
    );
    const byName = new Map<string, string[]>();
    for (const person of namesakes) {
      const name = `${person.firstName} ${person.lastName}`;
      byName.set(name, [...(byName.get(name) ?? []), person.emails[0] as string]);
    }
    const pairs = [...byName.values()].filter((emails) => emails.length >= 2);
    expect(pairs.length).toBeGreaterThanOrEqual(namesakes.length / 2 - 2);
    for (const [a, b] of pairs) {
      expect(a).not.toBe(b);
      expect(a!.replace(/\d/g, '')).toBe(b!.replace(/\d/g, ''));
    }
  });

  it('when addresses are handed out, then no two people get one mailbox under the provider’s rules (Gmail dots and + tags)', () => {
    const owners = new Map<string, Set<string>>();
    for (const truth of dataset.truth.identifiers.values()) {
      if (truth.type !== 'email' || truth.owner.kind !== 'person') continue;
      const box = mailbox(truth.value);
      owners.set(box, (owners.get(box) ?? new Set()).add(truth.owner.personId));
    }
    const shared = [...owners].filter(([, people]) => people.size > 1);
    expect(shared).toEqual([]);
    // Dotless Gmail spellings are still generated: they are the owner's own mailbox.
    expect(dataset.people.some((person) => person.dotlessEmail !== null)).toBe(true);
  });

  it('when families are formed, then members often share a surname (more where couples take one family name) but never a first and last name both', () => {
    const byId = new Map(dataset.people.map((person) => [person.personId, person]));
    const members = dataset.households.map((h) => h.personIds.map((id) => byId.get(id)!));
    const sameSurname = members.filter(([a, b]) => a!.lastName === b!.lastName);
    expect(sameSurname.length).toBeGreaterThan(dataset.households.length * 0.2);
    expect(sameSurname.length).toBeLessThan(dataset.households.length * 0.6);
    expect(
      members.filter(([a, b]) => a!.firstName === b!.firstName && a!.lastName === b!.lastName).length,
    ).toBeLessThan(3);
  });

  it('when a person writes their name another way, then only orders without a sign-in carry it; signed-in orders give the account’s name', () => {
    const byId = new Map(dataset.people.map((person) => [person.personId, person]));
    const named = dataset.observations.filter((o) => o.name !== null);
    const variants = named.filter(
      (o) => o.name !== `${byId.get(o.personId)!.firstName} ${byId.get(o.personId)!.lastName}`,
    );
    expect(variants.length).toBeGreaterThan(0);
    for (const order of variants) {
      expect(byId.get(order.personId)!.traits.has('name-variant')).toBe(true);
      expect(order.identifiers.some((i) => i.type === 'webAccount')).toBe(false);
    }
    expect(named.every((o) => o.pattern !== 'till-sale' && o.pattern !== 'receipt-claim')).toBe(true);
  });
});
