import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale, sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

let service: TestReceiptService;
let key: string;
beforeAll(async () => {
  service = await startTestReceiptService();
  key = await service.terminal('MI-001', 'T03');
});
afterAll(() => service.close());

const countStored = (transactionId: string) =>
  service.database.collection('transactions').countDocuments({ transactionId });
const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('idempotency', () => {
  it('when the same key and body come again, then the first answer comes back, byte for byte', async () => {
    const first = await service.post(anonymousSale('IDEM-1'), { key, idempotencyKey: 'idem-1' });
    // Key order and whitespace do not make another body.
    const reordered = JSON.stringify(
      Object.fromEntries(Object.entries(anonymousSale('IDEM-1')).reverse()),
      null,
      2,
    );
    const again = await service.post(null, { key, idempotencyKey: 'idem-1', rawBody: reordered });
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    expect(await countStored('IDEM-1')).toBe(1);
  });

  it('when the same key comes with another body, then 409 and nothing changes', async () => {
    await service.post(sale('IDEM-2'), { key, idempotencyKey: 'idem-2' });
    const other = sale('IDEM-2b');
    const res = await service.post(other, { key, idempotencyKey: 'idem-2' });
    expect(res.status).toBe(409);
    expect(errorCode(res.body)).toBe('idempotency.key_reused');
    expect(await countStored('IDEM-2b')).toBe(0);
  });

  it('when a recorded transactionId comes with another body under a new key, then 409', async () => {
    await service.post(sale('IDEM-3'), { key, idempotencyKey: 'idem-3' });
    const changed = sale('IDEM-3');
    changed.cashierId = 'C99';
    const res = await service.post(changed, { key, idempotencyKey: 'idem-3-other' });
    expect(res.status).toBe(409);
    expect(errorCode(res.body)).toBe('transaction.conflict');
  });

  it('when a recorded transaction comes again under a new key, then it is a replay of the first 201', async () => {
    const first = await service.post(anonymousSale('IDEM-4'), { key, idempotencyKey: 'idem-4' });
    const again = await service.post(anonymousSale('IDEM-4'), { key, idempotencyKey: 'idem-4-new' });
    expect(again).toEqual(first);
    expect(await countStored('IDEM-4')).toBe(1);
  });

  it('when identical requests arrive at once, then one transaction is stored and all get the same 201', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        service.post(anonymousSale('IDEM-5'), { key, idempotencyKey: 'idem-5' }),
      ),
    );
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect(await countStored('IDEM-5')).toBe(1);
  });

  it('when the same transaction arrives at once under different keys, then one is stored and all answers agree', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        service.post(anonymousSale('IDEM-6'), { key, idempotencyKey: `idem-6-${i}` }),
      ),
    );
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect(await countStored('IDEM-6')).toBe(1);
  });

  it('when a request was refused, then the key is free again: the corrected body goes through', async () => {
    const broken = sale('IDEM-7');
    broken.totals.total = 1;
    expect((await service.post(broken, { key, idempotencyKey: 'idem-7' })).status).toBe(422);
    expect((await service.post(sale('IDEM-7'), { key, idempotencyKey: 'idem-7' })).status).toBe(201);
  });

  it('when a key names one sale and comes again with an already recorded other sale, then 409', async () => {
    await service.post(anonymousSale('IDEM-8a'), { key, idempotencyKey: 'idem-8' });
    await service.post(anonymousSale('IDEM-8b'), { key, idempotencyKey: 'idem-8-b' });
    const res = await service.post(anonymousSale('IDEM-8b'), { key, idempotencyKey: 'idem-8' });
    expect(res.status).toBe(409);
    expect(errorCode(res.body)).toBe('idempotency.key_reused');
  });

  it('when two terminals use the same key for their own sales, then both are recorded', async () => {
    const other = await service.terminal('MI-001', 'T04');
    const mine = await service.post(anonymousSale('IDEM-9a'), { key, idempotencyKey: 'shared-key' });
    const theirs = await service.post(
      { ...anonymousSale('IDEM-9b'), terminalId: 'T04' },
      { key: other, idempotencyKey: 'shared-key' },
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
  });
});
