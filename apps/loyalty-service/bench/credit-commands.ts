/**
 * Database commands the loyalty service spends on one sale, counted with the driver's command
 * monitoring: the inbox consumer handling `transaction.recorded` (a member's first sale, a later
 * one, a card that is no member's), then the outbox dispatcher sending the `sale.credited` it
 * recorded. These counts do not depend on the machine. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/loyalty-service bench:commands
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { startDatabase, startRedis } from '@scontrino/testing';
import type { mongo } from 'mongoose';
import { startTestLoyaltyService, testLoyaltyKeys } from '../src/test-support/loyalty-service.js';

const TENANT = 'moda-rossi';
const CARD = '2900000012345';

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-loyalty-commands-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
const service = await startTestLoyaltyService({
  crypto: testLoyaltyKeys(),
  databaseUri: `${database.url}/bench_commands_${randomBytes(4).toString('hex')}?monitorCommands=true`,
  redisUrl: redis.url,
  queuePrefix: `commands_${randomBytes(4).toString('hex')}`,
  smtpUrl: 'smtp://127.0.0.1:9',
  // Only kicked by writes while counting: no polling rounds mixed in.
  dispatcherPollMs: 600_000,
});

const IGNORED = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

interface Counted {
  consumer: string[];
  dispatcher: string[];
}

/** The dispatcher's reads of pending outboxes and its removal of a sent event. */
function isDispatcher(command: mongo.Document): boolean {
  const filter = command.filter as mongo.Document | undefined;
  const update = (command.updates as mongo.Document[] | undefined)?.[0];
  return filter?.outboxPending === true || JSON.stringify(update ?? {}).includes('"outbox');
}

/** Runs `work` and returns the commands sent meanwhile, as `command collection` strings. */
async function commandsOf(work: () => Promise<unknown>): Promise<Counted> {
  const seen: Counted = { consumer: [], dispatcher: [] };
  const client = service.database.getClient();
  const listener = (event: mongo.CommandStartedEvent) => {
    if (IGNORED.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    const name = `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim();
    (isDispatcher(event.command) ? seen.dispatcher : seen.consumer).push(name);
  };
  client.on('commandStarted', listener);
  try {
    await work();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

function saleOf(
  index: number,
  cardHash = service.loyalty.crypto.card(CARD)?.hash ?? '',
): TransactionRecordedPayload {
  return {
    id: `txn_commands_${index}`,
    receiptId: `rcpt_commands_${index}`,
    transactionId: `MI-001-T03-${String(index).padStart(6, '0')}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    currency: 'EUR',
    totals: { subtotal: 4_990, discountTotal: 0, taxTotal: 900, total: 4_990 },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-0077',
        category: 'shirts',
        quantity: 1,
        unitPrice: 4_990,
        total: 4_990,
        originalLineId: null,
      },
    ],
    identifiers: [{ type: 'card', hash: cardHash, sealed: 'sealed' }],
    original: null,
    pointsRedeemed: 0,
  };
}

const inbox = service.queues.queue(inboxQueueName('loyalty-service'));
const receiptInbox = service.queues.queue(inboxQueueName('receipt-service'));

/** From the event's arrival until its `sale.credited` is in the receipt service's inbox. */
async function consume(sale: TransactionRecordedPayload): Promise<Counted> {
  const id = `${sale.id}.recorded`;
  return commandsOf(async () => {
    const job = await inbox.add(
      { id, type: 'transaction.recorded', version: 1, occurredAt: new Date().toISOString(), payload: sale },
      { jobId: id },
    );
    await job.finished();
    while (!(await receiptInbox.getJob(`${sale.id}.credited`))) await sleep(5);
    // The dispatcher takes the event out of its document after publishing it.
    await sleep(200);
  });
}

function report(label: string, commands: string[]): void {
  const counts = new Map<string, number>();
  for (const command of commands) counts.set(command, (counts.get(command) ?? 0) + 1);
  console.log(`\n${label}: ${commands.length} database commands`);
  for (const [command, count] of [...counts].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(count).padStart(3)}  ${command}`);
}

try {
  await service.trpc.members.enrol.mutate({
    tenantId: TENANT,
    email: 'commands@example.test',
    cardNumbers: [CARD],
    marketingConsent: { granted: false, source: 'till' },
  });
  // Warms the program cache, as a running service has it.
  await service.loyalty.programs.current(TENANT);
  console.log(`loyalty-service, database ${database.kind}`);
  const cases: [string, TransactionRecordedPayload][] = [
    ["a member's first sale", saleOf(1)],
    ["a member's later sale", saleOf(2)],
    ['a sale whose card is no member’s', saleOf(3, 'x'.repeat(43))],
  ];
  for (const [label, sale] of cases) {
    const { consumer, dispatcher } = await consume(sale);
    report(`${label}, the inbox consumer`, consumer);
    report(`${label}, the outbox dispatcher sending its sale.credited`, dispatcher);
  }
} finally {
  await service.close();
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
