export { authenticateBearer, callerOf } from './bearer-auth.js';
export {
  newCallerKey,
  parseCallerKey,
  secretMatches,
  type CallerKeyKind,
  type NewCallerKey,
} from './key-format.js';
export { READ_CACHE_TTL_MS, readCache, type ReadCache } from './read-cache.js';
export {
  receiptCacheChannel,
  verifyTerminalKey,
  type TerminalIdentity,
  type TerminalKeyRecord,
} from './terminal-keys.js';
export { verifyShopKey, type ShopIdentity, type ShopKeyRecord } from './shop-keys.js';
export { tenantDirectory, unknownTenant, type TenantDirectory, type TenantRecord } from './tenants.js';
