import { connect as tcpConnect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay to the test database whose link can stall: while stalled, bytes are dropped both
 * ways and no connection is closed (a network partition, a frozen proxy), as Toxiproxy's
 * `timeout` toxic does; then it passes bytes again.
 */
export async function stallableLink(uri: string) {
  const target = new URL(uri);
  let stalled = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('error', () => undefined);
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
      from.on('data', (chunk: Buffer) => {
        if (!stalled) to.write(chunk);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    uri: uri.replace(target.host, `127.0.0.1:${port}`),
    stall: (on: boolean) => {
      stalled = on;
    },
    /** Cuts every connection through the link, as the `timeout` toxic does once its time is up. */
    closeAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
