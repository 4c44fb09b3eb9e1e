export {
  AppError,
  errorKinds,
  toAppError,
  type AppErrorOptions,
  type ErrorKind,
  type InputIssue,
} from './app-error.js';
export type { RequestContext } from './context.js';
export { formatError, issuesFromZod, type ErrorData } from './error-formatter.js';
export { identifyCaller, type Caller } from './service-caller.js';
export { createCallerFactory, mergeRouters, publicProcedure, router, serviceProcedure } from './trpc.js';
