import { isDatabaseReachable } from '@scontrino/db';
import { isRedisReachable } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import type { ReadinessCheck } from './readiness.js';

/** What every service needs to serve: its own database and the Redis behind its queues. */
export function coreReadinessChecks(database: Connection, redisUrl: string): ReadinessCheck[] {
  return [
    { name: 'database', isReady: () => isDatabaseReachable(database) },
    { name: 'redis', isReady: () => isRedisReachable(redisUrl) },
  ];
}
