import type { Logger } from 'pino';
import type { AuditRecorder } from './audit.js';
import type { Caller } from './service-caller.js';

/** Whether a tenant exists: resolves when it does, rejects with 404 `tenant.unknown` (or 503) when not. */
export interface TenantCheck {
  require(tenantId: string): Promise<unknown>;
}

/** What every procedure knows about the request it serves. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  caller: Caller;
  /**
   * The client's address as Express sees it (`req.ip`: the socket's, or the one the trusted proxy
   * forwarded): what per-IP limits of procedures count by.
   */
  clientAddress: string;
  /** Where staff actions are recorded; absent in services or tests without an audit log. */
  audit?: AuditRecorder;
  /**
   * The tenants (brands) that exist: every procedure whose input names a `tenantId` asks it
   * before its handler runs, and an unknown one is a 404 `tenant.unknown`. Absent: not checked
   * (a test that does not set a registry up).
   */
  tenants?: TenantCheck;
}
