import { connect as tcpConnect, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDatabase, tempDir, uniqueName } from '@scontrino/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import { isDatabaseReachable } from './health.js';

const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A TCP relay to the database that holds every answer `delayMs` (Toxiproxy's latency toxic): each
 * command takes at least that long, so a few callers fill a small pool. When the database goes,
 * the relay drops its clients, as Toxiproxy does.
 */
async function slowLink(target: URL, delayMs: number) {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      setTimeout(() => client.write(chunk), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A service's database under load: a pool of 2 connections and 24 callers reading through a link
 * that answers after 300 ms, so a command waits about 3.6 s for a connection. As after a database
 * restart, when every job and till retries at once.
 */
async function busyService(label: string) {
  const database = await startDatabase({ dataDir: await tempDir(label), logger: silent });
  cleanups.push(() => database.stop());
  const link = await slowLink(new URL(database.url), 300);
  cleanups.push(() => link.close());
  const connection = await connectDatabase({
    uri: `mongodb://${link.host}/${uniqueName(label)}?maxPoolSize=2`,
    logger: silent,
    retry: { initialDelayMs: 50, maxDelayMs: 500, attempts: 60 },
  });
  cleanups.push(() => closeDatabase(connection));
  const notes = connection.collection<{ _id: string; text: string }>('notes');
  await notes.insertOne({ _id: 'n1', text: 'scontrino' });
  let running = true;
  let answered = 0;
  const callers = Array.from({ length: 24 }, async () => {
    while (running) {
      await notes.findOne({ _id: 'n1' }).then(
        () => (answered += 1),
        () => sleep(50),
      );
    }
  });
  cleanups.push(async () => {
    running = false;
    await Promise.all(callers);
  });
  return { database, connection, answeredSoFar: () => answered };
}

const pingWithin = (connection: Awaited<ReturnType<typeof busyService>>['connection'], ms: number) =>
  Promise.race([
    connection.db
      ?.admin()
      .ping()
      .then(() => true),
    sleep(ms, false),
  ]);

describe('isDatabaseReachable when the service is busy', () => {
  it('when every pooled connection is busy with the service work, then the database still counts as reachable', async ({
    skip,
  }) => {
    const { database, connection, answeredSoFar } = await busyService('busy_ready');
    if (database.kind === 'external') skip('needs a database of its own');
    await expect.poll(answeredSoFar, { timeout: 20_000 }).toBeGreaterThan(24);

    // The scenario holds: a ping waits behind the work for longer than the probe's second.
    expect(await pingWithin(connection, 1_000)).toBe(false);
    expect(await isDatabaseReachable(connection)).toBe(true);
  }, 90_000);

  it('when the database restarts under that load, then it is unreachable while down and reachable again while the backlog lasts', async ({
    skip,
  }) => {
    const { database, connection, answeredSoFar } = await busyService('busy_restart');
    if (database.kind === 'external') skip('needs a database of its own');
    await expect.poll(answeredSoFar, { timeout: 20_000 }).toBeGreaterThan(24);

    await database.stop();
    await expect.poll(() => isDatabaseReachable(connection), { timeout: 20_000, interval: 250 }).toBe(false);
    await database.restart();
    const before = answeredSoFar();
    // Before the fix the probe said "down" for as long as the callers kept the pool busy: here, for ever.
    await expect.poll(() => isDatabaseReachable(connection), { timeout: 30_000, interval: 250 }).toBe(true);
    await expect.poll(answeredSoFar, { timeout: 20_000 }).toBeGreaterThan(before);
    expect(await pingWithin(connection, 1_000)).toBe(false);
  }, 120_000);
});
