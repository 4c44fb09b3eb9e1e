import { randomUUID } from 'node:crypto';
import { mailSink, uniqueEmail } from '@scontrino/testing';
import getPort from 'get-port';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, TEST_RECEIPT_METRICS_TOKEN } from '../test-support/receipt-service.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(options: Parameters<typeof startTestReceiptService>[0] = {}) {
  const service = await startTestReceiptService(options);
  cleanups.push(() => service.close());
  return service;
}

function emailedSale(email: string) {
  const body = sale(`EM-${randomUUID()}`);
  return { ...body, customer: { ...body.customer, email, receiptDelivery: ['email'] } };
}

/** The value of one series on `/metrics` (scraped with the token), 0 when absent. */
async function metric(url: string, series: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${TEST_RECEIPT_METRICS_TOKEN}` },
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('receipt email metrics', () => {
  it('when a receipt email is sent, then receipt_emails_total{result="sent"} counts it', async () => {
    const service = await started();
    const key = await service.terminal('MI-001', 'T03');
    const to = uniqueEmail('buyer');
    expect((await service.post(emailedSale(to), { key })).status).toBe(201);
    await mailSink.waitFor({ to });

    await vi.waitFor(
      async () => expect(await metric(service.url, 'receipt_emails_total{result="sent"}')).toBe(1),
      { timeout: 5_000, interval: 100 },
    );
  });

  it('when SMTP stays down, then each failed attempt is counted by reason, the last one as final', async () => {
    const service = await started({
      smtpUrl: `smtp://127.0.0.1:${await getPort()}`,
      emailRetry: { attempts: 2, backoffMs: 50 },
    });
    const key = await service.terminal('MI-001', 'T03');
    expect((await service.post(emailedSale(uniqueEmail('buyer')), { key })).status).toBe(201);

    const failures = (final: boolean) =>
      metric(service.url, `receipt_email_failures_total{reason="smtp_unavailable",final="${final}"}`);
    await vi.waitFor(async () => expect(await failures(true)).toBe(1), { timeout: 15_000, interval: 100 });
    expect(await failures(false)).toBe(1);
    expect(await metric(service.url, 'receipt_emails_total{result="failed"}')).toBe(2);
    expect(await metric(service.url, 'receipt_emails_total{result="sent"}')).toBe(0);
  });
});
