import { randomUUID } from 'node:crypto';
import type { PosSale } from '@scontrino/contracts';
import { documentCounts, holdsRefusedText, oddText } from '@scontrino/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale, sale } from '../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  storeProfile,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

// Every public input of the receipt service, fuzzed with NUL, other control characters, lone
// surrogates, U+FFFF, the BOM and bidi overrides: never a 5xx, and a refused request stores nothing.

let service: TestReceiptService;
let key: string;
beforeAll(async () => {
  // The claim form is posted many times from one address: its limits are not what is tested here.
  service = await startTestReceiptService({ claimRateLimit: { windowMs: 60_000, limit: 1000 } });
  key = await service.terminal('MI-001', 'T03');
});
afterAll(() => service.close());

/** What requests write at once; jobs (deliveries, processed events) write later and are left out. */
const written = ['transactions', 'return_links', 'receipt_claims', 'email_preferences', 'stores'];
const RUNS = 15;

/** Where the odd text goes in a sale: each a field the contract stores or strips. */
const placements: Record<string, (payload: PosSale, text: string) => void> = {
  'line name': (p, text) => void (p.lines[0]!.name = text),
  cashierId: (p, text) => void (p.cashierId = text),
  'variant key': (p, text) => void (p.lines[1]!.variant = { [text]: 'bianco' }),
  'variant value': (p, text) => void (p.lines[1]!.variant = { colore: text }),
  'discount description': (p, text) => void (p.discounts[0]!.description = text),
  'customer email': (p, text) => void (p.customer!.email = text),
  'payment fingerprint': (p, text) => void (p.customer!.paymentFingerprint = text),
  'unknown field': (p, text) => void Object.assign(p, { note: text }),
};

/** `text` as a form or a URL carries it: UTF-8, where a lone surrogate can only arrive as U+FFFD. */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const asUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

async function expectNothingStoredWhenRefused(text: string, send: () => Promise<number>) {
  const before = await documentCounts(service.database, written);
  const status = await send();
  expect(status).toBeLessThan(500);
  if (holdsRefusedText(text)) {
    expect(status).toBe(422);
    expect(await documentCounts(service.database, written)).toEqual(before);
  }
  return status;
}

describe('public inputs under odd text', () => {
  it.each(Object.keys(placements))('POST /v1/transactions, %s', async (placement) => {
    await fc.assert(
      fc.asyncProperty(oddText(), async (text) => {
        const payload = sale(`FZ-${randomUUID().slice(0, 18)}`);
        placements[placement]!(payload, text);
        await expectNothingStoredWhenRefused(text, async () => (await service.post(payload, { key })).status);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/transactions keeps U+FFFF, the BOM and bidi overrides as sent', async () => {
    const name = 'Giacca \uffff\ufeff\u202eblu\u202c \u2066x\u2069';
    const payload = sale(`FZ-KEPT-${randomUUID().slice(0, 8)}`);
    payload.lines[0]!.name = name;
    expect((await service.post(payload, { key })).status).toBe(201);
    const stored = await service.database
      .collection<{ payload: { lines: { name: string }[] } }>('transactions')
      .findOne({ transactionId: payload.transactionId });
    expect(stored?.payload.lines[0]?.name).toBe(name);
  });

  it('tRPC transactions.record', async () => {
    await fc.assert(
      fc.asyncProperty(
        oddText(),
        fc.constantFrom('name', 'idempotencyKey', 'terminalKey'),
        async (text, where) => {
          const payload = sale(`FZ-${randomUUID().slice(0, 18)}`);
          if (where === 'name') payload.lines[0]!.name = text;
          const input = {
            terminalKey: where === 'terminalKey' ? text : key,
            idempotencyKey: where === 'idempotencyKey' ? text : randomUUID(),
            transaction: payload,
          };
          await expectNothingStoredWhenRefused(text, () =>
            service.trpc.transactions.record.mutate(input).then(
              () => 201,
              (error: { data?: { httpStatus?: number } }) => error.data?.httpStatus ?? 500,
            ),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the claim form', async () => {
    const res = await service.post(anonymousSale(`FZ-CLAIM-${randomUUID().slice(0, 8)}`), { key });
    const claimPage = (res.body as { claimUrl: string }).claimUrl.replace(/^https?:\/\/[^/]+/, service.url);
    await fc.assert(
      fc.asyncProperty(oddText(), fc.constantFrom('email', 'marketing', 'form'), async (text, field) => {
        const form = { email: `x${randomUUID().slice(0, 6)}@example.com`, form: 'x', [field]: text };
        const body = Object.entries(form)
          .map(([name, value]) => `${name}=${percentEncoded(value)}`)
          .join('&');
        await expectNothingStoredWhenRefused(asUtf8(text), async () => {
          const answer = await fetch(claimPage, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          // A form with bad text comes back as the form (422), like any bad address.
          return answer.status;
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('staff stores.upsert', async () => {
    await fc.assert(
      fc.asyncProperty(oddText(), fc.constantFrom('name', 'footer', 'storeId'), async (text, field) => {
        const profile = storeProfile({ storeId: 'FZ-STORE' });
        if (field === 'footer') profile.branding.footer = text;
        else profile[field] = text;
        await expectNothingStoredWhenRefused(text, () =>
          service.trpc.stores.upsert.mutate(profile).then(
            () => 200,
            (error: { data?: { httpStatus?: number } }) => error.data?.httpStatus ?? 500,
          ),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('pages, the audit export and the loyalty app’s receipts by their URL', async () => {
    await fc.assert(
      fc.asyncProperty(oddText(), async (text) => {
        const encoded = percentEncoded(text);
        for (const path of [
          `/r/${encoded}`,
          `/c/${encoded}`,
          `/u/${encoded}`,
          `/v1/audit/export?tenantId=${encoded}`,
        ]) {
          const res = await fetch(`${service.url}${path}`);
          expect(res.status, path).toBeLessThan(500);
        }
        const listed = await service.serviceTrpc.receipts.listForCustomer
          .query({ identifiers: [{ type: 'email', hash: text }], limit: 5 })
          .then(
            () => 200,
            (error: { data?: { httpStatus?: number } }) => error.data?.httpStatus ?? 500,
          );
        expect(listed).toBeLessThan(500);
        if (holdsRefusedText(text)) expect(listed).toBe(422);
      }),
      { numRuns: RUNS },
    );
  });
});
