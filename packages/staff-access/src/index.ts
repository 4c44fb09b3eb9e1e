export { staffTokenConfigFromEnv, type StaffAuthVariables } from './env-config.js';
export { localIssuerFromKeyFile, parseIssuerKey, readIssuerKey, writeIssuerKey } from './issuer-key.js';
export { createLocalIssuer, localIssuerDefaults, type LocalIssuer } from './local-issuer.js';
export {
  permissions,
  permissionsOf,
  rolesGranting,
  staffRoles,
  type Permission,
  type StaffRole,
} from './roles.js';
export {
  allTenants,
  hasPermission,
  scopeDecision,
  staffClaimsSchema,
  staffMemberFromClaims,
  type ScopeDecision,
  type ScopeTarget,
  type StaffClaims,
  type StaffMember,
} from './staff-member.js';
export {
  createStaffTokenVerifier,
  looksLikeJwt,
  type StaffTokenCheck,
  type StaffTokenConfig,
  type StaffTokenVerifier,
} from './token-verifier.js';
export {
  startDemoSignIn,
  type DemoSignInOptions,
  type DemoStaffMember,
  type RunningDemoSignIn,
} from './demo-sign-in.js';
