import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { currentCorrelationId } from '@scontrino/queue';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps the caller's `X-Request-Id` when it is sane (so one id follows a request across services). */
export function incomingRequestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}

/** The id pino-http gave this request (always a string here, see `incomingRequestId`). */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' ? req.id : 'unknown';
}

/**
 * Headers of a call to another service: the service token, and the correlation id of the request
 * or event being handled as `X-Request-Id`, so the callee's log lines carry the same id.
 */
export function peerCallHeaders(serviceToken: string): Record<string, string> {
  const correlationId = currentCorrelationId();
  return {
    authorization: `Bearer ${serviceToken}`,
    ...(correlationId !== undefined && { 'x-request-id': correlationId }),
  };
}
