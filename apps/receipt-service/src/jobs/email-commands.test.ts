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
  service = await startTestReceiptService({ databaseUri: uri.toString(), loyaltyWaitMs: 30_000 });
  key = await service.terminal('MI-001', 'T03');
  // A running service has the till's key and the store's profile cached.
  await deliver(`WARM-${randomUUID()}`);
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
 * A card sale with an e-mail receipt, from the till's request until its e-mail is sent and
 * recorded and its event is off the transaction. Loyalty's `sale.credited` comes first (the
 * e-mail's first look finds the block), unless `tellAfterFirstLook`. Returns every database
 * command of the receipt service meanwhile, as `<command> <collection>`.
 */
async function deliver(transactionId: string, tellAfterFirstLook = false): Promise<string[]> {
  const seen: string[] = [];
  let deliveriesSaved = 0;
  let outboxRemoved = 0;
  let looks = 0;
  const client = service.database.getClient();
  const started = (event: mongo.CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName) || event.databaseName !== service.database.name) return;
    const target = event.command[event.commandName] as unknown;
    const name = `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    seen.push(name);
    if (name === 'find receipt_loyalty') looks += 1;
  };
  const finished = (event: mongo.CommandSucceededEvent) => {
    if (event.commandName !== 'update') return;
    const n = (event.reply as { n?: number }).n ?? 0;
    if (n === 0) return;
    if (deliveryUpdates.has(event.requestId)) deliveriesSaved += n;
    if (outboxUpdates.has(event.requestId)) outboxRemoved += n;
  };
  const deliveryUpdates = new Set<number>();
  const outboxUpdates = new Set<number>();
  const classify = (event: mongo.CommandStartedEvent) => {
    if (event.commandName !== 'update') return;
    if (event.command.update === 'receipt_deliveries') deliveryUpdates.add(event.requestId);
    if (event.command.update === 'transactions') outboxUpdates.add(event.requestId);
  };
  client.on('commandStarted', started);
  client.on('commandStarted', classify);
  client.on('commandSucceeded', finished);
  try {
    const body = sale(transactionId);
    const to = `member-${randomUUID()}@example.test`;
    const { id, receiptId } = transactionIdsOf(receiptCrypto(service.crypto).transactionIdKey, {
      tenantId: 'moda-rossi',
      storeId: body.storeId,
      transactionId,
    });
    if (!tellAfterFirstLook) await tell(receiptId, id);
    const res = await service.post(
      { ...body, customer: { ...body.customer, email: to, receiptDelivery: ['email'] } },
      { key },
    );
    expect(res).toMatchObject({ status: 201, body: { receiptId } });
    if (tellAfterFirstLook) {
      while (looks === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await tell(receiptId, id);
    }
    await mailSink.waitFor({ to });
    while (deliveriesSaved === 0 || outboxRemoved === 0)
      await new Promise((resolve) => setTimeout(resolve, 10));
    // Anything still on its way.
    await new Promise((resolve) => setTimeout(resolve, 150));
  } finally {
    client.off('commandStarted', started);
    client.off('commandStarted', classify);
    client.off('commandSucceeded', finished);
  }
  return seen;
}

function tally(commands: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const command of commands) counts[command] = (counts[command] ?? 0) + 1;
  return counts;
}

describe("database commands the receipt service spends on a card sale's e-mail receipt", () => {
  it("when loyalty's block has come before the e-mail looks", async () => {
    const commands = await deliver(`EMAIL-${randomUUID()}`);
    console.log('e-mail, block already told:', commands.length, tally(commands));
    expect(commands.length).toBeGreaterThan(0);
  });

  it('when the e-mail looks once before the block comes', async () => {
    const commands = await deliver(`EMAIL-${randomUUID()}`, true);
    console.log('e-mail, block told after the first look:', commands.length, tally(commands));
    expect(commands.length).toBeGreaterThan(0);
  });
});
