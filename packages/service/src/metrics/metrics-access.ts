import { AppError, identifyCaller } from '@scontrino/trpc';
import type { RequestHandler } from 'express';
import { errorBody } from '../http-errors.js';
import { requestIdOf } from '../request-id.js';

/** The socket's own peer address: `X-Forwarded-For` is never trusted here, anyone can send it. */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

/**
 * Who may read `/metrics`: a scraper on the same machine (loopback), or one presenting the
 * service token as a bearer (Prometheus in the cluster). Anyone else gets a 401, because route
 * names, queue names and volumes tell an outsider more than they should know.
 */
export function metricsAccess(serviceToken: string): RequestHandler {
  return async (req, res, next) => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    if ((await identifyCaller(req.headers.authorization, { serviceToken })).kind === 'service') return next();
    const refused = new AppError('metrics.unauthenticated', 'Metrics need the service token as a bearer', {
      kind: 'unauthenticated',
    });
    res
      .status(refused.httpStatus)
      .set('WWW-Authenticate', 'Bearer')
      .json(errorBody(refused, requestIdOf(req)));
  };
}
