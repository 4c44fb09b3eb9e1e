import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale, sale } from '../../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  type TestReceiptService,
} from '../../test-support/receipt-service.js';

let service: TestReceiptService;
let key: string;
beforeAll(async () => {
  service = await startTestReceiptService();
  key = await service.terminal('MI-001', 'T03');
});
afterAll(() => service.close());

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;
const transactions = () => service.database.collection('transactions');

describe('POST /v1/transactions: the answers', () => {
  it('when a sale names its customer, then 201 carries the receipt link and no claim link', async () => {
    const res = await service.post(sale('HTTP-1'), { key });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      receiptId: expect.stringMatching(/^rcpt_[a-z2-7]{26}$/) as string,
      transactionId: expect.stringMatching(/^txn_[a-z2-7]{26}$/) as string,
      receiptUrl: expect.stringMatching(new RegExp(`^${TEST_PUBLIC_URL}/r/[A-Za-z0-9_-]{32}$`)) as string,
      ignored: [],
      lowerWeight: [],
    });
  });

  it('when a sale’s phone is unreadable or only possible, then 201 says which value was ignored or kept at a lower weight, and why', async () => {
    const base = sale('HTTP-PH-1');
    const unreadable = await service.post(
      { ...base, customer: { ...base.customer, phone: '+39 12' } },
      { key },
    );
    expect(unreadable.status).toBe(201);
    expect(unreadable.body).toMatchObject({
      ignored: [{ type: 'phone', reason: expect.stringContaining('not a possible phone number') as string }],
      lowerWeight: [],
    });
    const possible = { ...sale('HTTP-PH-2'), customer: { ...base.customer, phone: '+39 300 123 4567' } };
    const answer = await service.post(possible, { key });
    expect(answer.body).toMatchObject({
      ignored: [],
      lowerWeight: [{ type: 'phone', reason: expect.stringContaining('lower weight') as string }],
    });
    // A replay answers the same notes.
    expect((await service.post(possible, { key })).body).toEqual(answer.body);
  });

  it('when a sale is anonymous, then 201 also carries the claim link and its QR images', async () => {
    const res = await service.post(anonymousSale('HTTP-2'), { key });
    expect(res.status).toBe(201);
    const { claimUrl, claimQr } = res.body as { claimUrl: string; claimQr: unknown };
    expect(claimUrl).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/c/[A-Za-z0-9_-]{48}$`));
    expect(claimQr).toEqual({ png: `${claimUrl}/qr.png`, svg: `${claimUrl}/qr.svg` });
  });

  it('when a line name holds U+FFFF, the BOM and bidi overrides, then 201 keeps them as sent', async () => {
    const name = 'Giacca \uffff\ufeff\u202eblu\u202c \u2066x\u2069';
    const payload = sale('HTTP-ODD-KEPT');
    payload.lines[0]!.name = name;
    expect((await service.post(payload, { key })).status).toBe(201);
    const stored = await transactions().findOne<{ payload: { lines: { name: string }[] } }>({
      transactionId: payload.transactionId,
    });
    expect(stored?.payload.lines[0]?.name).toBe(name);
  });

  it('when the content type is not JSON, then 415', async () => {
    const res = await service.post(sale('HTTP-3'), { key, contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect(errorCode(res.body)).toBe('request.unsupported_media_type');
  });

  it('when the body is over 1 MB, then 413 and nothing is stored', async () => {
    const huge = { ...sale('HTTP-4'), padding: 'x'.repeat(1.1 * 1024 * 1024) };
    const res = await service.post(huge, { key });
    expect(res.status).toBe(413);
    expect(await transactions().countDocuments({ transactionId: 'HTTP-4' })).toBe(0);
  });

  it('when the JSON is malformed, then 400', async () => {
    const res = await service.post(null, { key, rawBody: '{"transactionId": "HTTP-5",' });
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('request.malformed_json');
  });

  it('when the key is missing, unknown or revoked, then 401', async () => {
    const revoked = await service.trpc.terminals.issueKey.mutate({ storeId: 'MI-001', terminalId: 'T03' });
    await service.trpc.terminals.revokeKey.mutate({ keyId: revoked.keyId });
    const forged = key.slice(0, -4) + 'aaaa';
    const answers = await Promise.all(
      [undefined, 'not-a-key', forged, revoked.key].map((k) => service.post(sale('HTTP-6'), { key: k })),
    );
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401, 401]);
    expect(answers.map((res) => errorCode(res.body))).toEqual([
      'auth.missing_key',
      'auth.invalid_key',
      'auth.invalid_key',
      'auth.invalid_key',
    ]);
  });

  it('when a key posts for another store or terminal, then 403', async () => {
    const otherStore = await service.post(sale('HTTP-7', 'MI-002'), { key });
    const otherTerminal = await service.post(sale('HTTP-7', 'MI-001', 'T04'), { key });
    expect([otherStore.status, otherTerminal.status]).toEqual([403, 403]);
    expect(errorCode(otherStore.body)).toBe('auth.wrong_store');
  });

  it('when the Idempotency-Key is missing or too long, then 400 says so', async () => {
    const missing = await service.post(sale('HTTP-8'), { key, idempotencyKey: null });
    const tooLong = await service.post(sale('HTTP-8'), { key, idempotencyKey: 'k'.repeat(256) });
    expect([missing.status, tooLong.status]).toEqual([400, 400]);
    expect(errorCode(missing.body)).toBe('request.idempotency_key');
    expect(await transactions().countDocuments({ transactionId: 'HTTP-8' })).toBe(0);
  });

  it('when the contract is broken, then 422 in the documented shape, with the request id', async () => {
    const broken = sale('HTTP-9');
    broken.totals.total = 1;
    const res = await service.post(broken, { key });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: {
        code: 'transaction.invalid',
        message: expect.any(String) as string,
        issues: expect.arrayContaining([
          { path: 'totals.total', code: 'total_mismatch', message: expect.any(String) as string },
        ]) as unknown,
        requestId: expect.any(String) as string,
      },
    });
  });

  it('when variant names hold dots or dollars, then the sale is stored and reads back unchanged', async () => {
    const odd = anonymousSale('HTTP-10');
    odd.lines[0] = { ...odd.lines[0]!, variant: { 'taglia.eu': '48', $colore: 'blu' } };
    const res = await service.post(odd, { key });
    expect(res.status).toBe(201);
    const token = (res.body as { receiptUrl: string }).receiptUrl.split('/r/')[1] ?? '';
    const record = await service.store.receipts.findReceiptByToken(token);
    expect(record?.transaction.lines[0]?.variant).toEqual({ 'taglia.eu': '48', $colore: 'blu' });
  });
});

describe('what is stored', () => {
  it('holds no personal data in clear, only ciphertexts and look-up hashes, in the document and its event', async () => {
    const res = await service.post(sale('PRIVACY-1'), { key });
    expect(res.status).toBe(201);
    const stored = await transactions().findOne({ transactionId: 'PRIVACY-1' });
    const raw = JSON.stringify(stored);
    for (const personal of [
      'Mario.Rossi@Example.com',
      'mario.rossi@example.com',
      '333 123 4567',
      '3331234567',
      '2900000012345',
      'pf_7d9c1f0e',
    ]) {
      expect(raw).not.toContain(personal);
    }
    expect(stored?.customer).toMatchObject({
      email: { encrypted: expect.stringMatching(/^enc:v1:/) as string, hash: expect.any(String) as string },
      receiptDelivery: ['email', 'app'],
    });
    const token = (res.body as { receiptUrl: string }).receiptUrl.split('/r/')[1] ?? '';
    expect(raw).not.toContain(token);
  });

  it('stores occurredAt as a UTC date and the payload without its customer', async () => {
    await service.post(sale('STORED-1'), { key });
    const stored = await transactions().findOne({ transactionId: 'STORED-1' });
    expect(stored?.occurredAt).toEqual(new Date('2026-11-22T09:15:30Z'));
    expect(stored?.payload).not.toHaveProperty('customer');
    expect(stored?.tenantId).toBe('moda-rossi');
  });
});

describe('transactions.record over tRPC', () => {
  it('answers like REST: the same receipt for the same key and body, 422 with paths from the input, 401 for a bad key', async () => {
    const input = { terminalKey: key, idempotencyKey: 'trpc-1', transaction: anonymousSale('TRPC-1') };
    const first = await service.trpc.transactions.record.mutate(input);
    expect(first.claimUrl).toBeDefined();
    expect(await service.trpc.transactions.record.mutate(input)).toEqual(first);

    const broken = {
      ...anonymousSale('TRPC-2'),
      totals: { subtotal: 0, discountTotal: 0, taxTotal: 0, total: 0 },
    };
    const invalid = await service.trpc.transactions.record
      .mutate({ ...input, idempotencyKey: 'trpc-2', transaction: broken })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(TRPCClientError);
    expect((invalid as TRPCClientError<never>).data).toMatchObject({
      httpStatus: 422,
      appCode: 'transaction.invalid',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'transaction.totals.subtotal' }),
      ]) as unknown,
    });

    // Not a sale at all: named by the input's field, not as the input's root.
    const notASale = await service.trpc.transactions.record
      .mutate({ ...input, idempotencyKey: 'trpc-3', transaction: null })
      .catch((error: unknown) => error);
    expect((notASale as TRPCClientError<never>).data).toMatchObject({
      httpStatus: 422,
      issues: [expect.objectContaining({ path: 'transaction' })],
    });

    const refused = await service.trpc.transactions.record
      .mutate({ ...input, terminalKey: 'sk_term_nope' })
      .catch((error: unknown) => error);
    expect((refused as TRPCClientError<never>).data).toMatchObject({ httpStatus: 401 });
  });
});
