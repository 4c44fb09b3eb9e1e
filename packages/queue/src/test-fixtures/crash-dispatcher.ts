/**
 * An outbox dispatcher in a child process that stops for good at one point of its first
 * publish and prints that point's name on stdout, so that a test can SIGKILL it exactly there.
 *
 * argv: <mongoUri> <redisUrl> <queuePrefix> <before-publish|after-publish>
 */
import { connectDatabase } from '@scontrino/db';
import { pino } from 'pino';
import { createEventPublisher, type PublishEvents } from '../event-publisher.js';
import { startOutboxDispatcher } from '../outbox-dispatcher.js';
import { createQueueFactory } from '../queue-factory.js';
import { receiptModel } from './receipts.js';

const [mongoUri = '', redisUrl = '', prefix = '', stopAt = ''] = process.argv.slice(2);
const logger = pino({ level: 'silent' });

function announceAndHang(): Promise<never> {
  process.stdout.write(`${stopAt}\n`);
  setInterval(() => undefined, 60_000);
  return new Promise<never>(() => undefined);
}

const connection = await connectDatabase({ uri: mongoUri, logger });
const publishToRedis = createEventPublisher(createQueueFactory({ redisUrl, prefix, logger }));

const publish: PublishEvents =
  stopAt === 'before-publish'
    ? () => announceAndHang()
    : async (events) => {
        await publishToRedis(events);
        return announceAndHang();
      };

// Its start-up sweep finds the document the test wrote.
startOutboxDispatcher({ models: [receiptModel(connection)], publish, logger });
