import { describe, expect, it } from 'vitest';
import { permissions, permissionsOf, rolesGranting } from './roles.js';
import { hasPermission, scopeDecision, staffClaimsSchema, type StaffMember } from './staff-member.js';

const staff = (overrides: Partial<StaffMember>): StaffMember => ({
  subject: 'someone',
  name: null,
  roles: ['admin'],
  tenants: ['moda-rossi'],
  stores: null,
  ...overrides,
});

describe('roles', () => {
  it('give admins every permission and keep money, erasure and the audit log away from the CRM team', () => {
    expect(permissionsOf('admin')).toEqual(permissions);
    for (const permission of ['points.adjust', 'privacy.requests', 'audit.read', 'program.manage'] as const)
      expect(hasPermission(staff({ roles: ['crm_analyst'] }), permission)).toBe(false);
    expect(hasPermission(staff({ roles: ['crm_analyst'] }), 'identity.curate')).toBe(true);
  });

  it('keep clear contact data to the support desk and admins: the CRM team curates identities masked', () => {
    expect(rolesGranting('identity.reveal')).toEqual(['admin', 'support']);
    expect(hasPermission(staff({ roles: ['crm_analyst'] }), 'identity.reveal')).toBe(false);
    expect(hasPermission(staff({ roles: ['crm_analyst'] }), 'profiles.read')).toBe(true);
    expect(hasPermission(staff({ roles: ['support'] }), 'identity.reveal')).toBe(true);
  });

  it('let a store manager run tills and receipts but not members, points or profiles', () => {
    const manager = staff({ roles: ['store_manager'], stores: ['MI-001'] });
    expect(hasPermission(manager, 'terminals.manage')).toBe(true);
    expect(hasPermission(manager, 'receipts.read')).toBe(true);
    for (const permission of ['members.read', 'points.adjust', 'profiles.read', 'stores.manage'] as const)
      expect(hasPermission(manager, permission)).toBe(false);
  });

  it('add up over several roles', () => {
    expect(hasPermission(staff({ roles: ['crm_analyst', 'support'] }), 'points.adjust')).toBe(true);
    expect(rolesGranting('audit.read')).toEqual(['admin']);
  });
});

describe('scope', () => {
  it('keeps staff to their tenants unless they hold all of them', () => {
    expect(scopeDecision(staff({}), { tenantId: 'moda-rossi' }).ok).toBe(true);
    expect(scopeDecision(staff({}), { tenantId: 'bella-casa' })).toEqual({
      ok: false,
      reason: 'not allowed for tenant bella-casa',
    });
    expect(scopeDecision(staff({ tenants: ['*'] }), { tenantId: 'bella-casa' }).ok).toBe(true);
  });

  it("keeps Milan's store manager out of Rome and out of actions bound to no store", () => {
    const milan = staff({ roles: ['store_manager'], stores: ['MI-001'] });
    expect(scopeDecision(milan, { tenantId: 'moda-rossi', storeId: 'MI-001' }).ok).toBe(true);
    expect(scopeDecision(milan, { tenantId: 'moda-rossi', storeId: 'RM-001' }).ok).toBe(false);
    expect(scopeDecision(milan, { tenantId: 'moda-rossi' }).ok).toBe(false);
  });
});

describe('staff claims', () => {
  it('name every problem of a token that is no staff token', () => {
    const result = staffClaimsSchema.safeParse({ sub: 'x', roles: ['cashier'], tenants: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['roles.0', 'tenants']);
  });

  it('require a store manager to name their stores', () => {
    const result = staffClaimsSchema.safeParse({
      sub: 'x',
      roles: ['store_manager'],
      tenants: ['moda-rossi'],
    });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'a store manager token names its stores',
    ]);
  });
});
