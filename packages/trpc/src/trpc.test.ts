import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error.js';
import { identifyCaller } from './service-caller.js';
import { publicProcedure, router, serviceProcedure } from './trpc.js';

const serviceToken = 'test-service-token-with-at-least-32-chars';

const testRouter = router({
  basket: publicProcedure
    .input(
      z.object({
        lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().positive() })).min(1),
      }),
    )
    .mutation(({ input }) => ({ lines: input.lines.length })),
  receipt: publicProcedure.input(z.object({ id: z.string() })).query(({ input }) => {
    throw new AppError('receipt.not_found', `No receipt ${input.id}`, { kind: 'not_found' });
  }),
  broken: publicProcedure.query(() => {
    throw new Error('connection string mongodb://user:secret@db leaked');
  }),
  internalStatus: serviceProcedure.query(({ ctx }) => ({ caller: ctx.caller.kind })),
});

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: testRouter,
      createContext: ({ req }) => ({
        requestId: 'req-1',
        logger: pino({ level: 'silent' }),
        caller: identifyCaller(req.headers.authorization, serviceToken),
      }),
    }),
  );
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = (token?: string) =>
  createTRPCClient<typeof testRouter>({
    links: [httpLink({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error('expected a tRPC error');
  return error as TRPCClientError<typeof testRouter>;
}

describe('tRPC setup', () => {
  it('when the input is invalid, then every problem is named by its path', async () => {
    const error = await failure(
      client().basket.mutate({
        lines: [
          { sku: 'A', quantity: 1 },
          { sku: '', quantity: -2 },
        ],
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.httpStatus).toBe(400);
    expect(error.message).toBe('Invalid input');
    expect(error.data?.issues.map((i) => i.path)).toEqual(['lines[1].sku', 'lines[1].quantity']);
    expect(error.data?.requestId).toBe('req-1');
  });

  it('when a procedure throws an AppError, then its kind decides the status and its code is kept', async () => {
    const error = await failure(client().receipt.query({ id: 'rcpt_1' }));
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.data?.httpStatus).toBe(404);
    expect(error.data?.appCode).toBe('receipt.not_found');
    expect(error.message).toBe('No receipt rcpt_1');
  });

  it('when something unexpected fails, then the caller learns nothing of the internals', async () => {
    const error = await failure(client().broken.query());
    expect(error.data?.httpStatus).toBe(500);
    expect(error.message).toBe('Internal error');
    expect(JSON.stringify(error.data)).not.toContain('secret');
    expect(error.data).not.toHaveProperty('stack');
  });

  it('service procedures refuse callers without the shared token and accept those with it', async () => {
    expect((await failure(client().internalStatus.query())).data?.httpStatus).toBe(401);
    expect((await failure(client('wrong-token').internalStatus.query())).data?.httpStatus).toBe(401);
    await expect(client(serviceToken).internalStatus.query()).resolves.toEqual({ caller: 'service' });
  });
});
