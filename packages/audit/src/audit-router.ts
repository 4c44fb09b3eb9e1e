import { allTenants } from '@scontrino/staff-access';
import { type Caller, requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { AuditLog, AuditQuery } from './audit-log.js';

export const auditSearchInput = z.object({
  tenantId: z.string().min(1).max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** A member of staff's subject (`sub` of their token). */
  actor: z.string().min(1).max(200).optional(),
  /** A procedure, e.g. `ledger.adjust`. */
  action: z.string().min(1).max(100).optional(),
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
  /** What the action named, e.g. `{ field: 'profileId', value: 'prf_…' }` (ids only are logged). */
  target: z
    .object({
      field: z.string().regex(/^[A-Za-z]{1,32}$/, 'a field name'),
      value: z.string().min(1).max(400),
    })
    .optional(),
  cursor: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditEntryView = z.object({
  id: z.string(),
  service: z.string(),
  at: z.iso.datetime(),
  actor: z.object({
    subject: z.string(),
    name: z.string().nullable(),
    roles: z.array(z.string()).readonly(),
  }),
  action: z.string(),
  kind: z.enum(['change', 'read']),
  tenantId: z.string().nullable(),
  target: z.record(z.string(), z.string()),
  reason: z.string().nullable(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  errorCode: z.string().nullable(),
  requestId: z.string(),
});

/** The tenants a caller may see entries of: theirs, or every one (null) for an all-tenant admin. */
export function visibleTenants(caller: Caller, asked: string | undefined): readonly string[] | null {
  if (asked !== undefined) return [asked];
  if (caller.kind !== 'staff' || caller.staff.tenants.includes(allTenants)) return null;
  return caller.staff.tenants;
}

export type AuditSearchInput = z.output<typeof auditSearchInput>;

export function auditQueryOf(
  caller: Caller,
  input: Omit<AuditSearchInput, 'limit' | 'cursor' | 'target'> & Partial<Pick<AuditSearchInput, 'target'>>,
): AuditQuery {
  return {
    tenants: visibleTenants(caller, input.tenantId),
    ...(input.from && { from: new Date(input.from) }),
    ...(input.to && { to: new Date(input.to) }),
    ...(input.actor && { actor: input.actor }),
    ...(input.action && { action: input.action }),
    ...(input.outcome && { outcome: input.outcome }),
    ...(input.target && { target: input.target }),
  };
}

/** `audit.search`: the service's audit log, newest first, a page at a time (admins; their tenants only). */
export function createAuditRouter(log: AuditLog) {
  return router({
    search: staffProcedure('audit.read', { audit: 'read' })
      .input(auditSearchInput)
      .output(z.object({ entries: z.array(auditEntryView), nextCursor: z.string().nullable() }))
      .query(async ({ ctx, input }) => {
        if (input.tenantId !== undefined) requireScope(ctx, { tenantId: input.tenantId });
        const query = auditQueryOf(ctx.caller, input);
        const entries = await log.search(
          { ...query, ...(input.cursor && { before: input.cursor }) },
          input.limit,
        );
        return {
          entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
          nextCursor: entries.length === input.limit ? (entries.at(-1)?.id ?? null) : null,
        };
      }),
  });
}
