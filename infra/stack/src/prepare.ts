import { databaseKind } from './database.js';
import { ensureFerretdbBinary } from './ferretdb.js';
import type { Logger } from './logger.js';
import { redisServerCommand } from './redis.js';
import { ensureToxiproxyBinary } from './toxiproxy.js';
import { findOnPath } from './which.js';

/**
 * Makes sure the stack can start without surprises: builds the FerretDB binary when it is the
 * database that will be used, checks for redis-server, and builds Toxiproxy for `pnpm chaos`
 * and its CI test (when Go is there: without it, only the chaos run is impossible). Each build
 * happens once per machine. Throws with what to install.
 */
export async function prepare(logger: Logger): Promise<void> {
  const kind = databaseKind();
  if (kind === 'ferretdb') logger.info(`FerretDB binary: ${await ensureFerretdbBinary({ logger })}`);
  else logger.info(`database: ${kind === 'external' ? 'MONGODB_URI' : 'mongod on PATH'}`);
  if (process.env.REDIS_URL) logger.info('redis: REDIS_URL');
  else logger.info(`redis: ${redisServerCommand()}`);
  if (findOnPath('go')) logger.info(`Toxiproxy binary: ${await ensureToxiproxyBinary({ logger })}`);
  else logger.warn('Toxiproxy: not built, `go` is not on PATH (pnpm chaos needs it)');
}
