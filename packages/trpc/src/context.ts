import type { Logger } from 'pino';
import type { AuditRecorder } from './audit.js';
import type { Caller } from './service-caller.js';

/** What every procedure knows about the request it serves. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  caller: Caller;
  /** Where staff actions are recorded; absent in services or tests without an audit log. */
  audit?: AuditRecorder;
}
