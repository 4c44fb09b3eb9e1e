import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { methodLabel, routeLabel } from './route-label.js';

const labelNames = ['method', 'route', 'status'] as const;

/** From a fast `_id` read to a slow receipt PDF; past 10 s the drain timeout has cut the request anyway. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts every request and times it from arrival to the last byte (or to the client giving up,
 * with status `aborted`), labelled by method, route pattern and status.
 */
export function httpMetrics(registry: Registry, procedures: ReadonlySet<string>): RequestHandler {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request arrival to the end of the response, by method, route pattern and status',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const labels = {
        method: methodLabel(req.method),
        route: routeLabel(req, procedures),
        status: res.writableFinished ? String(res.statusCode) : 'aborted',
      };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
