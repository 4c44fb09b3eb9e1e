import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, httpStatusOf } from '@scontrino/errors';
import type { RequestHandler } from 'express';
import { errorBody } from '../http-errors.js';
import { requestIdOf } from '../request-id.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The bearer of an `Authorization` header, or null. */
function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Who may read `/metrics`: a scraper presenting `METRICS_TOKEN` as a bearer, wherever it calls
 * from. Not the caller's address: a proxy on the same machine (the loyalty app, a sidecar) makes
 * every request come from loopback. Without a token (a developer's machine that set none) every
 * scrape is refused. Anyone else gets a 401: route names, queue names and volumes tell an outsider
 * more than they should know.
 */
export function metricsAccess(metricsToken: string | undefined): RequestHandler {
  // Compared as digests, so neither the length nor the content leaks through timing.
  const expected = metricsToken === undefined ? null : digest(metricsToken);
  return (req, res, next) => {
    const presented = bearerOf(req.headers.authorization);
    if (expected && presented !== null && timingSafeEqual(digest(presented), expected)) return next();
    const refused = new AppError(
      'metrics.unauthenticated',
      expected
        ? 'Metrics need the scrape token (METRICS_TOKEN) as a bearer'
        : 'Metrics are off: this service has no METRICS_TOKEN',
      { kind: 'unauthenticated' },
    );
    res
      .status(httpStatusOf(refused))
      .set('WWW-Authenticate', 'Bearer')
      .json(errorBody(refused, requestIdOf(req)));
  };
}
