/**
 * Database and Redis commands per event of the outbox dispatcher and of the shared event
 * consumer. Counts, not timings: they do not depend on the machine. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/queue bench [-- --events 500 --writers 10 --idle-seconds 10]
 *
 * Starts its own database and Redis (or uses MONGODB_URI); Redis must serve this run alone, since
 * INFO commandstats counts the whole server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { subscribersOf } from '@scontrino/contracts';
import { startDatabase, startRedis } from '@scontrino/testing';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { consumeEvents } from '../src/event-consumer.js';
import { createEventPublisher, inboxQueueName } from '../src/event-publisher.js';
import { withOutbox } from '../src/outbox.js';
import { startOutboxDispatcher } from '../src/outbox-dispatcher.js';
import { processedEventModel } from '../src/processed-events.js';
import { createQueueFactory } from '../src/queue-factory.js';
import { transactionRecorded } from '../src/test-fixtures/events.js';
import { receiptModel } from '../src/test-fixtures/receipts.js';
import { countDatabaseCommands, countRedisCommands, perUnit, total } from './counters.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    events: { type: 'string', default: '500' },
    writers: { type: 'string', default: '10' },
    'idle-seconds': { type: 'string', default: '10' },
  },
});
const events = Number(values.events);
const writers = Number(values.writers);
const idleSeconds = Number(values['idle-seconds']);
const logger = pino({ level: 'warn' });

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-queue-bench-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
const uri = `${database.url}/bench_queue_${randomBytes(4).toString('hex')}`;
const measured = mongoose.createConnection(uri, { monitorCommands: true });
// Waits and checks go through a connection of their own, which is not counted.
const observer = mongoose.createConnection(uri);
await Promise.all([measured.asPromise(), observer.asPromise()]);
const dbCommands = countDatabaseCommands(measured);
const redisCommands = await countRedisCommands(redis.url);
const queues = createQueueFactory({ redisUrl: redis.url, prefix: 'bench', logger });
const Receipts = receiptModel(measured);
await Receipts.init();
const subscribers = subscribersOf('transaction.recorded');
await Promise.all(subscribers.map((service) => queues.queue(inboxQueueName(service)).isReady()));

const report = (label: string, value: string) => {
  console.log(`${label}:\n    ${value}`);
};

function redisLine(sent: Map<string, number>, executed: Map<string, number>): string {
  return `${(total(sent) / events).toFixed(2)} (${perUnit(sent, events)}); ${(total(executed) / events).toFixed(2)}`;
}

async function untilDispatched(): Promise<void> {
  while ((await observer.collection('receipts').countDocuments({ outboxPending: true })) > 0) await sleep(20);
}

/** Without the writers' own inserts: what the dispatcher costs. */
function dispatcherCounts(): Map<string, number> {
  const counts = new Map(dbCommands.counts());
  counts.delete('insert receipts');
  return counts;
}

async function measureDispatch(label: string, concurrency: number, pauseMs: number): Promise<void> {
  const dispatcher = startOutboxDispatcher({
    models: [Receipts],
    publish: createEventPublisher(queues),
    logger,
  });
  await sleep(200);
  dbCommands.reset();
  await redisCommands.reset();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events) {
        next += 1;
        await Receipts.create(
          withOutbox({ transactionId: `tx_${randomBytes(6).toString('hex')}`, totalMinor: 1250 }, [
            transactionRecorded(),
          ]),
        );
        dispatcher.kick();
        if (pauseMs > 0) await sleep(pauseMs);
      }
    }),
  );
  await untilDispatched();
  const db = dispatcherCounts();
  const redisCounts = await redisCommands.counts();
  await dispatcher.stop();
  report(
    `${label} database commands per event`,
    `${(total(db) / events).toFixed(2)} (${perUnit(db, events)})`,
  );
  report(
    `${label} Redis commands per event (sent; executed, scripts included)`,
    redisLine(redisCommands.sent(), redisCounts),
  );
}

async function measureIdle(): Promise<void> {
  const dispatcher = startOutboxDispatcher({
    models: [Receipts],
    publish: createEventPublisher(queues),
    logger,
  });
  await sleep(200);
  dbCommands.reset();
  await sleep(idleSeconds * 1000);
  const db = dbCommands.counts();
  await dispatcher.stop();
  report('idle dispatcher: database commands per minute', ((total(db) / idleSeconds) * 60).toFixed(1));
}

async function measureConsumer(concurrency: number): Promise<void> {
  const service = subscribers[0];
  if (!service) throw new Error('transaction.recorded has no subscriber');
  const consumerQueues = createQueueFactory({
    redisUrl: redis.url,
    prefix: `bench-consume-${concurrency}`,
    logger,
  });
  const publish = createEventPublisher(consumerQueues);
  const batch = Array.from({ length: events }, () => transactionRecorded());
  await publish(batch);
  await processedEventModel(measured).init();
  let handled = 0;
  dbCommands.reset();
  await redisCommands.reset();
  await consumeEvents({
    queues: consumerQueues,
    service,
    connection: measured,
    handlers: { 'transaction.recorded': () => Promise.resolve(void (handled += 1)) },
    concurrency,
    logger,
  });
  const processed = observer.collection('processed_events');
  const filter = { eventId: { $in: batch.map((event) => event.id) } };
  while (handled < events || (await processed.countDocuments(filter)) < events) await sleep(20);
  await sleep(200);
  const db = dbCommands.counts();
  const redisCounts = await redisCommands.counts();
  await consumerQueues.close();
  const label = `consumer, concurrency ${concurrency}`;
  report(
    `${label} database commands per event`,
    `${(total(db) / events).toFixed(2)} (${perUnit(db, events)})`,
  );
  report(
    `${label} Redis commands per event (sent; executed, scripts included)`,
    redisLine(redisCommands.sent(), redisCounts),
  );
}

try {
  console.log(`\n@scontrino/queue, database ${database.kind}, ${events} events, 1 event per document\n`);
  await measureDispatch(`burst, ${writers} writers`, writers, 0);
  await measureDispatch('trickle, 1 writer, 20 ms apart', 1, 20);
  await measureIdle();
  await measureConsumer(1);
  await measureConsumer(10);
} finally {
  await queues.close();
  redisCommands.close();
  await measured.close();
  await observer.close();
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
