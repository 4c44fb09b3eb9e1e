import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleLogger, startDatabase, startMailSink, startRedis } from '@scontrino/stack';
import type { TestProject } from 'vitest/node';
import type { TestStack } from './test-stack.js';

/**
 * Starts the servers of an integration test run, on a fresh data directory so every run
 * begins with an empty database, and hands their addresses to the tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-test-stack-'));
  const logger = consoleLogger('warn');
  const stops: (() => Promise<void>)[] = [async () => rm(dataDir, { recursive: true, force: true })];
  const teardown = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const database = await startDatabase({ dataDir: join(dataDir, 'db'), logger });
    stops.push(() => database.stop());
    const redis = await startRedis({ dataDir: join(dataDir, 'redis'), logger });
    stops.push(() => redis.stop());
    const sink = await startMailSink({ logger });
    stops.push(() => sink.stop());

    const stack: TestStack = {
      mongoUri: database.url,
      redisUrl: redis.url,
      smtp: { host: sink.smtpHost, port: sink.smtpPort },
      mailApiUrl: `${sink.webUrl}/api/mails`,
    };
    project.provide('stack', stack);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
