/**
 * Database commands the loyalty service spends on one member's sale, counted with the driver's
 * command monitoring: the inbox consumer handling `transaction.recorded` (first sale of a member,
 * then a later one), and the receipt service's `sales.credit` call for the same sale. Prints
 * numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/loyalty-service bench:commands
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});

const IGNORED = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

/** Runs `work` and returns the commands sent meanwhile, as `command collection` strings. */
async function commandsOf(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const client = service.database.getClient();
  const listener = (event: mongo.CommandStartedEvent) => {
    if (IGNORED.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    seen.push(`${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  };
  client.on('commandStarted', listener);
  try {
    await work();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

function saleOf(index: number): TransactionRecordedPayload {
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
    identifiers: [{ type: 'card', hash: service.loyalty.crypto.card(CARD)?.hash ?? '', sealed: 'sealed' }],
    original: null,
    pointsRedeemed: 0,
  };
}

const inbox = service.queues.queue(inboxQueueName('loyalty-service'));
async function consume(sale: TransactionRecordedPayload): Promise<void> {
  const id = `${sale.id}.recorded`;
  const job = await inbox.add(
    { id, type: 'transaction.recorded', version: 1, occurredAt: new Date().toISOString(), payload: sale },
    { jobId: id },
  );
  await job.finished();
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
  report("a member's first sale, from its event", await commandsOf(() => consume(saleOf(1))));
  report("a member's later sale, from its event", await commandsOf(() => consume(saleOf(2))));
  report(
    'the same later sale again, by sales.credit (the receipt service)',
    await commandsOf(() => service.trpc.sales.credit.mutate(saleOf(2))),
  );
  report(
    'a sale whose card is no member’s, from its event',
    await commandsOf(() =>
      consume({ ...saleOf(3), identifiers: [{ type: 'card', hash: 'x'.repeat(43), sealed: 'sealed' }] }),
    ),
  );
} finally {
  await service.close();
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
