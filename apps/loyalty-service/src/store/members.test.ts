import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import type { LoyaltyStore } from './loyalty-store.js';
import { memberKeyId, memberKeyModel } from './members-model.js';
import type { NewMember } from './members.js';
import { openTestStore } from './store-test-support.js';

const at = new Date('2026-03-01T10:00:00Z');
let store: LoyaltyStore;
let database: Connection;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, database, close } = await openTestStore(() => at));
});
afterAll(() => close());

const member = (id: string, email: string, cards: string[]): NewMember => ({
  id,
  tenantId: 'moda-rossi',
  email: { encrypted: `enc-${email}`, hash: `h-${email}` },
  name: null,
  cards: cards.map((hash) => ({ hash, masked: '••••0000', encrypted: `enc-${hash}`, addedAt: at })),
  profileId: null,
  consent: [],
  tierHistory: [],
  enrolledAt: at,
});

describe('member store on the real database', () => {
  it('when two members enrol with the same card at once, then one gets it and the other is told which', async () => {
    const results = await Promise.all([
      store.members.enrol(member('mbr_a', 'a', ['card-1'])),
      store.members.enrol(member('mbr_b', 'b', ['card-2', 'card-1'])),
    ]);
    expect(results.filter((result) => result.status === 'enrolled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'taken');
    expect(refused).toMatchObject({ type: 'card' });
    const holder = await store.members.findByKey('moda-rossi', 'card', 'card-1');
    expect(['mbr_a', 'mbr_b']).toContain(holder);
    // The loser's other card is free again.
    if (holder === 'mbr_a') expect(await store.members.findByKey('moda-rossi', 'card', 'card-2')).toBeNull();
  });

  it('when a card is added, then the till finds the member by it, and it cannot be added to another member', async () => {
    await store.members.enrol(member('mbr_c', 'c', []));
    await store.members.enrol(member('mbr_d', 'd', []));
    const card = { hash: 'card-9', masked: '••••0009', encrypted: 'enc-card-9', addedAt: at };
    expect(await store.members.addCard('mbr_c', 'moda-rossi', card)).toBe('added');
    expect(await store.members.addCard('mbr_c', 'moda-rossi', card)).toBe('already');
    expect(await store.members.addCard('mbr_d', 'moda-rossi', card)).toBe('taken');
    expect(await store.members.findByKey('moda-rossi', 'card', 'card-9')).toBe('mbr_c');
  });

  it('when a card was looked up before, then its holder is one read of the member; once erased and enrolled again, the new holder', async () => {
    await store.members.enrol(member('mbr_k1', 'k1', ['card-k']));
    const reads: string[] = [];
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'find') reads.push(String(event.command.find));
    };
    database.getClient().on('commandStarted', listener);
    try {
      expect((await store.members.holderOf('moda-rossi', 'card', 'card-k'))?.id).toBe('mbr_k1');
      expect(reads).toEqual(['member_keys', 'members']);
      reads.length = 0;
      expect((await store.members.holderOf('moda-rossi', 'card', 'card-k'))?.id).toBe('mbr_k1');
      expect(reads).toEqual(['members']);

      // Erased: the card's key is gone with the member's cards; a new member enrols with it.
      await store.members.anonymise('mbr_k1', at);
      expect(await store.members.holderOf('moda-rossi', 'card', 'card-k')).toBeNull();
      await store.members.enrol(member('mbr_k2', 'k2', ['card-k']));
      reads.length = 0;
      expect((await store.members.holderOf('moda-rossi', 'card', 'card-k'))?.id).toBe('mbr_k2');
      expect(reads).toEqual(['member_keys', 'members']);
    } finally {
      database.getClient().off('commandStarted', listener);
    }
  });

  it('when a member is merged into another, then resolving follows the merge', async () => {
    await store.members.enrol(member('mbr_e', 'e', []));
    await store.members.setMergedInto('mbr_d', { memberId: 'mbr_e', operationId: 'mrg_1', at });
    expect((await store.members.resolve('mbr_d'))?.id).toBe('mbr_e');
  });

  it('when a member is anonymised, then nothing personal is left and the keys no longer find it', async () => {
    await store.members.enrol(member('mbr_f', 'f', ['card-f']));
    await store.members.anonymise('mbr_f', at);
    expect(await store.members.get('mbr_f')).toMatchObject({
      email: null,
      cards: [],
      consent: [],
      erasedAt: at,
    });
    expect(await store.members.findByKey('moda-rossi', 'card', 'card-f')).toBeNull();
    expect(await store.members.findByKey('moda-rossi', 'email', 'h-f')).toBeNull();
  });
});

describe('keys of an enrolment that never finished', () => {
  it('when the key is fresh, then it is respected (its enrolment may still be running); when old, then it is free again', async () => {
    const Keys = memberKeyModel(database);
    const fresh = new Date(at.getTime() - 1000);
    const old = new Date(at.getTime() - 60 * 60_000);
    await Keys.create({
      _id: memberKeyId('moda-rossi', 'card', 'card-fresh'),
      tenantId: 'moda-rossi',
      type: 'card',
      memberId: 'mbr_ghost1',
      at: fresh,
    });
    await Keys.create({
      _id: memberKeyId('moda-rossi', 'card', 'card-old'),
      tenantId: 'moda-rossi',
      type: 'card',
      memberId: 'mbr_ghost2',
      at: old,
    });
    expect(await store.members.enrol(member('mbr_g', 'g', ['card-fresh']))).toMatchObject({
      status: 'taken',
    });
    expect(await store.members.enrol(member('mbr_h', 'h', ['card-old']))).toEqual({ status: 'enrolled' });
    expect(await store.members.findByKey('moda-rossi', 'card', 'card-old')).toBe('mbr_h');
  });
});

describe('sign-in code store', () => {
  it('when guesses race, then no more than the allowed attempts are taken and a code is used once', async () => {
    const taken = await Promise.all(
      Array.from({ length: 8 }, () => store.signInCodes.takeAttempt('sgn_1', 5, at)),
    );
    expect(taken.filter(Boolean)).toHaveLength(5);
    const uses = await Promise.all([
      store.signInCodes.claimUse('sgn_1', at),
      store.signInCodes.claimUse('sgn_1', at),
    ]);
    expect(uses.filter(Boolean)).toHaveLength(1);
  });
});
