import { randomUUID } from 'node:crypto';
import type { EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { mailSink, testDatabaseUri } from '@scontrino/testing';
import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionIdsOf } from '../domain/ids.js';
import { receiptCrypto } from '../store/receipt-crypto.js';
import { sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

let service: TestReceiptService;
let key: string;

beforeAll(async () => {
  const uri = new URL(testDatabaseUri('email_commands'));
  uri.searchParams.set('monitorCommands', 'true');
  service = await startTestReceiptService({
    databaseUri: uri.toString(),
    loyaltyWaitMs: 30_000,
    inboxConcurrency: 8,
  });
  key = await service.terminal('MI-001', 'T03');
  // A running service has the till's key and the store's profile cached.
  await deliver(1);
}, 60_000);
afterAll(() => service.close());

const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

/** What loyalty publishes once it has credited the sale. */
async function tell(receiptId: string, id: string): Promise<void> {
  const event: EventOf<'sale.credited'> = {
    id: `${id}.credited`,
    type: 'sale.credited',
    version: 1,
    occurredAt: new Date().toISOString(),
    payload: {
      id,
      receiptId,
      tenantId: 'moda-rossi',
      outcome: 'credited',
      credit: { memberId: 'mbr_1', pointsEarned: 154, balance: 1280, pending: 154, tier: 'Gold' },
    },
  };
  const inbox = service.queues.queue(inboxQueueName('receipt-service'));
  await (await inbox.add(event, { jobId: event.id })).finished();
}

/**
 * Card sales with an e-mail receipt, from the tills' requests until each e-mail is sent and
 * recorded and each sale's event is off its transaction. Loyalty's `sale.credited` comes first
 * (the e-mail's first look finds the block), unless `tellAfterFirstLook`. Returns every database
 * command of the receipt service meanwhile, as `<command> <collection>`.
 */
async function deliver(count: number, tellAfterFirstLook = false): Promise<string[]> {
  const seen: string[] = [];
  let deliveriesSaved = 0;
  let outboxRemoved = 0;
  let looks = 0;
  const deliveryUpdates = new Set<number>();
  const outboxUpdates = new Set<number>();
  const client = service.database.getClient();
  const started = (event: mongo.CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName) || event.databaseName !== service.database.name) return;
    const target = event.command[event.commandName] as unknown;
    const name = `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    seen.push(name);
    if (name === 'find receipt_loyalty') looks += 1;
    if (name === 'update receipt_deliveries') deliveryUpdates.add(event.requestId);
    if (name === 'update transactions') outboxUpdates.add(event.requestId);
  };
  const finished = (event: mongo.CommandSucceededEvent) => {
    const n = (event.reply as { n?: number }).n ?? 0;
    if (deliveryUpdates.delete(event.requestId)) deliveriesSaved += n;
    if (outboxUpdates.delete(event.requestId)) outboxRemoved += n;
  };
  client.on('commandStarted', started);
  client.on('commandSucceeded', finished);
  try {
    const sales = Array.from({ length: count }, () => {
      const transactionId = `EMAIL-${randomUUID()}`;
      const ids = transactionIdsOf(receiptCrypto(service.crypto).transactionIdKey, {
        tenantId: 'moda-rossi',
        storeId: 'MI-001',
        transactionId,
      });
      return { transactionId, ...ids, to: `member-${randomUUID()}@example.test` };
    });
    if (!tellAfterFirstLook) await Promise.all(sales.map(({ receiptId, id }) => tell(receiptId, id)));
    await Promise.all(
      sales.map(async ({ transactionId, receiptId, to }) => {
        const body = sale(transactionId);
        const res = await service.post(
          { ...body, customer: { ...body.customer, email: to, receiptDelivery: ['email'] } },
          { key },
        );
        expect(res).toMatchObject({ status: 201, body: { receiptId } });
      }),
    );
    if (tellAfterFirstLook) {
      while (looks < count) await sleep(5);
      await Promise.all(sales.map(({ receiptId, id }) => tell(receiptId, id)));
    }
    for (const { to } of sales) await mailSink.waitFor({ to });
    while (deliveriesSaved < count || outboxRemoved < count) await sleep(10);
    // Anything still on its way.
    await sleep(150);
  } finally {
    client.off('commandStarted', started);
    client.off('commandSucceeded', finished);
  }
  return seen;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tally(commands: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const command of commands) counts[command] = (counts[command] ?? 0) + 1;
  return counts;
}

/*
 * Before (each event looked up in processed_events and recorded, the block read twice, a
 * delivery read at every look): 16 commands for a card sale whose block came first, the till's
 * insert included, and 2 more for each look before it came; 13 while the rollup and the till's
 * address were two reads of the transaction.
 */
describe("database commands the receipt service spends on a card sale's e-mail receipt", () => {
  it("when loyalty's block has come before the e-mail looks, then the sale, its delivery, one look, the send's reads and its record", async () => {
    const commands = await deliver(1);
    console.log('e-mail, block already told:', commands.length, tally(commands));
    expect(tally(commands)).toEqual({
      // loyalty's sale.credited
      'insert receipt_loyalty': 1,
      // the till's request, and its event off the transaction
      'insert transactions': 1,
      'update transactions': 1,
      // the event: the sale's figures and the till's address in one read, its day's rollup (the
      // back office's KPIs), the delivery queued; then the e-mail's receipt
      'find transactions': 2,
      'update sales_rollups': 1,
      // its day's till data quality (the back office's data-quality page), from the same read
      'update contact_quality_rollups': 1,
      'insert receipt_deliveries': 1,
      // the e-mail: its block, its delivery, the opt-outs, the receipt and its returns, the record
      'find receipt_loyalty': 1,
      'find receipt_deliveries': 1,
      'find email_preferences': 1,
      'find return_links': 1,
      'update receipt_deliveries': 1,
    });
  });

  it('when the e-mail looks once before the block comes, then that look is all the wait costs', async () => {
    const commands = await deliver(1, true);
    console.log('e-mail, block told after the first look:', commands.length, tally(commands));
    expect(tally(commands)['find receipt_loyalty']).toBeGreaterThanOrEqual(2);
    expect(commands.length - (tally(commands)['find receipt_loyalty'] ?? 0)).toBe(12);
  });

  it('when eight card sales come together, then their blocks, deliveries and events share writes', async () => {
    const commands = await deliver(8);
    const counts = tally(commands);
    console.log('e-mail, eight sales:', commands.length / 8, 'per sale', counts);
    expect(counts['insert receipt_loyalty']).toBeLessThan(8);
    expect(counts['insert receipt_deliveries']).toBeLessThan(8);
    expect(commands.length / 8).toBeLessThan(13);
  });
});
