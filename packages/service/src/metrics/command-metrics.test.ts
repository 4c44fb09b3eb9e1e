import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { RedisCommandListener } from '@scontrino/queue';
import { createCommandMetrics } from './command-metrics.js';
import { parseSamples, valueOf } from './prometheus-text.test-support.js';

describe('command metrics', () => {
  it('when the service sends database and Redis commands, then /metrics counts them by command name (and collection)', async () => {
    let redisListener: RedisCommandListener = () => undefined;
    const metrics = createCommandMetrics((listener) => {
      redisListener = listener;
      return () => undefined;
    });
    // Commands of the start, before the service's registry exists, are counted too.
    metrics.onDatabaseCommand('createIndexes', 'sales');
    const registry = new Registry();
    metrics.register(registry);
    metrics.onDatabaseCommand('insert', 'sales');
    metrics.onDatabaseCommand('find', 'sales');
    metrics.onDatabaseCommand('find', 'sales');
    metrics.onDatabaseCommand('find', 'stores');
    redisListener('evalsha');

    const samples = parseSamples(await registry.metrics());
    const database = (command: string, collection = 'sales') =>
      valueOf(samples, 'scontrino_db_commands_total', { command, collection });
    expect([
      database('createIndexes'),
      database('insert'),
      database('find'),
      database('find', 'stores'),
    ]).toEqual([1, 1, 2, 1]);
    expect(valueOf(samples, 'scontrino_redis_commands_total', { command: 'evalsha' })).toBe(1);
  });
});
