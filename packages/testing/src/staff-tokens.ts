import {
  createLocalIssuer,
  createStaffTokenVerifier,
  type LocalIssuer,
  type StaffClaims,
  type StaffRole,
  staffRoles,
  type StaffTokenVerifier,
} from '@scontrino/staff-access';

let issuer: Promise<LocalIssuer> | undefined;

/** One local staff token issuer per test process: every service under test trusts it. */
export function testStaffIssuer(): Promise<LocalIssuer> {
  issuer ??= createLocalIssuer({ issuer: 'https://staff.scontrino.test' });
  return issuer;
}

export async function testStaffVerifier(): Promise<StaffTokenVerifier> {
  return createStaffTokenVerifier((await testStaffIssuer()).config);
}

/** A staff token from the test issuer; an administrator of every tenant unless told otherwise. */
export async function staffToken(claims: Partial<StaffClaims> = {}): Promise<string> {
  return (await testStaffIssuer()).sign({ sub: 'test-admin', roles: ['admin'], tenants: ['*'], ...claims });
}

/**
 * One token per role, each for every tenant (store managers for `stores`): what an access-matrix
 * test presents to every protected procedure.
 */
export async function staffTokensPerRole(stores: string[] = ['MI-001']): Promise<Record<StaffRole, string>> {
  const entries = await Promise.all(
    staffRoles.map(
      async (role) =>
        [
          role,
          await staffToken({ roles: [role], tenants: ['*'], ...(role === 'store_manager' && { stores }) }),
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<StaffRole, string>;
}
