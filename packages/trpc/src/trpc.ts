import { initTRPC, TRPCError } from '@trpc/server';
import { errorKinds, AppError } from './app-error.js';
import type { RequestContext } from './context.js';
import { formatError } from './error-formatter.js';

const t = initTRPC.context<RequestContext>().create({
  errorFormatter: ({ shape, error, ctx }) => formatError(shape, error, ctx?.requestId ?? null),
});

/** Lets procedures throw AppError and still answer with the right tRPC code. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: errorKinds[cause.kind].trpc, message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);

/** Procedures only other Scontrino services may call (shared token, see `identifyCaller`). */
export const serviceProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.caller.kind !== 'service') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid service token is required' });
  }
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});
