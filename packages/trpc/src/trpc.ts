import { hasPermission, type Permission, rolesGranting, type ScopeTarget } from '@scontrino/staff-access';
import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, toAppError } from '@scontrino/errors';
import { trpcCodeOfKind } from './error-codes.js';
import { type AuditEntry, auditTarget } from './audit.js';
import type { RequestContext } from './context.js';
import { formatError } from './error-formatter.js';
import { unsafeTextError } from './plain-text-input.js';

/**
 * Who may call a procedure, declared on it so tests and docs can list every procedure's access:
 * anyone (`public`: the procedure authenticates tills or members itself), other services
 * (`service`), or staff holding a permission, optionally also services (`services: true`).
 */
export type ProcedureAccess =
  | { kind: 'public' }
  | { kind: 'service' }
  | { kind: 'staff'; permission: Permission; services: boolean; audit: 'change' | 'read' | null };

export interface ProcedureMeta {
  access: ProcedureAccess;
  /** `created`: the procedure creates the tenant its input names, so it is not asked to exist. */
  tenant?: 'created';
}

const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter: ({ shape, error, ctx }) => formatError(shape, error, ctx?.requestId ?? null),
    defaultMeta: { access: { kind: 'public' } },
  });

/**
 * Lets procedures throw AppError and still answer with the right tRPC code; a dependency out of
 * reach (a database or Redis driver's error) answers SERVICE_UNAVAILABLE (503), not a 500.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok || result.error.cause === undefined) return result;
  const cause = toAppError(result.error.cause);
  if (result.error.cause instanceof AppError || cause.kind === 'unavailable')
    throw new TRPCError({ code: trpcCodeOfKind[cause.kind], message: cause.message, cause });
  return result;
});

/** Before authentication, parsers and handlers: an input no store could hold is refused by path. */
const plainTextInput = t.middleware(async ({ getRawInput, next }) => {
  const refused = unsafeTextError(await getRawInput());
  if (refused) throw refused;
  return next();
});

/** What a tenant id can look like (the registry's are lower-case slugs): anything else names no tenant. */
const tenantIdShape = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * After authentication (so a stranger learns nothing about which brands exist from a 404): a
 * top-level `tenantId` in the input must name a tenant that exists (`ctx.tenants`), else 404
 * `tenant.unknown` naming it, before the handler could write anything under it. An empty one is
 * left to the procedure's schema (400).
 */
const knownTenant = t.middleware(async ({ ctx, meta, getRawInput, next }) => {
  if (!ctx.tenants || meta?.tenant === 'created') return next();
  const input = await getRawInput().catch(() => undefined);
  const tenantId =
    typeof input === 'object' && input !== null ? (input as { tenantId?: unknown }).tenantId : undefined;
  if (typeof tenantId !== 'string' || tenantId === '') return next();
  if (tenantIdShape.test(tenantId)) await ctx.tenants.require(tenantId);
  else {
    const shown = tenantId.length > 64 ? `${tenantId.slice(0, 64)}…` : tenantId;
    throw new AppError('tenant.unknown', `No tenant ${JSON.stringify(shown)}: not a tenant id`, {
      kind: 'not_found',
      issues: [{ path: 'tenantId', code: 'tenant.unknown', message: 'not a tenant id' }],
    });
  }
  return next();
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure of every service starts here, so every one refuses unsafe text alike. */
const baseProcedure = t.procedure.use(appErrors).use(plainTextInput);

/** Procedures that authenticate their callers themselves (tills, members) or none; the tenant named is checked. */
export const publicProcedure = baseProcedure.use(knownTenant);

/** Procedures only other Scontrino services may call (shared token, see `identifyCaller`). */
export const serviceProcedure = baseProcedure
  .meta({ access: { kind: 'service' } })
  .use(({ ctx, next }) => {
    if (ctx.caller.kind !== 'service') {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid service token is required' });
    }
    return next({ ctx: { ...ctx, caller: ctx.caller } });
  })
  .use(knownTenant);

export interface StaffProcedureOptions {
  /** Other services may call it too with the service token (a till's enrolment, the web shop). */
  services?: boolean;
  /**
   * Recorded in the audit log when staff call it: every mutation is (`change`); a query that reads
   * personal data says `read`, and so does a mutation that only reads (`profiles.reveal` is one,
   * so its reason travels in the body, not in a URL).
   */
  audit?: 'read';
  /** The procedure creates the tenant its input's `tenantId` names (`tenants.create`): not asked to exist. */
  createsTenant?: boolean;
}

const refusal = (code: string, message: string, kind: 'unauthenticated' | 'forbidden') =>
  new AppError(code, message, { kind });

async function appendAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  if (!ctx.audit) return;
  try {
    await ctx.audit.record(entry);
  } catch (error) {
    // The action has happened (or was refused) either way; the entry, which holds ids and no
    // personal data, goes to the error log so the log pipeline still has it.
    ctx.logger.error({ err: error, audit: entry }, 'audit entry not recorded');
  }
}

/**
 * Procedures for the retailer's staff: a staff token whose roles grant `permission` (and,
 * inside the procedure, `requireScope` for the tenant and store the action touches). Staff
 * changes, personal-data reads and refused attempts at either go to the audit log.
 */
export function staffProcedure(permission: Permission, options: StaffProcedureOptions = {}) {
  const services = options.services ?? false;
  return baseProcedure
    .meta({
      access: { kind: 'staff', permission, services, audit: options.audit ?? null },
      ...(options.createsTenant && { tenant: 'created' as const }),
    })
    .use(async ({ ctx, next, path, type, getRawInput }) => {
      const { caller } = ctx;
      /** What `requireScope` was asked about: the tenant and store the action touched. */
      const touched: ScopeTarget[] = [];
      if (caller.kind === 'service' && services) return next({ ctx: { touched } });
      if (caller.kind !== 'staff')
        throw refusal(
          'auth.staff_token_required',
          caller.kind === 'service'
            ? 'The service token does not open staff procedures: send a staff token'
            : 'Send a valid staff token as Authorization: Bearer <token>',
          'unauthenticated',
        );

      const auditKind = options.audit ?? (type === 'mutation' ? 'change' : undefined);
      const record = async (outcome: AuditEntry['outcome'], errorCode: string | null) => {
        if (auditKind === undefined) return;
        const { target, reason } = auditTarget(await getRawInput().catch(() => undefined));
        const scope = touched[0];
        if (scope?.storeId !== undefined) target.storeId ??= scope.storeId;
        if (scope) target.tenantId ??= scope.tenantId;
        // Refused before any scope check (no permission): file it under the staff member's own brand.
        const [onlyTenant, ...others] = caller.staff.tenants;
        if (others.length === 0 && onlyTenant !== undefined && onlyTenant !== '*')
          target.tenantId ??= onlyTenant;
        await appendAudit(ctx, {
          at: new Date(),
          actor: { subject: caller.staff.subject, name: caller.staff.name, roles: caller.staff.roles },
          action: path,
          kind: auditKind,
          tenantId: target.tenantId ?? null,
          target,
          reason,
          outcome,
          errorCode,
          requestId: ctx.requestId,
        });
      };

      if (!hasPermission(caller.staff, permission)) {
        await record('refused', 'auth.forbidden');
        throw refusal(
          'auth.forbidden',
          `${path} needs the ${permission} permission (roles: ${rolesGranting(permission).join(', ')})`,
          'forbidden',
        );
      }
      const result = await next({ ctx: { touched } });
      if (result.ok) await record('ok', null);
      else {
        const { cause, code: trpcCode } = result.error;
        const code = cause instanceof AppError ? (cause as AppError).code : trpcCode;
        await record(code === 'auth.out_of_scope' ? 'refused' : 'failed', code);
      }
      return result;
    })
    .use(knownTenant);
}
