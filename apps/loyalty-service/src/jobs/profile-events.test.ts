import { randomUUID } from 'node:crypto';
import type { EventPayloads, EventType, TransactionRecordedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceAt } from '../domain/ledger/balance.js';
import { testClock } from '../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';

const TENANT = 'moda-rossi';
const clock = testClock('2026-11-24T10:00:00Z');
let service: TestLoyaltyService;
const ann = { memberId: '', card: '2900000000011', email: '' };
const ben = { memberId: '', card: '2900000000022', email: '' };

const cardRef = (number: string) => ({
  type: 'card' as const,
  hash: service.loyalty.crypto.card(number)?.hash ?? '',
});
const emailRef = (email: string) => ({
  type: 'email' as const,
  hash: service.loyalty.crypto.email(email)?.hash ?? '',
});

/** Delivers an event to the loyalty inbox, as the publisher would, and waits until it is handled. */
async function deliver<T extends EventType>(type: T, payload: EventPayloads[T], id: string = randomUUID()) {
  const job = await service.queues
    .queue(inboxQueueName('loyalty-service'))
    .add({ id, type, version: 1, occurredAt: clock.now().toISOString(), payload }, { jobId: id });
  await job.finished();
}

function sale(
  id: string,
  card: string | null,
  total: number,
  occurredAt = '2026-11-24T09:00:00.000Z',
): TransactionRecordedPayload {
  return {
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt,
    currency: 'EUR',
    totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 2,
        unitPrice: total / 2,
        total,
        originalLineId: null,
      },
    ],
    identifiers: card ? [{ ...cardRef(card), sealed: 'sealed-card' }] : [],
    original: null,
    pointsRedeemed: 0,
  };
}

const balanceOf = async (memberId: string) =>
  balanceAt(await service.loyalty.store.ledger.stateOf(memberId), clock.now());

beforeAll(async () => {
  service = await startTestLoyaltyService({ clock: clock.now });
  for (const person of [ann, ben]) {
    person.email = `${uniqueName('person')}@example.test`;
    person.memberId = (
      await service.trpc.members.enrol.mutate({
        tenantId: TENANT,
        email: person.email,
        cardNumbers: [person.card],
        marketingConsent: { granted: true, source: 'web' },
      })
    ).memberId;
    clock.advanceDays(0.001);
  }
  await deliver('transaction.recorded', sale('txn_ann1', ann.card, 10_000));
  await service.staff.ledger.adjust.mutate({
    memberId: ann.memberId,
    requestId: 'a',
    points: 50,
    reason: 'welcome',
  });
  await deliver('transaction.recorded', sale('txn_ben1', ben.card, 3_000));
  await service.staff.ledger.adjust.mutate({
    memberId: ben.memberId,
    requestId: 'b',
    points: 30,
    reason: 'welcome',
  });
});
afterAll(() => service?.close());

describe('profile events move ledgers without losing or doubling points', () => {
  const merged = () => ({
    tenantId: TENANT,
    mergeId: 'mrg_1',
    survivorId: 'prf_ann',
    absorbedIds: ['prf_ben'],
    identifiers: [cardRef(ann.card), emailRef(ann.email), cardRef(ben.card), emailRef(ben.email)],
    reason: { rule: 'shared-email', observationId: null, actor: null },
    mergedAt: clock.now().toISOString(),
  });

  it('when two members profiles merge, then the later member ledger moves into the first, once, even if the event comes twice', async () => {
    expect(await balanceOf(ann.memberId)).toMatchObject({ pending: 100, active: 50 });
    expect(await balanceOf(ben.memberId)).toMatchObject({ pending: 30, active: 30 });
    await deliver('profiles.merged', merged());
    await deliver('profiles.merged', merged());
    expect(await balanceOf(ann.memberId)).toMatchObject({ pending: 130, active: 80 });
    expect(await balanceOf(ben.memberId)).toMatchObject({ pending: 0, active: 0 });
    expect(await service.trpc.members.get.query({ memberId: ben.memberId })).toMatchObject({
      mergedInto: ann.memberId,
    });
    // The batches keep their dates: Ben's sale still activates 14 days after it was made.
    clock.advanceDays(14);
    await service.runUpkeep();
    expect(await balanceOf(ann.memberId)).toMatchObject({ pending: 0, active: 210 });
  });

  it('when a sale comes on the merged member card, or a return of its earlier sale, then the survivor ledger takes it', async () => {
    await deliver('transaction.recorded', sale('txn_ben2', ben.card, 2_000, clock.now().toISOString()));
    expect(await balanceOf(ann.memberId)).toMatchObject({ pending: 20 });
    await deliver('transaction.recorded', {
      ...sale('txn_ben_return', ben.card, 1_500, clock.now().toISOString()),
      type: 'return',
      lines: [
        {
          lineId: '1',
          sku: 'CAM-1',
          category: 'shirts',
          quantity: 1,
          unitPrice: 1_500,
          total: 1_500,
          originalLineId: '1',
        },
      ],
      original: { id: 'txn_ben1', transactionId: 'T-txn_ben1', storeId: 'MI-001' },
    });
    expect(await balanceOf(ann.memberId)).toMatchObject({ pending: 20, active: 195 });
  });

  it('when the profiles are split again, then the member gets back what is left of the batches it brought', async () => {
    await deliver('profiles.unmerged', {
      tenantId: TENANT,
      unmergeId: 'unm_1',
      fromProfileId: 'prf_ann',
      profiles: [
        { profileId: 'prf_ann', identifiers: [cardRef(ann.card), emailRef(ann.email)] },
        { profileId: 'prf_ben', identifiers: [cardRef(ben.card), emailRef(ben.email)] },
      ],
      reason: { rule: 'staff', actor: 'care' },
      unmergedAt: clock.now().toISOString(),
    });
    // Ben brought 30 + 30 and got 15 taken back by his return: 45 go back; the sale made while merged stays.
    expect(await balanceOf(ben.memberId)).toMatchObject({ active: 45, pending: 0 });
    expect(await balanceOf(ann.memberId)).toMatchObject({ active: 150, pending: 20 });
    expect(await service.trpc.members.get.query({ memberId: ben.memberId })).toMatchObject({
      mergedInto: null,
      profileId: 'prf_ben',
    });
  });

  it('when a member claims a receipt within the retro window, then the sale is credited once; after it, not at all', async () => {
    const claimed = (id: string, claimedAt: string) => ({
      receiptId: `rcpt_${id}`,
      id,
      transactionId: `T-${id}`,
      storeId: 'MI-001',
      tenantId: TENANT,
      email: { ...emailRef(ann.email), sealed: 'sealed-email' },
      marketingConsent: false,
      claimedAt,
    });
    await service.loyalty.sales.record(sale('txn_anon', null, 4_000, '2026-12-01T09:00:00.000Z'));
    await service.loyalty.sales.record(sale('txn_old', null, 9_000, '2026-10-01T09:00:00.000Z'));
    await deliver('receipt.claimed', claimed('txn_anon', '2026-12-05T09:00:00.000Z'));
    await deliver('receipt.claimed', claimed('txn_anon', '2026-12-05T09:00:00.000Z'));
    await deliver('receipt.claimed', claimed('txn_old', '2026-12-05T09:00:00.000Z'));
    const earns = (await service.loyalty.store.ledger.entriesOf(ann.memberId)).filter(
      (entry) => entry.kind === 'earn',
    );
    expect(
      earns.map((entry) => (entry.kind === 'earn' ? [entry.sale.id, entry.via, entry.pending] : null)),
    ).toEqual([
      ['txn_ann1', 'card', 100],
      ['txn_ben2', 'card', 20],
      ['txn_anon', 'claim', 40],
    ]);
  });

  it('when the customer is erased, then nothing personal is left but the ledger numbers stay', async () => {
    await deliver('customer.erased', {
      tenantId: TENANT,
      erasureId: 'era_1',
      profileId: 'prf_ben',
      identifiers: [cardRef(ben.card), emailRef(ben.email)],
      erasedAt: clock.now().toISOString(),
    });
    expect(await service.trpc.members.get.query({ memberId: ben.memberId })).toMatchObject({
      email: null,
      name: null,
      cards: [],
      consentHistory: [],
      erased: true,
    });
    expect(await balanceOf(ben.memberId)).toMatchObject({ active: 45 });
    await deliver(
      'transaction.recorded',
      sale('txn_after_erasure', ben.card, 5_000, clock.now().toISOString()),
    );
    expect(await balanceOf(ben.memberId)).toMatchObject({ active: 45, pending: 0 });
  });
});
