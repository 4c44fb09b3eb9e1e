import type { RequestHandler } from 'express';
import { AppError, RETRY_AFTER_SECONDS } from '@scontrino/errors';
import { errorBody } from './http-errors.js';
import { requestIdOf } from './request-id.js';

/** Probes and scrapes are always answered: a saturated service is alive, and says how it is. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * After the caller went away, how long its work may still hold a place before the place is
 * freed anyway: a handler that never answers must not shrink the service for good.
 */
const ABANDONED_HOLD_MS = 120_000;

export interface AdmissionLimit {
  middleware: RequestHandler;
  /** Requests being worked on now, abandoned ones whose work has not ended included. */
  inFlight(): number;
}

/**
 * At most `maxInFlight` requests worked on at once; one more is answered at once with 503 and
 * `Retry-After`, and costs nothing else. A request keeps its place until its handler has answered,
 * even when the caller gave up earlier: a till that times out and retries adds a request, while
 * the first one's work goes on, so freeing the place on disconnect would let retries pile work up
 * without bound behind a slow database (the chaos soak saw 7,000 open requests and a service that
 * never recovered). With the limit, overload is shed at the door and drains by itself.
 */
export function admissionLimit(maxInFlight: number, onRefused?: () => void): AdmissionLimit {
  const busy = new AppError('service.busy', 'Too many requests are being worked on: try again shortly', {
    kind: 'unavailable',
  });
  let inFlight = 0;
  const middleware: RequestHandler = (req, res, next) => {
    if (UNLIMITED_PATHS.has(req.path)) return next();
    if (inFlight >= maxInFlight) {
      onRefused?.();
      res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .json(errorBody(busy, requestIdOf(req)));
      return;
    }
    inFlight += 1;
    let held = true;
    let abandonedTimer: NodeJS.Timeout | undefined;
    const release = () => {
      if (!held) return;
      held = false;
      inFlight -= 1;
      clearTimeout(abandonedTimer);
    };
    // The handler's answer, written or not (the socket may be gone): its work is over.
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      release();
      return end(...args);
    }) as typeof res.end;
    res.once('close', () => {
      if (held) abandonedTimer = setTimeout(release, ABANDONED_HOLD_MS).unref();
    });
    next();
  };
  return { middleware, inFlight: () => inFlight };
}
