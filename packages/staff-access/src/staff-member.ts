import { z } from 'zod';
import { type Permission, permissionsOf, type StaffRole, staffRoles } from './roles.js';

/** Every tenant (brand) of the deployment: for the retailer group's own administrators. */
export const allTenants = '*';

/**
 * A member of staff as their token describes them. `tenants` are the brands they work for
 * (`['*']` for all); `stores`, when present, narrows every store-bound action to those stores
 * (a store manager always has it).
 */
export interface StaffMember {
  subject: string;
  name: string | null;
  roles: readonly StaffRole[];
  tenants: readonly string[];
  stores: readonly string[] | null;
}

const id = z.string().trim().min(1).max(64);

/** The claims a staff token carries besides the standard ones (OIDC `sub`, `name`). */
export const staffClaimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    roles: z.array(z.enum(staffRoles)).min(1, 'a staff token names at least one role'),
    tenants: z.array(z.union([z.literal(allTenants), id])).min(1, 'a staff token names its tenants'),
    stores: z.array(id).min(1).optional(),
  })
  .refine((claims) => !claims.roles.includes('store_manager') || claims.stores !== undefined, {
    error: 'a store manager token names its stores',
    path: ['stores'],
  });

export type StaffClaims = z.input<typeof staffClaimsSchema>;

export function staffMemberFromClaims(claims: z.output<typeof staffClaimsSchema>): StaffMember {
  return {
    subject: claims.sub,
    name: claims.name ?? null,
    roles: claims.roles,
    tenants: claims.tenants,
    stores: claims.stores ?? null,
  };
}

export function hasPermission(staff: StaffMember, permission: Permission): boolean {
  return staff.roles.some((role) => permissionsOf(role).includes(permission));
}

/** What an action touches, as far as scope goes: a tenant, and for store-bound actions a store. */
export interface ScopeTarget {
  tenantId: string;
  storeId?: string;
}

export type ScopeDecision = { ok: true } | { ok: false; reason: string };

export function scopeDecision(staff: StaffMember, target: ScopeTarget): ScopeDecision {
  if (!staff.tenants.includes(allTenants) && !staff.tenants.includes(target.tenantId))
    return { ok: false, reason: `not allowed for tenant ${target.tenantId}` };
  if (staff.stores !== null && (target.storeId === undefined || !staff.stores.includes(target.storeId)))
    return {
      ok: false,
      reason:
        target.storeId === undefined
          ? 'limited to stores; this action is not bound to one of them'
          : `not allowed for store ${target.storeId}`,
    };
  return { ok: true };
}
