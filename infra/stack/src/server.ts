import type { ManagedChild } from './child-process.js';

export interface RunningServer {
  url: string;
  /** Idempotent. */
  stop(): Promise<void>;
}

export interface RestartableServer extends RunningServer {
  /**
   * Starts it again on the same port and data; also after stop(), except for a database whose
   * stop() dropped it (FerretDB in a temporary PostgreSQL database), which comes back empty.
   */
  restart(): Promise<void>;
  /** Process id while it runs; undefined once stopped or when the server is not ours. */
  readonly pid: number | undefined;
}

export interface LaunchedChild {
  child: ManagedChild;
  port: number;
  url: string;
}

/**
 * Wraps a child-process server so it can be stopped and brought back on the same port —
 * what tests of reconnection and outage handling need.
 * `launch(port)` starts one instance; it is first called without a port to pick one.
 */
export async function restartableChild(
  launch: (port?: number) => Promise<LaunchedChild>,
): Promise<RestartableServer> {
  const first = await launch();
  let current: ManagedChild | undefined = first.child;
  const stop = async () => {
    const running = current;
    current = undefined;
    await running?.stop();
  };
  return {
    url: first.url,
    get pid() {
      return current?.pid;
    },
    stop,
    async restart() {
      await stop();
      current = (await launch(first.port)).child;
    },
  };
}

/** A server someone else runs (from MONGODB_URI or REDIS_URL): never stopped or restarted by us. */
export function externalServer(url: string): RestartableServer {
  return { url, pid: undefined, stop: () => Promise.resolve(), restart: () => Promise.resolve() };
}
