import { connect } from 'node:net';
import getPort from 'get-port';

const LOOPBACK = '127.0.0.1';
const ATTEMPTS = 3;

/**
 * Starts a server on a free port, or on `fixedPort` when restarting. Between get-port's check and
 * the server's bind another process can take the port, so a failed start is retried on a new one.
 */
export async function onFreePort<T>(
  fixedPort: number | undefined,
  start: (port: number) => Promise<T>,
): Promise<T> {
  if (fixedPort !== undefined) return start(fixedPort);
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      return await start(await getPort({ host: LOOPBACK }));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Whether something accepts TCP connections on the loopback `port`. */
export function canConnect(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
