export * from './api-docs/index.js';
export { createServiceApp, type ServiceApp, type ServiceAppOptions } from './create-app.js';
export {
  defineService,
  type DefinedService,
  type ServerDeps,
  type ServerEnv,
  type ServerParts,
  type ServiceDefinition,
} from './define-service.js';
export { coreReadinessChecks } from './dependency-checks.js';
export { errorBody, errorHandler, notFoundHandler, type ErrorBody } from './http-errors.js';
export {
  exitOnSignals,
  listen,
  type ListenOptions,
  type RunningService,
  type ShutdownStep,
} from './lifecycle.js';
export { createLogger, type Logger } from './logger.js';
export { createMetricsRegistry } from './metrics/registry.js';
export { registerQueueDepthMetrics, type CountedQueue } from './metrics/queue-metrics.js';
// Services build their own metrics with these (prom-client is this package's dependency, not theirs).
export { Counter, Gauge, Histogram, Registry } from 'prom-client';
export {
  clientAddressKey,
  createRateLimits,
  type RateLimitMiddlewareOptions,
  type RateLimitRule,
  type RateLimits,
  type RateLimitsOptions,
} from './rate-limit/rate-limits.js';
export { staffTokensFromEnv } from './staff-tokens.js';
export { peerCallHeaders } from './request-id.js';
export { formBody, jsonBody, type UnsafeTextRefusal } from './request-text.js';
export { readinessHandler, type ReadinessCheck } from './readiness.js';
export {
  runService,
  type CoreEnv,
  type Infrastructure,
  type RunServiceOptions,
  type StartedParts,
} from './run-service.js';
export {
  createSystemRouter,
  linkingLagSchema,
  serviceBacklogSchema,
  serviceStatusSchema,
} from './system-router.js';
export type { BacklogSources, LinkingLag, ServiceBacklog } from './system-router.js';
