import { startRedis, tempDir } from '@scontrino/testing';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { countRedisCommands, onRedisCommand } from './redis-commands.js';
import { type Harness, harness } from './test-fixtures/harness.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function listen(): string[] {
  const heard: string[] = [];
  cleanups.push(onRedisCommand((name) => heard.push(name)));
  return heard;
}

/** `INFO commandstats` as calls per command: what the server itself counted. */
async function serverCalls(observer: Redis): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const match of (await observer.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    calls.set(match[1] ?? '', Number(match[2]));
  return calls;
}

describe('Redis command counting', () => {
  it('when a counted client sends commands, pipelined and MULTI ones included, then each is heard once, as the server counts them', async ({
    skip,
  }) => {
    const redis = await startRedis({ dataDir: await tempDir('redis_commands') });
    cleanups.push(() => redis.stop());
    if (redis.kind === 'external') skip('a shared Redis also counts the commands of others');
    const observer = new Redis(redis.url);
    const client = countRedisCommands(new Redis(redis.url));
    cleanups.push(
      () => observer.disconnect(),
      () => client.disconnect(),
    );
    await client.ping();
    const before = await serverCalls(observer);
    const heard = listen();

    await client.set('till:42', 'open');
    await client.get('till:42');
    await client.pipeline().incr('sales').incr('sales').exec();
    await client.multi().incr('sales').exec();

    expect(heard).toEqual(['set', 'get', 'incr', 'incr', 'multi', 'incr', 'exec']);
    const after = await serverCalls(observer);
    const counted = new Map<string, number>();
    for (const [name, calls] of after) {
      const delta = calls - (before.get(name) ?? 0);
      if (name !== 'info' && delta > 0) counted.set(name, delta);
    }
    expect(Object.fromEntries(counted)).toEqual({ set: 1, get: 1, incr: 3, multi: 1, exec: 1 });
  });

  it('when a job is added to a queue of the factory, then the commands bull sends for it are heard', async () => {
    const h: Harness = await harness('q_commands');
    cleanups.push(() => h.close());
    const queue = h.queues.queue('receipt-emails');
    await queue.isReady();
    const heard = listen();

    await queue.add({ receiptId: 'rcpt_1' });

    expect(heard.filter((name) => name === 'evalsha' || name === 'eval')).toHaveLength(1);
  });

  it('when a client is counted twice, then its commands are still heard once', async () => {
    const h: Harness = await harness('q_commands_twice');
    cleanups.push(() => h.close());
    const client = countRedisCommands(countRedisCommands(new Redis(h.redisUrl)));
    cleanups.push(() => client.disconnect());
    await client.ping();
    const heard = listen();

    await client.get('nothing');

    expect(heard).toEqual(['get']);
  });
});
