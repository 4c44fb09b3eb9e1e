import { expectedTax, type PosReturn } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { returnOf, sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

let service: TestReceiptService;
const keys = { saleTill: '', otherStoreTill: '', otherTenantTill: '' };
beforeAll(async () => {
  service = await startTestReceiptService();
  keys.saleTill = await service.terminal('MI-001', 'T03');
  keys.otherStoreTill = await service.terminal('MI-002', 'T01');
  keys.otherTenantTill = await service.terminal('RM-001', 'T01', 'altra-moda');
});
afterAll(() => service.close());

const stored = (transactionId: string) =>
  service.database.collection('transactions').findOne({ transactionId });
/** How a sale records its returns: its links, oldest first. */
const returnsOfSale = async (transactionId: string) => {
  const sale = await stored(transactionId);
  return service.database.collection('return_links').find({ saleId: sale?._id }).sort({ seq: 1 }).toArray();
};
const issuesOf = (body: unknown) =>
  (body as { error: { issues: { path: string; code: string }[] } }).error.issues;
const tokenOf = (body: unknown) => (body as { receiptUrl: string }).receiptUrl.split('/r/')[1] ?? '';

describe('returns', () => {
  it('when a return comes from another store of the same retailer, then it is recorded and linked both ways', async () => {
    const saleAnswer = await service.post(sale('RET-1'), { key: keys.saleTill });
    const returnAnswer = await service.post(returnOf('RET-1', 'RET-1-R1'), { key: keys.otherStoreTill });
    expect(returnAnswer.status).toBe(201);
    expect(returnAnswer.body).not.toHaveProperty('claimUrl');

    const [saleDoc, returnDoc] = await Promise.all([stored('RET-1'), stored('RET-1-R1')]);
    expect(returnDoc?.original).toEqual({ id: saleDoc?._id, transactionId: 'RET-1', storeId: 'MI-001' });
    expect(await returnsOfSale('RET-1')).toEqual([
      expect.objectContaining({
        transactionId: 'RET-1-R1',
        storeId: 'MI-002',
        lines: [{ originalLineId: '2', quantity: 1, total: 3950 }],
      }),
    ]);
    const saleReceipt = await service.store.receipts.findReceiptByToken(tokenOf(saleAnswer.body));
    const returnReceipt = await service.store.receipts.findReceiptByToken(tokenOf(returnAnswer.body));
    expect(saleReceipt?.related).toEqual([{ kind: 'returned-by', transactionId: 'RET-1-R1' }]);
    expect(returnReceipt?.related).toEqual([{ kind: 'returns', transactionId: 'RET-1' }]);
  });

  it('when a sale was stored before sales said whether they were returned, then its receipt still lists its returns', async () => {
    const saleAnswer = await service.post(sale('RET-9'), { key: keys.saleTill });
    expect((await stored('RET-9'))?.returned).toBe(false);
    expect((await service.store.receipts.findReceiptByToken(tokenOf(saleAnswer.body)))?.related).toEqual([]);
    // As an older version stored it; its return is then recorded the old way, without the flag.
    await service.post(returnOf('RET-9', 'RET-9-R1'), { key: keys.otherStoreTill });
    expect((await stored('RET-9'))?.returned).toBe(true);
    await service.database
      .collection('transactions')
      .updateOne({ transactionId: 'RET-9' }, { $unset: { returned: '' } });
    const receipt = await service.store.receipts.findReceiptByToken(tokenOf(saleAnswer.body));
    expect(receipt?.related).toEqual([{ kind: 'returned-by', transactionId: 'RET-9-R1' }]);
  });

  it("when a concurrent update of the sale lost its returned flag, then the return's event sets it again and the sale's receipt lists the return", async () => {
    const saleAnswer = await service.post(sale('RET-10'), { key: keys.saleTill });
    const returnAnswer = await service.post(returnOf('RET-10', 'RET-10-R1'), { key: keys.otherStoreTill });
    expect(returnAnswer.status).toBe(201);
    const eventId = `${(returnAnswer.body as { transactionId: string }).transactionId}.recorded`;
    const inbox = service.queues.queue(inboxQueueName('receipt-service'));
    await vi.waitFor(async () => expect(await (await inbox.getJob(eventId))?.isCompleted()).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    // As the local database can leave it: another update of the sale, running beside the till's,
    // wrote the sale back without the flag.
    await service.database
      .collection('transactions')
      .updateOne({ transactionId: 'RET-10' }, { $set: { returned: false } });
    const receipt = () => service.store.receipts.findReceiptByToken(tokenOf(saleAnswer.body));
    expect((await receipt())?.related).toEqual([]);

    // The return's event (here handled again) finds the flag lost and sets it.
    const event = await inbox.getJob(eventId);
    if (!event) throw new Error("the return's event is not in the inbox");
    await (await inbox.add(event.data, { jobId: `${eventId}.again` })).finished();
    expect((await stored('RET-10'))?.returned).toBe(true);
    expect((await receipt())?.related).toEqual([{ kind: 'returned-by', transactionId: 'RET-10-R1' }]);
  });

  it('when two returns together exceed what was bought, then the second is 422 on the quantity', async () => {
    await service.post(sale('RET-2'), { key: keys.saleTill });
    const twoShirts = returnOf('RET-2', 'RET-2-R1');
    expect((await service.post(twoShirts, { key: keys.otherStoreTill })).status).toBe(201);
    const oneMore = await service.post(returnOf('RET-2', 'RET-2-R2'), { key: keys.otherStoreTill });
    const third = await service.post(returnOf('RET-2', 'RET-2-R3'), { key: keys.otherStoreTill });
    expect(oneMore.status).toBe(201);
    expect(third.status).toBe(422);
    expect(issuesOf(third.body)).toEqual([
      expect.objectContaining({ path: 'lines[0].quantity', code: 'return_quantity_exceeded' }),
    ]);
    expect(await stored('RET-2-R3')).toBeNull();
  });

  it('when a return refunds more than the sale charged for the shirt, then 422 on its total and nothing is stored', async () => {
    await service.post(sale('RET-8'), { key: keys.saleTill });
    // One of the two shirts sold at 39.50 each, refunded at 50.00: consistent in itself, not with the sale.
    const refund = (transactionId: string, amount: number): PosReturn => {
      const tx = returnOf('RET-8', transactionId);
      const tax = Number(expectedTax(amount, '22'));
      return {
        ...tx,
        lines: [{ ...tx.lines[0]!, unitPrice: amount, total: amount }],
        taxes: [{ rate: '22', taxable: amount, tax }],
        totals: { subtotal: amount, discountTotal: 0, taxTotal: tax, total: amount },
        payments: [{ method: 'cash', amount }],
      };
    };
    const tooMuch = await service.post(refund('RET-8-R1', 5000), { key: keys.otherStoreTill });
    expect(tooMuch.status).toBe(422);
    expect(issuesOf(tooMuch.body)).toEqual([
      expect.objectContaining({ path: 'lines[0].total', code: 'return_amount_exceeded' }),
    ]);
    expect(await stored('RET-8-R1')).toBeNull();
    expect(await returnsOfSale('RET-8')).toEqual([]);
    // Both shirts, one at a time, for what they cost: accepted; a cent more on the second is not.
    expect((await service.post(refund('RET-8-R2', 3950), { key: keys.otherStoreTill })).status).toBe(201);
    expect((await service.post(refund('RET-8-R3', 3951), { key: keys.otherStoreTill })).status).toBe(422);
    expect((await service.post(refund('RET-8-R4', 3950), { key: keys.otherStoreTill })).status).toBe(201);
  });

  it('when returns of the last units race, then only what was bought is returned', async () => {
    await service.post(sale('RET-3'), { key: keys.saleTill });
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => service.post(returnOf('RET-3', `RET-3-R${n}`), { key: keys.otherStoreTill })),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 201, 422, 422]);
    expect(await returnsOfSale('RET-3')).toHaveLength(2);
  });

  it('when the sale belongs to another retailer, then 422 on originalTransactionId', async () => {
    await service.post(sale('RET-4'), { key: keys.saleTill });
    const res = await service.post(returnOf('RET-4', 'RET-4-R1', 'RM-001'), { key: keys.otherTenantTill });
    expect(res.status).toBe(422);
    expect(issuesOf(res.body)).toEqual([
      expect.objectContaining({ path: 'originalTransactionId', code: 'return_original_not_found' }),
    ]);
    expect(await returnsOfSale('RET-4')).toEqual([]);
  });

  it('when the sale does not exist, or the line is not in it, then 422 names the field', async () => {
    const unknownSale = await service.post(returnOf('NO-SUCH-SALE', 'RET-5-R1'), {
      key: keys.otherStoreTill,
    });
    expect(issuesOf(unknownSale.body)).toEqual([expect.objectContaining({ path: 'originalTransactionId' })]);

    await service.post(sale('RET-6'), { key: keys.saleTill });
    const wrongLine = returnOf('RET-6', 'RET-6-R1');
    wrongLine.lines[0] = { ...wrongLine.lines[0]!, originalLineId: '9' };
    const res = await service.post(wrongLine, { key: keys.otherStoreTill });
    expect(res.status).toBe(422);
    expect(issuesOf(res.body)).toEqual([
      expect.objectContaining({ path: 'lines[0].originalLineId', code: 'return_line_unknown' }),
    ]);
  });

  it('when a return is retried under a new key, then it is replayed, not counted twice', async () => {
    await service.post(sale('RET-7'), { key: keys.saleTill });
    const first = await service.post(returnOf('RET-7', 'RET-7-R1'), { key: keys.otherStoreTill });
    const retry = await service.post(returnOf('RET-7', 'RET-7-R1'), { key: keys.otherStoreTill });
    expect(retry).toEqual(first);
    expect(await returnsOfSale('RET-7')).toHaveLength(1);
  });
});
