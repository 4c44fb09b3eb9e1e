import type { Logger } from 'pino';
import type { AuditRecorder } from './audit.js';
import type { Caller } from './service-caller.js';

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
}
