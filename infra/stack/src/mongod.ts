import { mkdir } from 'node:fs/promises';
import { spawnChild } from './child-process.js';
import { silentLogger, type Logger } from './logger.js';
import { canConnect, onFreePort } from './ports.js';
import { restartableChild, type RestartableServer } from './server.js';

const READY_TIMEOUT_MS = 60_000;

/** Runs the `mongod` found on PATH on a free loopback port with `dataDir` as its dbpath. */
export async function startMongod(opts: {
  command: string;
  dataDir: string;
  logger?: Logger;
}): Promise<RestartableServer> {
  const logger = opts.logger ?? silentLogger;
  await mkdir(opts.dataDir, { recursive: true });
  return restartableChild((fixedPort) =>
    onFreePort(fixedPort, async (port) => {
      const child = await spawnChild({
        name: 'mongod',
        command: opts.command,
        args: ['--dbpath', opts.dataDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'],
        logger,
      });
      try {
        await child.waitUntil('accepting connections', () => canConnect(port), READY_TIMEOUT_MS);
        return { child, port, url: `mongodb://127.0.0.1:${port}` };
      } catch (error) {
        await child.stop();
        throw error;
      }
    }),
  );
}
