import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ServiceApp } from './create-app.js';

/** Something to close on the way out, in the order given: consumers, then queues, then databases. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface RunningService {
  port: number;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to the drain timeout), then runs the steps. */
  shutdown: (reason: string) => Promise<void>;
}

export interface ListenOptions {
  service: ServiceApp;
  logger: Logger;
  port: number;
  host?: string;
  steps: readonly ShutdownStep[];
  /** How long in-flight requests may take once shutdown begins before their sockets are closed. */
  drainTimeoutMs?: number;
}

export async function listen(options: ListenOptions): Promise<RunningService> {
  const { logger } = options;
  const server = createServer(options.service.app);
  server.listen(options.port, options.host ?? '0.0.0.0');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, 'listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down');
      options.service.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets turn idle as their last response ends; close each one as soon as it does.
      server.closeIdleConnections();
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
      await closed;
      clearInterval(sweeper);
      clearTimeout(deadline);
      for (const step of options.steps) {
        try {
          await step.run();
        } catch (error) {
          logger.error({ err: error, step: step.name }, 'shutdown step failed');
        }
      }
      await options.service.close().catch((error: unknown) => {
        logger.error({ err: error, step: 'app' }, 'shutdown step failed');
      });
      logger.info('stopped');
    })();
    return stopping;
  };

  return { port, url: `http://127.0.0.1:${port}`, shutdown };
}

/** SIGTERM or SIGINT shuts the service down and exits 0; a second signal exits at once. */
export function exitOnSignals(service: RunningService, logger: Logger): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    received = true;
    service.shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
