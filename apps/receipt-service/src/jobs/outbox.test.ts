import {
  parseEventPayload,
  sealedIdentifierContext,
  type TransactionRecordedPayload,
} from '@scontrino/contracts';
import { createFieldCipher, keyringFrom } from '@scontrino/crypto';
import { inboxQueueName } from '@scontrino/queue';
import { startRedis, tempDir } from '@scontrino/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonymousSale, returnOf, sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(redisUrl?: string): Promise<TestReceiptService> {
  const service = await startTestReceiptService(redisUrl ? { redisUrl } : {});
  cleanups.push(() => service.close());
  return service;
}

/** The job the event became in a subscriber's inbox, once the dispatcher has moved it. */
async function delivered(
  service: TestReceiptService,
  subscriber: 'loyalty-service' | 'reconciliation-service',
  eventId: string,
) {
  return vi.waitFor(
    async () => {
      const job = await service.queues.queue(inboxQueueName(subscriber)).getJob(eventId);
      if (!job) throw new Error(`${eventId} is not in inbox:${subscriber} yet`);
      return job.data as { id: string; type: string; payload: TransactionRecordedPayload };
    },
    { timeout: 15_000, interval: 100 },
  );
}

describe('transaction.recorded', () => {
  it('reaches loyalty and reconciliation with look-up hashes only, and leaves the outbox', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const res = await service.post(sale('EVT-1'), { key });
    const { transactionId: id, receiptId } = res.body as { transactionId: string; receiptId: string };

    const event = await delivered(service, 'loyalty-service', `${id}.recorded`);
    await delivered(service, 'reconciliation-service', `${id}.recorded`);
    expect(event).toMatchObject({
      type: 'transaction.recorded',
      payload: {
        id,
        receiptId,
        transactionId: 'EVT-1',
        storeId: 'MI-001',
        tenantId: 'moda-rossi',
        type: 'sale',
        occurredAt: '2026-11-22T09:15:30.000Z',
        currency: 'EUR',
        totals: { total: 15491 },
        lines: [
          { lineId: '1', sku: 'JKT-0420-BLU-M', category: 'outerwear', quantity: 1, total: 8091 },
          { lineId: '2', sku: 'CAM-0077-BIA-40', category: 'shirts', quantity: 2, total: 7900 },
        ],
        original: null,
      },
    });
    // Consumers parse it with the contract's schema; sealed values open with the shared keys only.
    const payload = parseEventPayload('transaction.recorded', event.payload);
    const cipher = createFieldCipher(
      keyringFrom(service.crypto.CRYPTO_KEYS, service.crypto.CRYPTO_ACTIVE_KEY),
    );
    expect(
      payload.identifiers.map(({ type, sealed }) => [
        type,
        cipher.decrypt(sealed, sealedIdentifierContext(type)),
      ]),
    ).toEqual([
      ['email', 'mario.rossi@example.com'],
      ['phone', '+393331234567'],
      ['card', '2900000012345'],
      ['payment', 'pf_7d9c1f0e'],
    ]);
    expect(JSON.stringify(event)).not.toMatch(/rossi@|333 123|2900000012345|pf_7d9c1f0e/i);
    await vi.waitFor(
      async () =>
        expect(await service.database.collection('transactions').findOne({ _id: id as never })).toMatchObject(
          {
            outbox: [],
            outboxPending: false,
          },
        ),
      { timeout: 5_000 },
    );
  });

  it('names the sale a return returns', async () => {
    const service = await started();
    await service.post(anonymousSale('EVT-2'), { key: await service.terminal('MI-001', 'T03') });
    const res = await service.post(returnOf('EVT-2', 'EVT-2-R1'), {
      key: await service.terminal('MI-002', 'T01'),
    });
    const event = await delivered(
      service,
      'loyalty-service',
      `${(res.body as { transactionId: string }).transactionId}.recorded`,
    );
    expect(event.payload).toMatchObject({
      type: 'return',
      original: { transactionId: 'EVT-2', storeId: 'MI-001' },
    });
  });

  it('when Redis is down during a sale, then 201 is still answered and the event is delivered once Redis is back', async () => {
    const redis = await startRedis({ dataDir: await tempDir('receipt-outbox-redis') });
    cleanups.push(() => redis.stop());
    const service = await started(redis.url);
    const key = await service.terminal('MI-001', 'T03');

    await redis.stop();
    const res = await service.post(anonymousSale('EVT-3'), { key });
    expect(res.status).toBe(201);
    const { transactionId: id } = res.body as { transactionId: string };
    const stored = await service.database.collection('transactions').findOne({ _id: id as never });
    expect(stored).toMatchObject({
      outboxPending: true,
      outbox: [expect.objectContaining({ id: `${id}.recorded` })],
    });

    await redis.restart();
    expect((await delivered(service, 'loyalty-service', `${id}.recorded`)).payload.transactionId).toBe(
      'EVT-3',
    );
  });
});
