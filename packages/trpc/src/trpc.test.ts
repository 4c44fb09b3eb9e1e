import { trpcFailure } from '@scontrino/testing';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLocalIssuer, createStaffTokenVerifier, type LocalIssuer } from '@scontrino/staff-access';
import { AppError } from '@scontrino/errors';
import type { AuditEntry } from './audit.js';
import { requireScope } from './scope.js';
import { identifyCaller } from './service-caller.js';
import { publicProcedure, router, serviceProcedure, staffProcedure } from './trpc.js';

const serviceToken = 'test-service-token-with-at-least-32-chars';
const audited: AuditEntry[] = [];

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
  adjustPoints: staffProcedure('points.adjust')
    .input(z.object({ tenantId: z.string(), memberId: z.string(), email: z.string(), reason: z.string() }))
    .mutation(({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return { adjusted: input.memberId };
    }),
  revealContact: staffProcedure('identity.reveal', { audit: 'read' })
    .input(
      z.object({
        tenantId: z.string(),
        memberId: z.string(),
        fields: z.array(z.string()),
        reason: z.string(),
      }),
    )
    .mutation(({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return { email: 'anna@example.com' };
    }),
  storeReceipts: staffProcedure('receipts.read', { services: true })
    .input(z.object({ storeId: z.string() }))
    .query(({ ctx, input }) => {
      requireScope(ctx, { tenantId: 'moda-rossi', storeId: input.storeId });
      return { storeId: input.storeId };
    }),
});

let issuer: LocalIssuer;

let server: Server;
let url: string;

beforeAll(async () => {
  issuer = await createLocalIssuer();
  const staffTokens = createStaffTokenVerifier(issuer.config);
  const app = express();
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: testRouter,
      createContext: async ({ req }) => ({
        requestId: 'req-1',
        logger: pino({ level: 'silent' }),
        clientAddress: req.ip ?? 'unknown',
        caller: await identifyCaller(req.headers.authorization, { serviceToken, staffTokens }),
        audit: {
          record: (entry: AuditEntry) => {
            audited.push(entry);
            return Promise.resolve();
          },
        },
      }),
    }),
  );
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const adjustmentOf = (reason: string) => ({
  tenantId: 'moda-rossi',
  memberId: 'mem_1',
  email: 'anna@example.com',
  reason,
});

const client = (token?: string) =>
  createTRPCClient<typeof testRouter>({
    links: [httpLink({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });

const failure = (call: Promise<unknown>) => trpcFailure<TRPCClientError<typeof testRouter>>(call);

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

  it('when a string holds NUL, another control character or a lone surrogate, then 422 names each by path before the parser, the access check or the procedure runs', async () => {
    const basket = await failure(
      client().basket.mutate({
        lines: [
          { sku: 'A\u0000', quantity: 1 },
          { sku: 'B\ud800', quantity: 1 },
        ],
      }),
    );
    expect([basket.data?.httpStatus, basket.data?.appCode]).toEqual([422, 'request.invalid_text']);
    expect(basket.data?.issues.map((i) => [i.path, i.code])).toEqual([
      ['lines[0].sku', 'control_character'],
      ['lines[1].sku', 'lone_surrogate'],
    ]);
    audited.length = 0;
    const staff = await failure(client().adjustPoints.mutate({ ...adjustmentOf('\u001b[2J') }));
    expect([staff.data?.httpStatus, staff.data?.issues[0]?.path]).toEqual([422, 'reason']);
    expect(audited).toEqual([]);
  });

  it('keeps noncharacters, the byte order mark and bidirectional controls: they are text', async () => {
    await expect(
      client().basket.mutate({ lines: [{ sku: '\uffff\ufeff\u202eabc\u2066\t', quantity: 1 }] }),
    ).resolves.toEqual({ lines: 1 });
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

describe('staff procedures', () => {
  const adjustment = {
    tenantId: 'moda-rossi',
    memberId: 'mem_1',
    email: 'anna@example.com',
    reason: 'goodwill',
  };

  it('admit a staff token whose role grants the permission, and audit who did what and why, without personal data', async () => {
    const token = await issuer.sign({
      sub: 'ops@moda-rossi',
      name: 'Ops',
      roles: ['support'],
      tenants: ['moda-rossi'],
    });
    audited.length = 0;
    await expect(client(token).adjustPoints.mutate(adjustment)).resolves.toEqual({ adjusted: 'mem_1' });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actor: { subject: 'ops@moda-rossi', roles: ['support'] },
      action: 'adjustPoints',
      kind: 'change',
      tenantId: 'moda-rossi',
      target: { tenantId: 'moda-rossi', memberId: 'mem_1' },
      reason: 'goodwill',
      outcome: 'ok',
    });
    expect(JSON.stringify(audited)).not.toContain('anna@example.com');
  });

  it('refuse a role without the permission with a 403 naming it, and audit the attempt', async () => {
    const token = await issuer.sign({ sub: 'analyst', roles: ['crm_analyst'], tenants: ['moda-rossi'] });
    audited.length = 0;
    const error = await failure(client(token).adjustPoints.mutate(adjustment));
    expect(error.data?.httpStatus).toBe(403);
    expect(error.message).toContain('points.adjust');
    expect(audited.map((entry) => [entry.outcome, entry.errorCode])).toEqual([['refused', 'auth.forbidden']]);
  });

  it('audit a mutation that only reads as a read, with the fields it asked for and why', async () => {
    const token = await issuer.sign({ sub: 'desk@moda-rossi', roles: ['support'], tenants: ['moda-rossi'] });
    audited.length = 0;
    const reveal = { tenantId: 'moda-rossi', memberId: 'mem_1', fields: ['email'], reason: 'ticket 77' };
    await client(token).revealContact.mutate(reveal);
    expect(audited.map((entry) => [entry.kind, entry.outcome, entry.target.fields, entry.reason])).toEqual([
      ['read', 'ok', 'email', 'ticket 77'],
    ]);
    expect(JSON.stringify(audited)).not.toContain('anna@example.com');
  });

  it('refuse a staff member outside their tenant or store', async () => {
    const otherBrand = await issuer.sign({ sub: 'ops@other', roles: ['admin'], tenants: ['bella-casa'] });
    expect((await failure(client(otherBrand).adjustPoints.mutate(adjustment))).data?.appCode).toBe(
      'auth.out_of_scope',
    );
    const milan = await issuer.sign({
      sub: 'mgr',
      roles: ['store_manager'],
      tenants: ['moda-rossi'],
      stores: ['MI-001'],
    });
    await expect(client(milan).storeReceipts.query({ storeId: 'MI-001' })).resolves.toEqual({
      storeId: 'MI-001',
    });
    const rome = await failure(client(milan).storeReceipts.query({ storeId: 'RM-001' }));
    expect([rome.data?.httpStatus, rome.data?.appCode]).toEqual([403, 'auth.out_of_scope']);
  });

  it('keep the service token, forged, expired and foreign tokens out', async () => {
    expect((await failure(client(serviceToken).adjustPoints.mutate(adjustment))).data?.httpStatus).toBe(401);
    await expect(client(serviceToken).storeReceipts.query({ storeId: 'RM-001' })).resolves.toEqual({
      storeId: 'RM-001',
    });
    const expired = await issuer.sign(
      { sub: 'a', roles: ['admin'], tenants: ['*'] },
      { expiresIn: '-5 min' },
    );
    const foreign = await (await createLocalIssuer()).sign({ sub: 'a', roles: ['admin'], tenants: ['*'] });
    const valid = await issuer.sign({ sub: 'a', roles: ['admin'], tenants: ['*'] });
    const [header, , signature] = valid.split('.');
    const escalated = Buffer.from(
      JSON.stringify({ sub: 'a', roles: ['admin'], tenants: ['*'], exp: 4e9 }),
    ).toString('base64url');
    for (const token of [expired, foreign, `${header}.${escalated}.${signature}`, 'not-a-token'])
      expect((await failure(client(token).adjustPoints.mutate(adjustment))).data?.httpStatus).toBe(401);
  });

  it('refuse a store manager token that names no stores', async () => {
    const token = await issuer.sign({ sub: 'mgr', roles: ['store_manager'], tenants: ['moda-rossi'] });
    expect((await failure(client(token).storeReceipts.query({ storeId: 'MI-001' }))).data?.httpStatus).toBe(
      401,
    );
  });
});
