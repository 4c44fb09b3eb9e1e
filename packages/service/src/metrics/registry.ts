import type { Request, Response } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';

let processMetrics: Registry | undefined;

/**
 * CPU, memory, event-loop lag and GC belong to the process, not to an app: one registry of them
 * per process, created on first use, so several apps in one test process do not each start
 * their own GC observer and event-loop monitor.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** A registry of one app's own metrics; never prom-client's global one, which every app would share. */
export function createMetricsRegistry(): Registry {
  processRegistry();
  return new Registry();
}

/** `GET /metrics`: the process metrics and the app's, in the Prometheus text format. */
export function metricsHandler(registry: Registry) {
  return async (_req: Request, res: Response): Promise<void> => {
    const merged = Registry.merge([processRegistry(), registry]);
    const body = await merged.metrics();
    res.set('Content-Type', merged.contentType).set('Cache-Control', 'no-store').send(body);
  };
}
