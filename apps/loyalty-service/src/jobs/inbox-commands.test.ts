import type { EventOf, TransactionRecordedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { testDatabaseUri } from '@scontrino/testing';
import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';

const TENANT = 'moda-rossi';
/** The service's INBOX_CONCURRENCY default. */
const CONCURRENCY = 8;
const card = (i: number) => `29${String(i).padStart(11, '0')}`;

let service: TestLoyaltyService;

beforeAll(async () => {
  const uri = new URL(testDatabaseUri('inbox_commands'));
  uri.searchParams.set('monitorCommands', 'true');
  service = await startTestLoyaltyService({
    databaseUri: uri.toString(),
    inboxConcurrency: CONCURRENCY,
    // Only the start-up sweep: what a write tells the dispatcher is all it does afterwards.
    dispatcherPollMs: 600_000,
  });
  for (let i = 0; i < 12; i++)
    await service.trpc.members.enrol.mutate({
      tenantId: TENANT,
      email: `commands-${i}@example.test`,
      cardNumbers: [card(i)],
      marketingConsent: { granted: false, source: 'till' },
    });
  // A running service has the program cached and its members' first sales behind it.
  for (let i = 0; i < 12; i++) await consume([saleOf(`warm_${i}`, i)]);
}, 60_000);
afterAll(() => service.close());

function saleOf(id: string, member: number | null): TransactionRecordedPayload {
  const hash = member === null ? 'n'.repeat(43) : (service.loyalty.crypto.card(card(member))?.hash ?? '');
  return {
    id: `txn_${id}`,
    receiptId: `rcpt_${id}`,
    transactionId: `MI-001-T03-${id}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    currency: 'EUR',
    totals: { subtotal: 5_000, discountTotal: 0, taxTotal: 0, total: 5_000 },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 1,
        unitPrice: 5_000,
        total: 5_000,
        originalLineId: null,
      },
    ],
    identifiers: [{ type: 'card', hash, sealed: 'sealed' }],
    original: null,
    pointsRedeemed: 0,
  };
}

function returnOf(sale: TransactionRecordedPayload, id: string): TransactionRecordedPayload {
  return {
    ...sale,
    id: `txn_${id}`,
    receiptId: `rcpt_${id}`,
    transactionId: `MI-001-T03-${id}`,
    type: 'return',
    totals: { subtotal: 5_000, discountTotal: 0, taxTotal: 0, total: 5_000 },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 1,
        unitPrice: 5_000,
        total: 5_000,
        originalLineId: '1',
      },
    ],
    original: { id: sale.id, transactionId: sale.transactionId, storeId: sale.storeId },
  };
}

/** What the service sends with no work to do: never counted here. */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

/** A removal of sent events from their documents: the dispatcher's last command for a sale. */
function removesOutbox(command: mongo.Document): boolean {
  const updates = (command.updates as { u?: { $set?: { outboxPending?: unknown } } }[] | undefined) ?? [];
  return updates.some((update) => update.u?.$set?.outboxPending === false);
}

/**
 * Hands the events to the inbox together and returns every database command the service sends
 * until each is handled and every `sale.credited` it caused is published and taken off its
 * document, as `<command> <collection>`. The program's list of versions, re-read every two
 * seconds per tenant whatever the traffic, is left out.
 */
async function consume(
  sales: TransactionRecordedPayload[],
  { redelivery = false }: { redelivery?: boolean } = {},
): Promise<string[]> {
  const seen: string[] = [];
  let removals = 0;
  const client = service.database.getClient();
  const started = (event: mongo.CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    if (target === 'program_versions') return;
    seen.push(`${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  };
  const pendingRemovals = new Set<number>();
  const startedRemoval = (event: mongo.CommandStartedEvent) => {
    if (event.commandName === 'update' && removesOutbox(event.command)) pendingRemovals.add(event.requestId);
  };
  const succeeded = (event: mongo.CommandSucceededEvent) => {
    if (pendingRemovals.delete(event.requestId))
      removals += (event.reply as { nModified?: number }).nModified ?? 0;
  };
  client.on('commandStarted', started);
  client.on('commandStarted', startedRemoval);
  client.on('commandSucceeded', succeeded);
  try {
    const inbox = service.queues.queue(inboxQueueName('loyalty-service'));
    const jobs = await inbox.addBulk(
      sales.map((sale) => {
        const event: EventOf<'transaction.recorded'> = {
          id: `${sale.id}.recorded`,
          type: 'transaction.recorded',
          version: 1,
          occurredAt: new Date().toISOString(),
          payload: sale,
        };
        // A redelivery: the same event in a job of its own (a stalled job retried, a stray re-sent).
        return { data: event, opts: { jobId: redelivery ? `${event.id}.again` : event.id } };
      }),
    );
    await Promise.all(jobs.map((job) => job.finished()));
    // A redelivery writes nothing, so it sends nothing either.
    const tells = redelivery ? 0 : sales.filter((sale) => sale.type === 'sale').length;
    await eventually(
      () => Promise.resolve(removals >= tells ? true : undefined),
      `${tells} sale.credited taken off their documents`,
    );
    // Anything still on its way.
    await new Promise((resolve) => setTimeout(resolve, 150));
  } finally {
    client.off('commandStarted', started);
    client.off('commandStarted', startedRemoval);
    client.off('commandSucceeded', succeeded);
  }
  return seen;
}

function tally(commands: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const command of commands) counts[command] = (counts[command] ?? 0) + 1;
  return counts;
}

/*
 * Before this batch (the inbox as it was: a processed_events check and record per event, the card's
 * key read every time, the dispatcher sweeping both outbox collections after each write): a
 * member's card sale cost 11 commands, a return 8, and eight sales arriving together 8.5 each.
 */
describe('database commands the loyalty inbox spends per transaction, sale.credited sent', () => {
  it("when a member's card sale comes, then it costs the member, the archived copy, the folded ledger read and written, the entry, and the event taken off it", async () => {
    const commands = await consume([saleOf('one', 0)]);
    console.log('one member sale:', commands.length, tally(commands));
    expect(tally(commands)).toEqual({
      'find members': 1,
      'insert sales': 1,
      'find ledger_heads': 1,
      'insert ledger_entries': 1,
      'update ledger_heads': 1,
      'update ledger_entries': 1,
      'update points_rollups': 1,
    });
  });

  it('when a return of a credited sale comes, then it costs the archived copy, the earn, its holder and the ledger', async () => {
    const sold = saleOf('to_return', 1);
    await consume([sold]);
    const commands = await consume([returnOf(sold, 'returned')]);
    console.log('one return:', commands.length, tally(commands));
    expect(tally(commands)).toEqual({
      'insert sales': 1,
      'find ledger_entries': 1,
      'find members': 1,
      'find ledger_heads': 1,
      'insert ledger_entries': 1,
      'update ledger_heads': 1,
      'update points_rollups': 1,
    });
  });

  it("when a member's card sale comes again, then the taken keys answer it: one look-up of the member, the copy and the entry met again, and the rollup's guarded look", async () => {
    const sold = saleOf('redelivered', 1);
    await consume([sold]);
    const { memberId } = (await service.loyalty.store.ledger.byBusinessKey(`earn:${sold.id}`))!;
    const before = await service.loyalty.store.ledger.stateOf(memberId);
    const commands = await consume([sold], { redelivery: true });
    console.log('one member sale again:', commands.length, tally(commands));
    expect(tally(commands)).toEqual({
      'find members': 1,
      'insert sales': 1,
      'find ledger_heads': 1,
      'insert ledger_entries': 1,
      // the entry met again by its business key
      'find ledger_entries': 1,
      // the guarded upsert meets the day's document, the same update without upsert changes nothing
      'update points_rollups': 2,
    });
    // Credited once: the member's ledger is where the first delivery left it.
    const after = await service.loyalty.store.ledger.stateOf(memberId);
    expect({ seq: after.lastSeq, pending: after.pending }).toEqual({
      seq: before.lastSeq,
      pending: before.pending,
    });
  });

  it('when a return comes again, then its copy is met once and the reversal is met again by its business key', async () => {
    const sold = saleOf('to_return_again', 1);
    await consume([sold]);
    const returned = returnOf(sold, 'returned_again');
    await consume([returned]);
    const { memberId } = (await service.loyalty.store.ledger.byBusinessKey(`earn:${sold.id}`))!;
    const before = await service.loyalty.store.ledger.stateOf(memberId);
    const commands = await consume([returned], { redelivery: true });
    console.log('one return again:', commands.length, tally(commands));
    expect(tally(commands)).toEqual({
      'insert sales': 1,
      // the sale's earn, then the reversal met again by its business key
      'find ledger_entries': 2,
      'find members': 1,
      'find ledger_heads': 1,
      'insert ledger_entries': 1,
      'update points_rollups': 2,
    });
    // Reversed once: the holder's ledger is where the first delivery left it.
    const after = await service.loyalty.store.ledger.stateOf(memberId);
    expect({ seq: after.lastSeq, pending: after.pending }).toEqual({
      seq: before.lastSeq,
      pending: before.pending,
    });
  });

  it("when a sale whose card is nobody's comes again, then the card's look-up and the copy met again, nothing more", async () => {
    const sold = saleOf('nobody_again', null);
    await consume([sold]);
    const commands = await consume([sold], { redelivery: true });
    console.log('one non-member sale again:', commands.length, tally(commands));
    expect(tally(commands)).toEqual({ 'find member_keys': 1, 'insert sales': 1 });
  });

  it(`when ${CONCURRENCY} sales of ${CONCURRENCY} members arrive together, then they share the inserts and the writes`, async () => {
    const sales = Array.from({ length: CONCURRENCY }, (_, i) => saleOf(`together_${i}`, i + 2));
    const commands = await consume(sales);
    const counts = tally(commands);
    console.log(`${CONCURRENCY} member sales:`, commands.length / CONCURRENCY, 'per sale', counts);
    // Per member: its key is remembered, its member and folded ledger read.
    expect(counts['find members']).toBe(CONCURRENCY);
    expect(counts['find ledger_heads']).toBe(CONCURRENCY);
    // Shared: one insert each of the copies and the entries, the folded ledgers four per update,
    // the events off their entries in one update (two of each if the burst came in two batches).
    expect(counts['insert sales']).toBeLessThanOrEqual(2);
    expect(counts['insert ledger_entries']).toBeLessThanOrEqual(2);
    expect(counts['update ledger_heads']).toBeLessThanOrEqual(3);
    expect(counts['update ledger_entries']).toBeLessThanOrEqual(2);
    // The store's day of points figures: one update for the batch (two if it came in two).
    expect(counts['update points_rollups']).toBeLessThanOrEqual(2);
    expect(commands.length).toBeLessThanOrEqual(2 * CONCURRENCY + 11);
  });
});
