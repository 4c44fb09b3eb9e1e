import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri, testStack, uniqueName } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { type Logger, pino } from 'pino';
import { createQueueFactory, type QueueFactory } from '../queue-factory.js';

export const silentLogger = pino({ level: 'silent' });

export interface Harness {
  connection: Connection;
  queues: QueueFactory;
  mongoUri: string;
  redisUrl: string;
  /** Unique per harness, so tests sharing the Redis never see each other's queues. */
  prefix: string;
  close(): Promise<void>;
}

/** A fresh database and a queue factory with a prefix of its own, on the shared test stack. */
export async function harness(label: string, redisUrl = testStack().redisUrl): Promise<Harness> {
  const mongoUri = testDatabaseUri(label);
  const prefix = uniqueName(label);
  const connection = await connectDatabase({ uri: mongoUri, logger: silentLogger });
  const queues = createQueueFactory({ redisUrl, prefix, logger: silentLogger });
  return {
    connection,
    queues,
    mongoUri,
    redisUrl,
    prefix,
    async close() {
      await queues.close();
      await closeDatabase(connection);
    },
  };
}

/** A pino logger whose messages the test can read. */
export function recordingLogger(): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void messages.push((JSON.parse(line) as { msg: string }).msg) },
  );
  return { logger, messages };
}
