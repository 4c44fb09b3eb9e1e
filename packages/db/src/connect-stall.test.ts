import { connect as tcpConnect, createServer, type Socket } from 'node:net';
import { testDatabaseUri } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';

/**
 * A TCP relay to the test database whose link can stall: while stalled, bytes are dropped both
 * ways and no connection is closed (a network partition, a frozen proxy), as Toxiproxy's
 * `timeout` toxic does; then it passes bytes again.
 */
async function stallableLink(uri: string) {
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
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('connectDatabase over a link that stalls', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('when the link stalls during a read, then the read fails within the socket timeout, and reads work once the link is back', async () => {
    const link = await stallableLink(testDatabaseUri('db_stall'));
    cleanups.push(() => link.close());
    const connection = await connectDatabase({
      uri: link.uri,
      logger: pino({ level: 'silent' }),
      // Long enough for an answer on a busy machine, far below the driver's "for ever".
      socketTimeoutMs: 5_000,
    });
    cleanups.push(() => closeDatabase(connection));
    const notes = connection.collection<{ _id: string; text: string }>('notes');
    await notes.insertOne({ _id: 'n1', text: 'scontrino' });

    link.stall(true);
    const duringStall = await notes.findOne({ _id: 'n1' }).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
    link.stall(false);

    // Without a socket timeout the driver waits for the dropped answer for ever: the test times out.
    expect(duringStall).toMatch(/^Mongo/);
    await expect
      .poll(() => notes.findOne({ _id: 'n1' }).catch(() => null), { timeout: 15_000 })
      .toMatchObject({
        text: 'scontrino',
      });
  });

  it('when every pooled connection is stuck, then a command waiting for one fails after its wait (out of reach: a 503 to a caller) instead of queueing for ever', async () => {
    const link = await stallableLink(testDatabaseUri('db_wait_queue'));
    cleanups.push(() => link.close());
    const uri = new URL(link.uri);
    uri.searchParams.set('maxPoolSize', '1');
    const connection = await connectDatabase({
      uri: uri.toString(),
      logger: pino({ level: 'silent' }),
      socketTimeoutMs: 8_000,
      waitQueueTimeoutMs: 1_000,
    });
    cleanups.push(() => closeDatabase(connection));
    const notes = connection.collection<{ _id: string }>('notes');
    await notes.insertOne({ _id: 'n1' });

    link.stall(true);
    // The only connection waits for an answer the stalled link dropped…
    const stuck = notes.findOne({ _id: 'n1' }).catch(() => null);
    // …so the next command cannot get one: it fails once its wait is up (a 503 to a caller).
    const waiting = await notes.findOne({ _id: 'n1' }).then(
      () => null,
      (error: unknown) => error,
    );
    link.stall(false);
    expect((waiting as Error | null)?.name).toBe('MongoWaitQueueTimeoutError');
    await stuck;
  });
});
