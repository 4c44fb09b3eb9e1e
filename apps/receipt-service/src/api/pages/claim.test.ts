import { randomUUID } from 'node:crypto';
import { inboxQueueName } from '@scontrino/queue';
import { mailSink, uniqueEmail } from '@scontrino/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeQrPng } from '../../test-support/decode-qr-png.js';
import { anonymousSale, sale } from '../../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
  type TestServiceOptions,
} from '../../test-support/receipt-service.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(options: TestServiceOptions = {}): Promise<TestReceiptService> {
  const service = await startTestReceiptService(options);
  cleanups.push(() => service.close());
  return service;
}

const address = () => uniqueEmail('claimer');
/** The service answers at `url`; the links it hands out name the public URL. */
const local = (service: TestReceiptService, link: string) => link.replace(TEST_PUBLIC_URL, service.url);

async function anonymousReceipt(service: TestReceiptService) {
  const key = await service.terminal('MI-001', 'T03');
  const res = await service.post(anonymousSale(`CL-${randomUUID()}`), { key });
  expect(res.status).toBe(201);
  return res.body as { receiptId: string; transactionId: string; claimUrl: string; claimQr: { png: string } };
}

function formTokenOf(html: string): string {
  const token = /name="form" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no form token in the claim page');
  return token;
}

async function claim(
  service: TestReceiptService,
  claimUrl: string,
  email: string,
  marketing = false,
  headers: Record<string, string> = {},
) {
  const form = await fetch(local(service, claimUrl));
  const body = new URLSearchParams({ form: formTokenOf(await form.text()), email });
  if (marketing) body.set('marketing', 'yes');
  const res = await fetch(local(service, claimUrl), { method: 'POST', body, headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function inboxJob(
  service: TestReceiptService,
  subscriber: 'loyalty-service' | 'reconciliation-service',
  id: string,
) {
  return vi.waitFor(
    async () => {
      const job = await service.queues.queue(inboxQueueName(subscriber)).getJob(id);
      if (!job) throw new Error(`${id} not in inbox:${subscriber} yet`);
      return job.data as { type: string; payload: Record<string, unknown> };
    },
    { timeout: 15_000, interval: 100 },
  );
}

describe('claiming a receipt', () => {
  it('when an anonymous sale is claimed, then its receipt is emailed and receipt.claimed reaches the subscribers', async () => {
    const service = await started();
    const { receiptId, transactionId, claimUrl, claimQr } = await anonymousReceipt(service);
    const png = Buffer.from(await (await fetch(local(service, claimQr.png))).arrayBuffer());
    expect(decodeQrPng(png)).toBe(claimUrl);

    const page = await fetch(local(service, claimUrl));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('154,91');
    expect(html).toMatch(/<input type="checkbox" name="marketing" value="yes"\/>/);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");

    const email = address();
    const first = await claim(service, claimUrl, `  ${email.toUpperCase()} `, true);
    expect(first.status).toBe(200);
    // In the receipt's language, as its claim form, whatever the browser asks for.
    expect(first.html).toContain('Fatto!');
    expect(first.html).toContain('<header class="brand"><p>Moda Rossi Milano Centro</p></header>');
    const mail = await mailSink.waitFor({ to: email });
    expect(mail.text).toContain('154,91');

    for (const subscriber of ['loyalty-service', 'reconciliation-service'] as const) {
      const event = await inboxJob(service, subscriber, `${receiptId}.claimed`);
      expect(event.type).toBe('receipt.claimed');
      expect(event.payload).toMatchObject({
        receiptId,
        id: transactionId,
        storeId: 'MI-001',
        marketingConsent: true,
      });
      expect(JSON.stringify(event.payload)).not.toContain('example.test');
    }

    const again = await fetch(local(service, claimUrl), {
      method: 'POST',
      body: new URLSearchParams({ form: 'x', email: address() }),
    });
    expect(again.status).toBe(410);
    const already = await again.text();
    expect(already).toContain('Scontrino già richiesto');
    expect(already).toContain('<header class="brand"><p>Moda Rossi Milano Centro</p></header>');
    expect((await fetch(local(service, claimQr.png))).status).toBe(404);
    const deliveries = await service.trpc.receipts.delivery.query({ receiptId });
    expect(deliveries.deliveries.map((d) => d.source)).toEqual(['claim']);
  });

  it('when one code is claimed at once many times, then exactly one claim wins', async () => {
    const service = await started();
    const { claimUrl } = await anonymousReceipt(service);
    const token = formTokenOf(await (await fetch(local(service, claimUrl))).text());
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const res = await fetch(local(service, claimUrl), {
          method: 'POST',
          body: new URLSearchParams({ form: token, email: address() }),
        });
        return res.status;
      }),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(7);
  });

  it('answers a clear page for a bad email, an unknown code and a forged form', async () => {
    const service = await started();
    const { claimUrl } = await anonymousReceipt(service);
    const bad = await claim(service, claimUrl, 'not-an-address');
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('role="alert"');
    const forged = await fetch(local(service, claimUrl), {
      method: 'POST',
      body: new URLSearchParams({ form: 'forged.token', email: address() }),
    });
    expect(forged.status).toBe(422);
    const unknown = await fetch(`${service.url}/c/${'A'.repeat(48)}`, {
      method: 'POST',
      body: new URLSearchParams({ email: address() }),
    });
    expect(unknown.status).toBe(404);
  });
});

describe('the claim limits', () => {
  it('when one address sends the form too often, then the 429 is the styled page in its language, with Retry-After', async () => {
    const service = await started({ claimRateLimit: { windowMs: 15 * 60_000, limit: 2 } });
    const { claimUrl } = await anonymousReceipt(service);
    const italian = { 'accept-language': 'it-IT,it;q=0.9' };
    expect((await claim(service, claimUrl, 'not-an-address', false, italian)).status).toBe(422);
    expect((await claim(service, claimUrl, 'still-not-one', false, italian)).status).toBe(422);
    const refused = await claim(service, claimUrl, address(), false, italian);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(refused.html).toMatch(/^<!DOCTYPE html><html lang="it-IT">/);
    expect(refused.html).toContain('<h1>Troppi tentativi</h1>');
    expect(refused.html).toContain('Riprova tra 15 minuti.');
    expect(refused.html).toMatch(/<style nonce="/);
    const english = await claim(service, claimUrl, address(), false, { 'accept-language': 'en' });
    expect([english.status, english.html.includes('Too many attempts')]).toEqual([429, true]);
  });

  it('when the seeder claims many receipts with the service token, then the people at that address can still claim', async () => {
    const service = await started({ claimRateLimit: { windowMs: 15 * 60_000, limit: 2 } });
    const receipts = [];
    for (let i = 0; i < 4; i++) receipts.push(await anonymousReceipt(service));
    const seeder = { authorization: `Bearer ${TEST_SERVICE_TOKEN}` };
    for (const { claimUrl } of receipts.slice(0, 3))
      expect((await claim(service, claimUrl, address(), false, seeder)).status).toBe(200);
    const person = await claim(service, receipts[3]!.claimUrl, address());
    expect(person.status).toBe(200);
    const forged = { authorization: 'Bearer not-the-service-token-000000000000000' };
    const extra = await anonymousReceipt(service);
    expect((await claim(service, extra.claimUrl, 'bad', false, forged)).status).toBe(422);
    expect((await claim(service, extra.claimUrl, address(), false, forged)).status).toBe(429);
  });

  it('when the form holds NUL or a lone surrogate, then it comes back as for any bad address, and nothing is claimed', async () => {
    const service = await started();
    const { claimUrl, receiptId } = await anonymousReceipt(service);
    for (const email of ['mario\u0000@example.com', 'mario\ud800@example.com']) {
      const res = await claim(service, claimUrl, email);
      expect(res.status).toBe(422);
      expect(res.html).toContain('role="alert"');
    }
    const marketing = await fetch(local(service, claimUrl), {
      method: 'POST',
      body: 'email=a%40example.com&marketing=%00&form=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(marketing.status).toBe(422);
    expect(await marketing.text()).toContain('role="alert"');
    expect(await service.database.collection('receipt_claims').countDocuments({ receiptId })).toBe(0);
  });
});

describe('unsubscribing', () => {
  it('when the link of a receipt email is confirmed, then the next sale to that address is suppressed', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const email = address();
    const withEmail = () => {
      const body = sale(`UN-${randomUUID()}`);
      return { ...body, customer: { ...body.customer, email, receiptDelivery: ['email'] } };
    };
    await service.post(withEmail(), { key });
    const mail = await mailSink.waitFor({ to: email });
    const link = /<([^>]+)>/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    if (!link) throw new Error('no List-Unsubscribe link');

    const confirm = await fetch(local(service, link));
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('<form method="post">');
    const oneClick = await fetch(local(service, link), {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(oneClick.status).toBe(200);

    const res = await service.post(withEmail(), { key });
    const { receiptId } = res.body as { receiptId: string };
    await vi.waitFor(
      async () => {
        const [delivery] = (await service.trpc.receipts.delivery.query({ receiptId })).deliveries;
        expect(delivery?.state).toBe('suppressed');
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(await mailSink.list({ to: email })).toHaveLength(1);
    expect((await fetch(`${service.url}/u/forged.token`)).status).toBe(404);
  });
});
