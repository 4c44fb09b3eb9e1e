import type { Logger } from 'pino';
import type { Caller } from './service-caller.js';

/** What every procedure knows about the request it serves. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  caller: Caller;
}
