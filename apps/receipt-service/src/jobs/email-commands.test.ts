import { randomUUID } from 'node:crypto';
import type { EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { mailSink, testDatabaseUri, uniqueEmail } from '@scontrino/testing';
import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionIdsOf } from '../domain/ids.js';
import { receiptCrypto } from '../store/receipt-crypto.js';
import { RECEIPT_EMAIL_QUEUE } from './receipt-email-job.js';
import { sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

let service: TestReceiptService;
/** Each service's till key, issued once. */
const keys = new Map<TestReceiptService, string>();

beforeAll(async () => {
  const uri = new URL(testDatabaseUri('email_commands'));
  uri.searchParams.set('monitorCommands', 'true');
  service = await startTestReceiptService({
    databaseUri: uri.toString(),
    loyaltyWaitMs: 30_000,
    // As the service runs by default (INBOX_CONCURRENCY, EMAIL_CONCURRENCY).
    inboxConcurrency: 8,
    emailConcurrency: 8,
    // What the eight sales ask of their store's day within 100 ms goes together (the service
    // waits 5 ms): under the load of a CI machine, their events and e-mails may come tens of
    // milliseconds apart, and the test is about the writes they share, not the timing.
    dayWriteWindowMs: 100,
  });
  // A running service has the till's key and the store's profile cached.
  await deliver(1);
}, 60_000);
afterAll(() => service.close());

const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

/** What loyalty publishes once it has credited the sale. */
async function tell(
  receiptId: string,
  id: string,
  on: TestReceiptService = service,
  memberHasEmail?: boolean,
): Promise<void> {
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
      ...(memberHasEmail !== undefined && { memberHasEmail }),
    },
  };
  const inbox = on.queues.queue(inboxQueueName('receipt-service'));
  await (await inbox.add(event, { jobId: event.id })).finished();
}

/**
 * Card sales with an e-mail receipt, from the tills' requests until each e-mail is sent and
 * recorded and each sale's event is off its transaction. Loyalty's `sale.credited` comes first
 * (before the sale's own event is handled), unless `when` is `queued` (once the e-mail waits,
 * delayed, for it) or `never`. Returns every database command of the receipt service meanwhile,
 * as `<command> <collection>`.
 */
async function deliver(
  count: number,
  when: 'first' | 'queued' | 'never' = 'first',
  on: TestReceiptService = service,
  memberHasEmail?: boolean,
): Promise<string[]> {
  let till = keys.get(on);
  if (till === undefined) keys.set(on, (till = await on.terminal('MI-001', 'T03')));
  const seen: string[] = [];
  let deliveriesSaved = 0;
  let outboxRemoved = 0;
  const deliveryUpdates = new Set<number>();
  const outboxUpdates = new Set<number>();
  const client = on.database.getClient();
  const started = (event: mongo.CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName) || event.databaseName !== on.database.name) return;
    const target = event.command[event.commandName] as unknown;
    const name = `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    seen.push(name);
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
  const inbox = on.queues.queue(inboxQueueName('receipt-service'));
  try {
    const sales = Array.from({ length: count }, () => {
      const transactionId = `EMAIL-${randomUUID()}`;
      const ids = transactionIdsOf(receiptCrypto(on.crypto).transactionIdKey, {
        tenantId: 'moda-rossi',
        storeId: 'MI-001',
        transactionId,
      });
      return { transactionId, ...ids, to: uniqueEmail('member') };
    });
    if (when === 'first')
      await Promise.all(sales.map(({ receiptId, id }) => tell(receiptId, id, on, memberHasEmail)));
    // Several sales: their events are handled together, as a busy inbox's are (held until all
    // are queued; a loaded machine would otherwise hand them over one by one).
    if (count > 1) await inbox.pause(true);
    await Promise.all(
      sales.map(async ({ transactionId, receiptId, to }) => {
        const body = sale(transactionId);
        const res = await on.post(
          { ...body, customer: { ...body.customer, email: to, receiptDelivery: ['email'] } },
          { key: till },
        );
        expect(res).toMatchObject({ status: 201, body: { receiptId } });
      }),
    );
    if (count > 1) {
      while ((await inbox.getWaitingCount()) < count) await sleep(5);
      await inbox.resume(true);
    }
    if (when === 'queued') {
      const emails = on.queues.queue(RECEIPT_EMAIL_QUEUE);
      for (const { receiptId } of sales)
        while (!(await (await emails.getJob(`email:${receiptId}:till`))?.isDelayed())) await sleep(5);
      await Promise.all(sales.map(({ receiptId, id }) => tell(receiptId, id, on, memberHasEmail)));
    }
    for (const { to } of sales) await mailSink.waitFor({ to });
    while (deliveriesSaved < count || outboxRemoved < count) await sleep(10);
    // Anything still on its way.
    await sleep(150);
  } finally {
    await inbox.resume(true);
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

/**
 * The commands without the brand day's marks, and the marks: at most one for what `deliver`
 * did, and none when a mark this service wrote within the last 5 s still covers the day
 * (MARK_AHEAD_MS), as one written by an earlier test of this file may.
 */
function withoutMarks(commands: readonly string[]): { rest: Record<string, number>; marks: number } {
  const { 'update sales_rollup_marks': marks = 0, ...rest } = tally(commands);
  return { rest, marks };
}

/*
 * Before (each event looked up in processed_events and recorded, the block read twice, a
 * delivery read at every look): 16 commands for a card sale whose block came first, the till's
 * insert included, and 2 more for each look before it came; 13 while the rollup and the till's
 * address were two reads of the transaction; 11 while the e-mail polled for the block
 * (`receipt_loyalty` read every 250 ms, 500 ms…), read the sale again and its returns; 13 again
 * once the data quality was counted and the brand's day marked at each rollup update (2 marks).
 */
const ONE_SALE = {
  // the till's request, and its event off the transaction
  'insert transactions': 1,
  'update transactions': 1,
  // the event: the sale's figures, the till's address and what the receipt shows in one read,
  // its day's rollup (the back office's KPIs), the delivery queued; the e-mail sent counts on the
  // same day. The brand's day is marked at most once (see `marks` below).
  'find transactions': 1,
  'update sales_rollups': 2,
  // its day's till data quality (the back office's data-quality page), from the same read
  'update contact_quality_rollups': 1,
  'insert receipt_deliveries': 1,
  // loyalty's sale.credited: the block kept for the receipt's page
  'insert receipt_loyalty': 1,
  // the e-mail: its delivery, the opt-outs, the record (the sale and its block came in the job;
  // a sale never returned has no returns to read)
  'find receipt_deliveries': 1,
  'find email_preferences': 1,
  'update receipt_deliveries': 1,
};

describe("database commands the receipt service spends on a card sale's e-mail receipt", () => {
  it("when loyalty's block has come before the sale's event is handled, then the sale is read once and the block not at all", async () => {
    const commands = await deliver(1);
    console.log('e-mail, block told first:', commands.length, tally(commands));
    const { rest, marks } = withoutMarks(commands);
    expect(rest).toEqual(ONE_SALE);
    expect(marks).toBeLessThanOrEqual(1);
  });

  it("when the e-mail waits for the block, then loyalty's answer sends it: no look at the block, no read of the sale for its claim code", async () => {
    // The member has an e-mail: a sale printed with a claim code would have it withdrawn, but a
    // sale with a till e-mail had none, and its waiting e-mail says so.
    const commands = await deliver(1, 'queued', service, true);
    console.log('e-mail, block told while it waits:', commands.length, tally(commands));
    const { rest, marks } = withoutMarks(commands);
    expect(rest).toEqual(ONE_SALE);
    expect(marks).toBeLessThanOrEqual(1);
  });

  it('when loyalty does not answer within the wait, then the e-mail goes after it and reads the block once', async () => {
    const uri = new URL(testDatabaseUri('email_commands_fallback'));
    uri.searchParams.set('monitorCommands', 'true');
    const impatient = await startTestReceiptService({ databaseUri: uri.toString(), loyaltyWaitMs: 300 });
    try {
      await deliver(1, 'never', impatient);
      const commands = await deliver(1, 'never', impatient);
      console.log('e-mail, no answer within the wait:', commands.length, tally(commands));
      const { 'insert receipt_loyalty': _none, ...others } = ONE_SALE;
      const { rest, marks } = withoutMarks(commands);
      expect(rest).toEqual({ ...others, 'find receipt_loyalty': 1 });
      expect(marks).toBeLessThanOrEqual(1);
    } finally {
      await impatient.close();
    }
  });

  it("when eight card sales come together, then their blocks, deliveries, day's figures and events share writes", async () => {
    const commands = await deliver(8);
    const counts = tally(commands);
    console.log('e-mail, eight sales:', commands.length / 8, 'per sale', counts);
    expect(counts['insert receipt_loyalty']).toBeLessThan(8);
    expect(counts['insert receipt_deliveries']).toBeLessThan(8);
    expect(counts['find receipt_loyalty']).toBeUndefined();
    expect(counts['find transactions']).toBe(8);
    // One store's day: the sales handled together are added to it in one update, and so are the
    // e-mails sent within a few milliseconds of each other (it was one update per sale and one per
    // e-mail: 16), their outcomes saved a few per command.
    expect(counts['update sales_rollups']).toBeLessThan(8);
    expect(counts['update contact_quality_rollups']).toBeLessThan(8);
    expect(counts['update receipt_deliveries']).toBeLessThan(8);
    // The brand's day: marked once at most (it was once per rollup update: 16).
    expect(counts['update sales_rollup_marks'] ?? 0).toBeLessThanOrEqual(1);
    // About 6 in the runs of this test (it was 8.25 to 10: 10 failed once in CI).
    expect(commands.length / 8).toBeLessThan(8);
  });
});
