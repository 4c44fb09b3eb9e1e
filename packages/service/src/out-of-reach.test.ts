import { connect, createServer, type Server, type Socket } from 'node:net';
import { startDatabase, tempDir } from '@scontrino/testing';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicProcedure, router } from '@scontrino/trpc';
import { createServiceApp } from './create-app.js';
import { listen, type RunningService } from './lifecycle.js';

/**
 * A TCP link to the test database that can be cut, as a network fault or a database restart
 * does: open connections are reset and new ones refused.
 */
async function cuttableLink(uri: string): Promise<{ uri: string; cut(): Promise<void> }> {
  const target = new URL(uri);
  if (!target.port) throw new Error(`no port in ${uri}`);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    uri: uri.replace(`${target.hostname}:${target.port}`, `127.0.0.1:${port}`),
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.resetAndDestroy();
      await closed;
    },
  };
}

describe('a database out of reach', () => {
  const logger = pino({ level: 'silent' });
  let database: Awaited<ReturnType<typeof startDatabase>>;
  let connection: mongoose.Connection;
  let running: RunningService;

  beforeAll(async () => {
    // A database of its own (FerretDB on files, or mongod): this package's tests need no shared one.
    database = await startDatabase({ dataDir: await tempDir('out-of-reach'), postgresql: false });
    const link = await cuttableLink(`${database.url.replace(/\/?(\?.*)?$/, '')}/out_of_reach`);
    connection = await mongoose
      .createConnection(link.uri, { serverSelectionTimeoutMS: 500, heartbeatFrequencyMS: 500 })
      .asPromise();
    connection.on('error', () => undefined);
    const sales = connection.collection('sales');
    await sales.insertOne({ total: 990 });
    await link.cut();
    const service = createServiceApp({
      logger,
      serviceToken: 'x'.repeat(32),
      readiness: [],
      router: router({ count: publicProcedure.query(() => sales.countDocuments({})) }),
      routes: (app) => {
        app.get('/v1/count', async (_req, res, next) => {
          try {
            res.json({ count: await sales.countDocuments({}) });
          } catch (error) {
            next(error);
          }
        });
        app.post('/v1/bulk', async (_req, res, next) => {
          try {
            await sales.bulkWrite([{ insertOne: { document: { total: 1250 } } }]);
            res.status(201).end();
          } catch (error) {
            next(error);
          }
        });
      },
    });
    running = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
  });

  afterAll(async () => {
    await running.shutdown('test over');
    await connection.close();
    await database.stop();
  });

  it('when a REST read or a bulk write cannot reach it, then 503 with Retry-After, not a 500', async () => {
    for (const answer of [
      await fetch(`${running.url}/v1/count`),
      await fetch(`${running.url}/v1/bulk`, { method: 'POST' }),
    ]) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
        'dependency.unavailable',
      );
    }
  });

  it('when a tRPC query cannot reach it, then 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    const answer = await fetch(`${running.url}/trpc/count`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    const body = (await answer.json()) as { error: { data: { code: string; appCode: string } } };
    expect(body.error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', appCode: 'dependency.unavailable' });
  });
});
