export { trpcCodeOfKind } from './error-codes.js';
export { auditTarget, type AuditEntry, type AuditRecorder } from './audit.js';
export type { RequestContext, TenantCheck } from './context.js';
export { formatError, issuesFromZod, type ErrorData } from './error-formatter.js';
export { unsafeTextError } from './plain-text-input.js';
export { actorOf, mayReveal, requireScope } from './scope.js';
export { identifyCaller, type Caller, type CallerCredentials } from './service-caller.js';
export {
  createCallerFactory,
  mergeRouters,
  publicProcedure,
  router,
  serviceProcedure,
  staffProcedure,
  type ProcedureAccess,
  type ProcedureMeta,
  type StaffProcedureOptions,
} from './trpc.js';
