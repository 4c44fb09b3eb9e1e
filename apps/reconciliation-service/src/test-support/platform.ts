import { randomUUID } from 'node:crypto';
import type { EventEnvelope, PosSale } from '@scontrino/contracts';
import { startTestLoyaltyService, type TestLoyaltyService } from '@scontrino/loyalty-service/testing';
import { inboxQueueName } from '@scontrino/queue';
import {
  startTestReceiptService,
  storeProfile,
  TEST_SERVICE_TOKEN as RECEIPT_SERVICE_TOKEN,
  testPlatformKeys,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { examplePosSale } from '@scontrino/contracts';
import { uniqueName } from '@scontrino/testing';
import {
  startTestReconciliationService,
  type TestReconciliationOptions,
  type TestReconciliationService,
} from './reconciliation-service.js';

/**
 * The receipt service and this one in-process, sharing keys and a queue prefix: tills post
 * sales to the first, its events reach this one's inbox, and this one's events reach the
 * loyalty inbox. Without `withLoyalty` nothing consumes that inbox, so its jobs wait there to be
 * inspected; with it, the loyalty service runs too, credits sales and handles those events.
 */
export interface TestPlatform {
  receipt: TestReceiptService;
  reconciliation: TestReconciliationService;
  loyalty: TestLoyaltyService | undefined;
  tenantId: string;
  /** Posts a sale at the till, made now; returns the receipt service's answer (`transactionId` is `txn_…`). */
  tillSale(customer: PosSale['customer'] | undefined): Promise<TillReceipt>;
  /** Claims an anonymous sale's receipt with an e-mail, as the customer does on the claim page. */
  claim(receipt: TillReceipt, email: string): Promise<void>;
  /** Events this service published to a subscriber's inbox so far. */
  published(subscriber: 'loyalty-service' | 'receipt-service', type: string): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

export interface TillReceipt {
  receiptId: string;
  transactionId: string;
  claimUrl?: string;
}

export async function startTestPlatform({
  withLoyalty = false,
  ...options
}: Omit<TestReconciliationOptions, 'crypto' | 'queuePrefix'> & { withLoyalty?: boolean } = {}) {
  const crypto = testPlatformKeys();
  const queuePrefix = uniqueName('platform');
  const loyalty = withLoyalty ? await startTestLoyaltyService({ crypto, queuePrefix }) : undefined;
  // With loyalty, a sale is credited from its own event: the receipt service calls nothing.
  const receipt = await startTestReceiptService({ crypto, queuePrefix });
  const reconciliation = await startTestReconciliationService({
    ...options,
    crypto,
    queuePrefix,
    // Data-subject requests ask both peers; without loyalty its address answers nothing (503).
    peers: {
      receipt: { url: receipt.url, serviceToken: RECEIPT_SERVICE_TOKEN },
      ...(loyalty && { loyalty: { url: loyalty.url, serviceToken: loyalty.serviceToken } }),
      ...options.peers,
    },
  });
  const tenantId = 'moda-rossi';
  await receipt.trpc.stores.upsert.mutate(storeProfile({ storeId: 'MI-001', tenantId }));
  const key = await receipt.terminal('MI-001', 'T03', tenantId);

  const platform: TestPlatform = {
    receipt,
    reconciliation,
    loyalty,
    tenantId,
    async tillSale(customer) {
      const { customer: _example, ...sale } = examplePosSale();
      const body = {
        ...sale,
        transactionId: `T-${randomUUID()}`,
        occurredAt: new Date().toISOString(),
        ...(customer && { customer }),
      };
      const res = await receipt.post(body, { key });
      if (res.status !== 201) throw new Error(`sale refused: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as TillReceipt;
    },
    async claim(till, email) {
      if (!till.claimUrl) throw new Error('only an anonymous sale has a claim code');
      await receipt.claim(till.claimUrl, email);
    },
    async published(subscriber, type) {
      const queue = reconciliation.queues.queue(inboxQueueName(subscriber));
      const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
      return jobs.map((job) => job.data as EventEnvelope).filter((event) => event.type === type);
    },
    async close() {
      await reconciliation.close();
      await receipt.close();
      await loyalty?.close();
    },
  };
  return platform;
}
