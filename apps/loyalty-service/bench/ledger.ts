/**
 * Loyalty benchmark: how many `transaction.recorded` events per second the inbox credits to
 * members' ledgers (N events published at once, timed until the inbox is empty), and the latency
 * of the app's `me.summary` under load (autocannon). Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/loyalty-service bench [-- --events 500 --members 50 --concurrency 1 --connections 10 --seconds 10]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { startDatabase, startRedis } from '@scontrino/testing';
import autocannon from 'autocannon';
import { issueSessionToken } from '../src/domain/auth/member-session.js';
import { startTestLoyaltyService, testLoyaltyKeys } from '../src/test-support/loyalty-service.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: '500' },
    members: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
  },
});
const events = Number(values.events);
const memberCount = Number(values.members);
const concurrency = Number(values.concurrency);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const TENANT = 'moda-rossi';

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-loyalty-bench-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
const crypto = testLoyaltyKeys();
const service = await startTestLoyaltyService({
  crypto,
  databaseUri: `${database.url}/bench_loyalty_${randomBytes(4).toString('hex')}`,
  redisUrl: redis.url,
  queuePrefix: 'bench',
  // Nothing listens there: the benchmark sends no mail.
  smtpUrl: 'smtp://127.0.0.1:9',
  inboxConcurrency: concurrency,
});

function saleFor(index: number, card: string): TransactionRecordedPayload {
  const total = 1_000 + (index % 50) * 137;
  return {
    id: `txn_bench_${index}`,
    receiptId: `rcpt_bench_${index}`,
    transactionId: `MI-001-T03-${String(index).padStart(6, '0')}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    currency: 'EUR',
    totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-0077',
        category: 'shirts',
        quantity: 1,
        unitPrice: total,
        total,
        originalLineId: null,
      },
    ],
    identifiers: [{ type: 'card', hash: service.loyalty.crypto.card(card)?.hash ?? '', sealed: 'sealed' }],
    original: null,
    pointsRedeemed: 0,
  };
}

try {
  const members: { memberId: string; card: string }[] = [];
  for (let i = 0; i < memberCount; i++) {
    const card = `2900${String(i).padStart(9, '0')}`;
    const { memberId } = await service.trpc.members.enrol.mutate({
      tenantId: TENANT,
      email: `bench-${i}@example.test`,
      cardNumbers: [card],
      marketingConsent: { granted: false, source: 'till' },
    });
    members.push({ memberId, card });
  }

  const inbox = service.queues.queue(inboxQueueName('loyalty-service'));
  const started = performance.now();
  await inbox.addBulk(
    Array.from({ length: events }, (_, i) => {
      const member = members[i % members.length];
      if (!member) throw new Error('no members');
      const id = `bench-${i}.recorded`;
      const payload = saleFor(i, member.card);
      return {
        data: { id, type: 'transaction.recorded', version: 1, occurredAt: new Date().toISOString(), payload },
        opts: { jobId: id },
      };
    }),
  );
  for (;;) {
    const counts = await inbox.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) break;
    await sleep(50);
  }
  const elapsed = (performance.now() - started) / 1000;
  const failed = (await inbox.getJobCounts()).failed;

  const member = members[0];
  if (!member) throw new Error('no members');
  const token = issueSessionToken(service.loyalty.crypto.sessionKey, {
    memberId: member.memberId,
    tenantId: TENANT,
    expiresAt: new Date(Date.now() + 60 * 60_000),
  });
  const summary = await autocannon({
    url: `${service.url}/trpc/me.summary`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });

  const line = (label: string, value: string) => console.log(`${label.padEnd(36)}${value}`);
  console.log(
    `\nloyalty-service, database ${database.kind}, ${memberCount} members, inbox concurrency ${concurrency}`,
  );
  line('events published', String(events));
  line('events failed', String(failed));
  line('events credited per second', (events / elapsed).toFixed(1));
  line(`me.summary, ${connections} connections, ${seconds} s`, `${summary.requests.total} requests`);
  line('me.summary non-2xx / errors', `${summary.non2xx} / ${summary.errors}`);
  line('me.summary latency p50 / p99 (ms)', `${summary.latency.p50} / ${summary.latency.p99}`);
} finally {
  await service.close();
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
