import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { spawnChild } from './child-process.js';
import { silentLogger, type Logger } from './logger.js';
import { onFreePort } from './ports.js';
import { externalServer, restartableChild, type RestartableServer } from './server.js';
import { findOnPath } from './which.js';

const READY_TIMEOUT_MS = 30_000;

/**
 * A Redis for tests and the local stack: REDIS_URL as-is when set (never stopped by us), else a
 * throw-away `redis-server` on a free loopback port that persists nothing and keeps its files in `dataDir`.
 */
export async function startRedis(opts: {
  dataDir: string;
  logger?: Logger;
}): Promise<RestartableServer & { kind: 'external' | 'redis-server' }> {
  const external = process.env.REDIS_URL;
  if (external) return { ...externalServer(external), kind: 'external' };

  const command = redisServerCommand();
  const logger = opts.logger ?? silentLogger;
  await mkdir(opts.dataDir, { recursive: true });
  const server = await restartableChild((fixedPort) =>
    onFreePort(fixedPort, async (port) => {
      const child = await spawnChild({
        name: 'redis',
        command,
        args: [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          opts.dataDir,
        ],
        logger,
      });
      try {
        // The line proves this process bound the port; the PING that it serves commands.
        await child.waitForLine(/Ready to accept connections/, READY_TIMEOUT_MS);
        await child.waitUntil('answering PING', () => answersPing(port), READY_TIMEOUT_MS);
        return { child, port, url: `redis://127.0.0.1:${port}` };
      } catch (error) {
        await child.stop();
        throw error;
      }
    }),
  );
  return Object.assign(server, { kind: 'redis-server' as const });
}

/** The redis-server on PATH; throws with install instructions when there is none. */
export function redisServerCommand(): string {
  const command = findOnPath('redis-server');
  if (command) return command;
  throw new Error(
    'redis-server is not on PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
      'macOS: `brew install redis`) or set REDIS_URL to a running Redis.',
  );
}

/** One raw RESP round trip, so the launcher needs no Redis client. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.once('error', () => finish(false));
  });
}
