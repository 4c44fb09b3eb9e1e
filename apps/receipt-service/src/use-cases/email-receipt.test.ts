import { randomUUID } from 'node:crypto';
import { startMailSink } from '@scontrino/stack';
import { mailSink, uniqueEmail } from '@scontrino/testing';
import getPort from 'get-port';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalisedEmail } from '../domain/customer-identifiers.js';
import { receiptCrypto } from '../store/receipt-crypto.js';
import { sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(options: Parameters<typeof startTestReceiptService>[0] = {}) {
  const service = await startTestReceiptService(options);
  cleanups.push(() => service.close());
  return service;
}

const address = () => uniqueEmail('buyer');

function saleTo(email: string, receiptDelivery: string[] = ['email']) {
  const body = sale(`EM-${randomUUID()}`);
  return { ...body, customer: { ...body.customer, email, receiptDelivery } };
}

async function deliveriesOf(
  service: TestReceiptService,
  receiptId: string,
  until: (state: string) => boolean,
) {
  return vi.waitFor(
    async () => {
      const { deliveries } = await service.trpc.receipts.delivery.query({ receiptId });
      const [first] = deliveries;
      if (!first || !until(first.state)) throw new Error(`delivery is ${first?.state ?? 'missing'}`);
      return deliveries;
    },
    { timeout: 15_000, interval: 100 },
  );
}

describe('receipt emails', () => {
  it('when a sale asks for an email receipt, then it arrives with the total and the VAT line and the delivery is sent', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const to = address();
    const res = await service.post(saleTo(to), { key });
    expect(res.status).toBe(201);
    const { receiptId } = res.body as { receiptId: string };

    const mail = await mailSink.waitFor({ to });
    expect(mail.text).toContain('154,91');
    expect(mail.html).toContain('154,91');
    // The VAT included: 27,93 € of the 22% rate.
    expect(mail.text).toContain('27,93');
    expect(mail.html).toContain('27,93');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/receipts\.example\.test\/u\/[\w.-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const [delivery] = await deliveriesOf(service, receiptId, (state) => state === 'sent');
    expect(delivery).toMatchObject({ source: 'till', state: 'sent', attempts: 1, lastError: null });
  });

  it('when the address opted out, then no email goes and the delivery is suppressed', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const to = address();
    const hash = receiptCrypto(service.crypto).lookupHash('email', normalisedEmail(to));
    await service.store.emailPreferences.record(hash, {
      purpose: 'receipt_email',
      granted: false,
      source: 'staff',
      at: new Date(),
    });
    const res = await service.post(saleTo(to), { key });
    const { receiptId } = res.body as { receiptId: string };

    const [delivery] = await deliveriesOf(service, receiptId, (state) => state !== 'queued');
    expect(delivery?.state).toBe('suppressed');
    expect(await mailSink.list({ to })).toEqual([]);
  });

  it('when a sale does not ask for an email receipt, then none is queued', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const to = address();
    const res = await service.post(saleTo(to, ['app']), { key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { receiptId } = res.body as { receiptId: string };
    // A sale asking for email, posted after, is delivered: by then the first was handled too.
    const other = address();
    const asked = await service.post(saleTo(other), { key });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await mailSink.waitFor({ to: other });

    expect((await service.trpc.receipts.delivery.query({ receiptId })).deliveries).toEqual([]);
    expect(await mailSink.list({ to })).toEqual([]);
  });

  it('when SMTP is down, then the delivery stays queued with its error and is sent once SMTP is back', async () => {
    const smtpPort = await getPort();
    const service = await started({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      emailRetry: { attempts: 20, backoffMs: 100 },
    });
    const key = await service.terminal('MI-001', 'T03');
    const to = address();
    const res = await service.post(saleTo(to), { key });
    expect(res.status).toBe(201);
    const { receiptId } = res.body as { receiptId: string };

    const [failing] = await vi.waitFor(
      async () => {
        const { deliveries } = await service.trpc.receipts.delivery.query({ receiptId });
        if (!deliveries[0] || deliveries[0].attempts < 1) throw new Error('no attempt yet');
        return deliveries;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(failing).toMatchObject({ state: 'queued' });
    expect(failing?.lastError).toMatch(/ECONNREFUSED/);

    const sink = await startMailSink({ smtpPort });
    cleanups.push(() => sink.stop());
    await vi.waitFor(
      () => {
        if (!sink.list().some((mail) => mail.envelope.to.includes(to))) throw new Error('not delivered yet');
      },
      { timeout: 20_000, interval: 100 },
    );
    const [sent] = await deliveriesOf(service, receiptId, (state) => state === 'sent');
    expect(sent?.attempts).toBeGreaterThan(1);
    expect(sent?.lastError).toBeNull();
  });

  it('resends to a new address given by support', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const res = await service.post(saleTo(address()), { key });
    const { receiptId } = res.body as { receiptId: string };
    const other = address();
    await service.trpc.receipts.resendEmail.mutate({ receiptId, email: other });
    await mailSink.waitFor({ to: other });
    const deliveries = await vi.waitFor(
      async () => {
        const found = (await service.trpc.receipts.delivery.query({ receiptId })).deliveries;
        if (found.filter((d) => d.state === 'sent').length < 2) throw new Error('not both sent');
        return found;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(deliveries.map((d) => d.source).sort()).toEqual(['resend', 'till']);
  });
});
