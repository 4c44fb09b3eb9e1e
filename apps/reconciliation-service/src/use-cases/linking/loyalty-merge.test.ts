import { type EventEnvelope, parseEventPayload, type PosSale } from '@scontrino/contracts';
import type { TestLoyaltyService } from '@scontrino/loyalty-service/testing';
import { inboxQueueName } from '@scontrino/queue';
import { uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';
import { curator } from '../../test-support/reconciliation-service.js';

// Three services in-process on one set of keys and one queue prefix: tills post to the receipt
// service, whose events reach reconciliation and loyalty; reconciliation's profile events reach loyalty.
let platform: TestPlatform;
let loyalty: TestLoyaltyService;

const phone = '+39 347 555 0101';
const anna = { card: '2900000031001', email: `${uniqueName('anna')}@example.it`, memberId: '' };
const bruno = { card: '2900000031002', email: `${uniqueName('bruno')}@example.it`, memberId: '' };
/** The machine is shared and loaded: events cross Redis and three workers. */
const WAIT = { timeout: 60_000, interval: 200 };
const LONG = 240_000;

beforeAll(async () => {
  platform = await startTestPlatform({ withLoyalty: true });
  loyalty = platform.loyalty!;
  // Anna enrols first: when the two members merge, her ledger is the one that stays.
  for (const member of [anna, bruno])
    member.memberId = (
      await loyalty.trpc.members.enrol.mutate({
        tenantId: platform.tenantId,
        email: member.email,
        cardNumbers: [member.card],
        marketingConsent: { granted: true, source: 'till' },
      })
    ).memberId;
});
afterAll(() => platform?.close());

/** A sale at the till naming these customer identifiers; answers the sale's `txn_…` id once linked. */
async function tillSale(customer: PosSale['customer']): Promise<string> {
  const { transactionId } = await platform.tillSale(customer);
  await platform.reconciliation.waitLinked(`txn:${transactionId}`, WAIT.timeout);
  return transactionId;
}

/** The member whose ledger the sale was credited to (by loyalty's inbox). */
const creditedTo = (saleId: string) =>
  vi.waitFor(async () => {
    const earn = await loyalty.loyalty.store.ledger.byBusinessKey(`earn:${saleId}`);
    if (!earn) throw new Error(`sale ${saleId} not credited yet`);
    return earn;
  }, WAIT);

async function ledgerOf(memberId: string) {
  const state = await loyalty.loyalty.store.ledger.stateOf(memberId);
  const entries = await loyalty.loyalty.store.ledger.entriesOf(memberId);
  return { pending: state.pending, active: state.active, kinds: entries.map((entry) => entry.kind) };
}

const loyaltyInbox = () => loyalty.queues.queue(inboxQueueName('loyalty-service'));

/** The one event of that type in loyalty's inbox, once its worker has handled it (retries included). */
async function handledByLoyalty(type: 'profiles.merged' | 'profiles.unmerged'): Promise<EventEnvelope> {
  const ofType = await vi.waitFor(async () => {
    const jobs = await loyaltyInbox().getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    const found = jobs.filter((job) => (job.data as EventEnvelope).type === type);
    for (const job of found) {
      const state = await job.getState();
      if (state !== 'completed') throw new Error(`${type} is ${state} in loyalty: ${job.failedReason ?? ''}`);
    }
    if (found.length === 0) throw new Error(`no ${type} in the loyalty inbox yet`);
    return found;
  }, WAIT);
  expect(ofType).toHaveLength(1);
  return ofType[0]!.data as EventEnvelope;
}

/** Hands loyalty the event again under this id (the publisher's retry, or a replay), and waits for it. */
async function redeliver(event: EventEnvelope, id: string) {
  const job = await loyaltyInbox().add({ ...event, id }, { jobId: uniqueName('again') });
  await job.finished();
}

describe('profiles.merged and profiles.unmerged consumed by loyalty', () => {
  const points = { anna: { pending: 0, active: 0 }, bruno: { pending: 0, active: 0 } };
  let merged: EventEnvelope;
  let survivorProfileId: string;

  it(
    'when two members earn on their own cards and a till sale then names the second card with the first one’s phone, then reconciliation merges their profiles',
    { timeout: LONG },
    async () => {
      const annaSale = await tillSale({ loyaltyCardNumber: anna.card, phone });
      // Bruno's card is seen alone first: a profile of its own, which the next sale merges.
      const brunoAlone = await tillSale({ loyaltyCardNumber: bruno.card });
      const annaProfile = await platform.reconciliation.trpc.profiles.resolve.query({
        tenantId: platform.tenantId,
        type: 'phone',
        value: phone,
      });
      const brunoProfile = await platform.reconciliation.trpc.profiles.resolve.query({
        tenantId: platform.tenantId,
        type: 'card',
        value: bruno.card,
      });
      expect(brunoProfile?.profileId).not.toBe(annaProfile?.profileId);
      const brunoWithPhone = await tillSale({ loyaltyCardNumber: bruno.card, phone });

      // Each sale is credited before the merge it causes reaches loyalty (its inbox is one FIFO
      // worker), so it earns on its own member's ledger: those earns are each member's own points.
      for (const [saleId, member] of [
        [annaSale, anna],
        [brunoAlone, bruno],
        [brunoWithPhone, bruno],
      ] as const) {
        const earn = await creditedTo(saleId);
        expect(earn.memberId).toBe(member.memberId);
        expect(earn.pending).toBeGreaterThan(0);
        const own = member === anna ? points.anna : points.bruno;
        own.pending += earn.pending;
        own.active += earn.active;
      }
      expect(points.bruno.pending).not.toBe(points.anna.pending);

      // Both cards are one profile now: the older one (Anna's card and phone) survives.
      survivorProfileId = annaProfile!.profileId;
      expect(
        await platform.reconciliation.trpc.profiles.resolve.query({
          tenantId: platform.tenantId,
          type: 'card',
          value: bruno.card,
        }),
      ).toEqual({
        profileId: survivorProfileId,
      });
      merged = await handledByLoyalty('profiles.merged');
      expect(parseEventPayload('profiles.merged', merged.payload)).toMatchObject({
        tenantId: platform.tenantId,
        survivorId: survivorProfileId,
        absorbedIds: [brunoProfile!.profileId],
        reason: { rule: 'till-sale', observationId: `txn:${brunoWithPhone}` },
      });
    },
  );

  it(
    'when loyalty handles profiles.merged, then the absorbed member’s points move to the survivor by transfer entries, none lost, and a redelivery changes nothing',
    { timeout: LONG },
    async () => {
      const { mergeId } = parseEventPayload('profiles.merged', merged.payload);
      expect(await ledgerOf(anna.memberId)).toEqual({
        pending: points.anna.pending + points.bruno.pending,
        active: points.anna.active + points.bruno.active,
        kinds: ['earn', 'transfer_in'],
      });
      expect(await ledgerOf(bruno.memberId)).toEqual({
        pending: 0,
        active: 0,
        kinds: ['earn', 'earn', 'transfer_out'],
      });
      const out = await loyalty.loyalty.store.ledger.byBusinessKey(`transfer:${mergeId}:${bruno.memberId}`);
      const into = await loyalty.loyalty.store.ledger.byBusinessKey(
        `transfer:${mergeId}:${bruno.memberId}:in`,
      );
      expect(out).toMatchObject({ memberId: bruno.memberId, pending: -points.bruno.pending });
      expect(into).toMatchObject({ memberId: anna.memberId, pending: points.bruno.pending });
      expect(await loyalty.trpc.members.get.query({ memberId: bruno.memberId })).toMatchObject({
        mergedInto: anna.memberId,
        profileId: survivorProfileId,
      });
      expect(await loyalty.trpc.members.get.query({ memberId: anna.memberId })).toMatchObject({
        mergedInto: null,
        profileId: survivorProfileId,
      });

      const before = {
        anna: await loyalty.loyalty.store.ledger.entriesOf(anna.memberId),
        bruno: await loyalty.loyalty.store.ledger.entriesOf(bruno.memberId),
      };
      // The same event id (the publisher's retry) and a new one (a replay past the processed record).
      await redeliver(merged, merged.id);
      await redeliver(merged, `${merged.id}.replayed`);
      expect(await loyalty.loyalty.store.ledger.entriesOf(anna.memberId)).toEqual(before.anna);
      expect(await loyalty.loyalty.store.ledger.entriesOf(bruno.memberId)).toEqual(before.bruno);
    },
  );

  it(
    'when staff cut the link between the second card and the phone, then loyalty reverses the transfer: each member has its own points back',
    { timeout: LONG },
    async () => {
      const cut = await (
        await curator(platform.reconciliation, platform.tenantId)
      ).links.cut.mutate({
        tenantId: platform.tenantId,
        between: { a: { type: 'card', value: bruno.card }, b: { type: 'phone', value: phone } },
        reason: 'a shared family phone',
      });
      expect(cut.split).toBe(1);
      const brunoProfileId = cut.profiles.find((p) => p.profileId !== survivorProfileId)?.profileId;
      expect(brunoProfileId).toBeDefined();

      const unmerged = await handledByLoyalty('profiles.unmerged');
      expect(parseEventPayload('profiles.unmerged', unmerged.payload)).toMatchObject({
        fromProfileId: survivorProfileId,
        profiles: [{ profileId: survivorProfileId }, { profileId: brunoProfileId }],
        reason: { rule: 'link-cut', actor: 'crm:anna' },
      });
      expect(await ledgerOf(anna.memberId)).toEqual({
        ...points.anna,
        kinds: ['earn', 'transfer_in', 'transfer_out'],
      });
      expect(await ledgerOf(bruno.memberId)).toEqual({
        ...points.bruno,
        kinds: ['earn', 'earn', 'transfer_out', 'transfer_in'],
      });
      expect(await loyalty.trpc.members.get.query({ memberId: bruno.memberId })).toMatchObject({
        mergedInto: null,
        profileId: brunoProfileId,
      });
      expect(await loyalty.trpc.members.get.query({ memberId: anna.memberId })).toMatchObject({
        profileId: survivorProfileId,
      });

      const before = await loyalty.loyalty.store.ledger.entriesOf(bruno.memberId);
      await redeliver(unmerged, `${unmerged.id}.replayed`);
      expect(await loyalty.loyalty.store.ledger.entriesOf(bruno.memberId)).toEqual(before);
    },
  );
});
