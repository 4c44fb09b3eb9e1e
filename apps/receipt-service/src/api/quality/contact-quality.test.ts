import { randomUUID } from 'node:crypto';
import { inboxQueueName } from '@scontrino/queue';
import { staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymousSale, returnOf, sale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

/**
 * A day (2026-11-22) at Milano Centro (MI-001): cashier C17 rings up a sale with a real e-mail,
 * and two with `NoMail@negozio.it` and `xxx@negozio.it` typed for customers who gave none;
 * cashier C20 an anonymous sale; a return (not counted). And at MI-002, C30 types `cliente@gmail.com`.
 * (An address the till's schema refuses is a 422: that sale is not recorded until the till fixes it.)
 */
let service: TestReceiptService;
let firstSale: string;
const run = randomUUID().slice(0, 8);
const range = { tenantId: 'moda-rossi', from: '2026-11-01', to: '2026-11-30' };

const post = async (body: unknown, storeId = 'MI-001') => {
  const res = await service.post(body, { key: await service.terminal(storeId, 'T03') });
  expect(res).toMatchObject({ status: 201 });
  return res.body as { transactionId: string };
};
const withEmail = (transactionId: string, email: string, cashierId: string, storeId = 'MI-001') => {
  const s = sale(transactionId, storeId);
  return { ...s, cashierId, customer: { ...s.customer, email, receiptDelivery: ['paper'] } };
};

async function settled(storeId: string, sales: number) {
  return vi.waitFor(
    async () => {
      const answer = await service.trpc.quality.contacts.query({ ...range, storeId });
      expect(answer.total.sales).toBe(sales);
      return answer;
    },
    { timeout: 20_000, interval: 200 },
  );
}

beforeAll(async () => {
  service = await startTestReceiptService();
  firstSale = (await post(withEmail(`Q1-${run}`, `anna-${run}@example.test`, 'C17'))).transactionId;
  await post(withEmail(`Q2-${run}`, 'NoMail@negozio.it', 'C17'));
  await post(withEmail(`Q3-${run}`, 'xxx@negozio.it', 'C17'));
  await post({ ...anonymousSale(`Q4-${run}`), cashierId: 'C20' });
  await post(returnOf(`Q1-${run}`, `QR-${run}`, 'MI-001', 'T03'));
  await post(withEmail(`Q5-${run}`, 'cliente@gmail.com', 'C30', 'MI-002'), 'MI-002');
}, 60_000);
afterAll(() => service.close());

describe('quality.contacts', () => {
  it('counts placeholder e-mails per store and cashier, as computed by hand', async () => {
    const answer = await settled('MI-001', 4);
    expect(answer.total).toEqual({
      sales: 4,
      emailGiven: 3,
      emailInvalid: 0,
      emailPlaceholder: 2,
      badEmailShare: 0.5,
    });
    expect(answer.cashiers).toEqual([
      {
        storeId: 'MI-001',
        cashier: 'C17',
        sales: 3,
        emailGiven: 3,
        emailInvalid: 0,
        emailPlaceholder: 2,
        badEmailShare: 2 / 3,
      },
      {
        storeId: 'MI-001',
        cashier: 'C20',
        sales: 1,
        emailGiven: 0,
        emailInvalid: 0,
        emailPlaceholder: 0,
        badEmailShare: 0,
      },
    ]);
  });

  it('counts a sale once when its event comes again', async () => {
    await settled('MI-001', 4);
    const inbox = service.queues.queue(inboxQueueName('receipt-service'));
    const eventId = `${firstSale}.recorded`;
    const first = await inbox.getJob(eventId);
    if (!first) throw new Error(`${eventId} is not in the inbox`);
    const again = await inbox.add(first.data, { jobId: `${eventId}.again-${run}` });
    await again.finished();
    expect((await service.trpc.quality.contacts.query({ ...range, storeId: 'MI-001' })).total.sales).toBe(4);
  });

  it('shows the whole brand to its admins, and keeps a store manager to her store', async () => {
    await settled('MI-002', 1);
    const tenant = await service.trpc.quality.contacts.query(range);
    // Worst first: MI-002's only sale had a placeholder.
    expect(tenant.stores.map((s) => [s.storeId, s.emailPlaceholder])).toEqual([
      ['MI-002', 1],
      ['MI-001', 2],
    ]);
    const manager = service.trpcAs(
      await staffToken({
        sub: 'giulia',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    expect((await manager.quality.contacts.query({ ...range, storeId: 'MI-001' })).total.sales).toBe(4);
    for (const input of [{ ...range, storeId: 'MI-002' }, range])
      await expect(manager.quality.contacts.query(input)).rejects.toMatchObject({
        data: { httpStatus: 403 },
      });
  });
});
