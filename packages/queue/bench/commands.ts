/**
 * Database and Redis commands per event of the outbox dispatcher and of the shared event
 * consumer. Counts, not timings: they do not depend on the machine. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/queue bench [-- --events 500 --writers 10 --idle-seconds 10]
 *
 * Dispatcher: writers insert documents with one event each (three subscribers), in a burst and
 * one at a time, telling the dispatcher in each of the three ways it can be told; then an idle
 * dispatcher. Consumer: a no-op handler at concurrency 1 and 10. Database commands come from the
 * driver's command monitoring (the writers' own inserts left out); Redis commands as clients sent
 * them (MONITOR, scripts' inner calls left out) and as the server executed them (INFO
 * commandstats, scripts' calls included). BENCH_LOG=debug shows the dispatcher's log.
 *
 * Starts its own database and Redis (or uses MONGODB_URI); Redis must serve this run alone, since
 * both counts are server-wide.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { subscribersOf } from '@scontrino/contracts';
import { startDatabase, startRedis } from '@scontrino/testing';
import mongoose, { Types } from 'mongoose';
import { pino } from 'pino';
import { consumeEvents } from '../src/event-consumer.js';
import { createEventPublisher, inboxQueueName } from '../src/event-publisher.js';
import { withOutbox } from '../src/outbox.js';
import {
  type OutboxDispatcher,
  startOutboxDispatcher,
  type WrittenOutbox,
} from '../src/outbox-dispatcher.js';
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
const logger = pino({ level: process.env.BENCH_LOG ?? 'warn' });

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

/** Counts by the observer; on a busy shared PostgreSQL a check may be refused, and is simply tried again. */
async function observed(count: () => Promise<number>): Promise<number> {
  try {
    return await count();
  } catch {
    return Number.NaN;
  }
}

async function untilDispatched(): Promise<void> {
  const pending = () => observer.collection('receipts').countDocuments({ outboxPending: true });
  while ((await observed(pending)) !== 0) await sleep(20);
}

/** Without the writers' own inserts: what the dispatcher costs. */
function dispatcherCounts(): Map<string, number> {
  const counts = new Map(dbCommands.counts());
  counts.delete('insert receipts');
  return counts;
}

/** How a writer tells the dispatcher about the document it has just inserted. */
type Tell = (dispatcher: OutboxDispatcher, written: WrittenOutbox & { _id: Types.ObjectId }) => void;
const tells: Record<string, Tell> = {
  'hands over the documents': (dispatcher, written) => dispatcher.kick(Receipts, [written]),
  'names the ids': (dispatcher, written) => dispatcher.kick(Receipts, [written._id]),
  'kicks without ids': (dispatcher) => dispatcher.kick(),
};

async function measureDispatch(
  label: string,
  concurrency: number,
  pauseMs: number,
  tell: Tell,
): Promise<void> {
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
        const written = withOutbox(
          {
            _id: new Types.ObjectId(),
            transactionId: `tx_${randomBytes(6).toString('hex')}`,
            totalMinor: 1250,
          },
          [transactionRecorded()],
        );
        await Receipts.create(written);
        tell(dispatcher, written);
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
  report(
    `idle dispatcher: database commands in ${idleSeconds} s after its start-up sweep`,
    String(total(db)),
  );
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
  const recorded = () => processed.countDocuments(filter);
  while (handled < events || !((await observed(recorded)) >= events)) await sleep(20);
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
  for (const [how, tell] of Object.entries(tells)) {
    await measureDispatch(`burst, ${writers} writers, each ${how}`, writers, 0, tell);
    await measureDispatch(`trickle, 1 writer 20 ms apart, ${how}`, 1, 20, tell);
  }
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
