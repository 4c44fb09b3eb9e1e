import { AppError } from '@scontrino/errors';
import { TRPCError } from '@trpc/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RequestContext } from './context.js';
import { createCallerFactory, publicProcedure, router, serviceProcedure, staffProcedure } from './trpc.js';

const written: string[] = [];
const input = z.object({ tenantId: z.string() });
const testRouter = router({
  join: publicProcedure.input(input).mutation(({ input }) => void written.push(`join ${input.tenantId}`)),
  record: serviceProcedure
    .input(input)
    .mutation(({ input }) => void written.push(`record ${input.tenantId}`)),
  activate: staffProcedure('program.manage')
    .input(input)
    .mutation(({ input }) => void written.push(`activate ${input.tenantId}`)),
  create: staffProcedure('tenants.manage', { createsTenant: true })
    .input(input)
    .mutation(({ input }) => void written.push(`create ${input.tenantId}`)),
});

const known = new Set(['moda-rossi']);
const asked: string[] = [];
const tenants = {
  require: (tenantId: string) => {
    asked.push(tenantId);
    return known.has(tenantId)
      ? Promise.resolve()
      : Promise.reject(new AppError('tenant.unknown', `No tenant ${tenantId}`, { kind: 'not_found' }));
  },
};
const context = (caller: RequestContext['caller']): RequestContext => ({
  requestId: 'r1',
  logger: pino({ level: 'silent' }),
  clientAddress: '127.0.0.1',
  caller,
  tenants,
});
const admin = {
  kind: 'staff' as const,
  staff: { subject: 'ada', name: null, roles: ['admin' as const], tenants: ['*'], stores: null },
};
const call = createCallerFactory(testRouter);

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

describe('the tenant an input names', () => {
  it('when it is unknown, then every kind of procedure answers NOT_FOUND and its handler never runs', async () => {
    written.length = 0;
    expect(
      await codeOf(call(context({ kind: 'anonymous', bearer: null })).join({ tenantId: 'moda-rosi' })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(call(context({ kind: 'service' })).record({ tenantId: 'moda-rosi' }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(call(context(admin)).activate({ tenantId: 'moda-rosi' }))).toBe('NOT_FOUND');
    expect(written).toEqual([]);
    expect(await codeOf(call(context(admin)).activate({ tenantId: 'moda-rossi' }))).toBe('ok');
    expect(written).toEqual(['activate moda-rossi']);
  });

  it('is asked only after authentication, so a stranger learns nothing about which brands exist', async () => {
    asked.length = 0;
    expect(
      await codeOf(call(context({ kind: 'anonymous', bearer: null })).activate({ tenantId: 'moda-rosi' })),
    ).toBe('UNAUTHORIZED');
    expect(
      await codeOf(call(context({ kind: 'anonymous', bearer: null })).record({ tenantId: 'moda-rosi' })),
    ).toBe('UNAUTHORIZED');
    expect(asked).toEqual([]);
  });

  it('is not asked of the procedure that creates it; a value no tenant id could be is unknown without asking', async () => {
    asked.length = 0;
    expect(await codeOf(call(context(admin)).create({ tenantId: 'casa-nuova' }))).toBe('ok');
    for (const tenantId of ['moda rossi', 'x'.repeat(500), '../moda-rossi'])
      expect(await codeOf(call(context(admin)).activate({ tenantId }))).toBe('NOT_FOUND');
    expect(asked).toEqual([]);
  });
});
