import { databaseKind } from './database.js';
import { ensureFerretdbBinary } from './ferretdb.js';
import type { Logger } from './logger.js';
import { redisServerCommand } from './redis.js';

/**
 * Makes sure the stack can start without surprises: builds the FerretDB binary when it is the
 * database that will be used, and checks for redis-server. Throws with what to install.
 */
export async function prepare(logger: Logger): Promise<void> {
  const kind = databaseKind();
  if (kind === 'ferretdb') logger.info(`FerretDB binary: ${await ensureFerretdbBinary({ logger })}`);
  else logger.info(`database: ${kind === 'external' ? 'MONGODB_URI' : 'mongod on PATH'}`);
  if (process.env.REDIS_URL) logger.info('redis: REDIS_URL');
  else logger.info(`redis: ${redisServerCommand()}`);
}
