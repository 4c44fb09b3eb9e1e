import { auditLog, type AuditLog, mountAuditExport } from '@scontrino/audit';
import type { ServiceName } from '@scontrino/contracts';
import type { StaffTokenVerifier } from '@scontrino/staff-access';
import type { TenantCheck } from '@scontrino/trpc';
import type { AnyRouter } from '@trpc/server';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { apiDocsRoutes } from './api-docs/api-docs-routes.js';
import type { OpenApiObject } from './api-docs/openapi-parts.js';
import { createServiceApp, type ServiceApp } from './create-app.js';
import { coreReadinessChecks } from './dependency-checks.js';
import { createRateLimits, type RateLimits } from './rate-limit/rate-limits.js';
import type { ReadinessCheck } from './readiness.js';
import { type CoreEnv, runService, type RunServiceOptions } from './run-service.js';
import type { RunningService } from './lifecycle.js';

/** The configuration every service's HTTP app reads; the rest of its env is its own. */
export interface ServerEnv {
  SERVICE_TOKEN: string;
  REDIS_URL: string;
  QUEUE_PREFIX?: string;
  CORS_ORIGINS?: readonly string[];
  /** Proxies whose `X-Forwarded-For` is believed, so that per-IP limits see the client. */
  TRUST_PROXY?: readonly string[];
  METRICS_TOKEN?: string | undefined;
  /** Requests worked on at once before one more is a 503 (load shedding); the app's default when absent. */
  MAX_IN_FLIGHT_REQUESTS?: number;
}

/** What every service's `createServer` is given, besides what the service itself needs. */
export interface ServerDeps {
  env: ServerEnv;
  logger: Logger;
  database: Connection;
  /** Verifies staff tokens; without it every staff procedure answers 401. */
  staffTokens?: StaffTokenVerifier | null;
  /**
   * The tenants that exist (the receipt service's registry, cached): a procedure naming an
   * unknown `tenantId` is a 404 `tenant.unknown`. Absent: not checked (tests without a receipt service).
   */
  tenants?: TenantCheck;
}

/** The parts every service shares, built once per app and handed to its router and routes. */
export interface ServerParts {
  /** The database and Redis answer a ping: `/readyz`, and `system.health`. */
  readiness: ReadinessCheck[];
  /** Staff actions, recorded under the service's name; exported at `GET /v1/audit/export`. */
  audit: AuditLog;
  credentials: { serviceToken: string; staffTokens: StaffTokenVerifier | null };
  /** Per-client limits counted in Redis, under the queue prefix (every replica shares them). */
  limits: RateLimits;
}

export interface ServiceDefinition<TEnv extends CoreEnv & ServerEnv, TDeps extends ServerDeps> {
  name: ServiceName;
  /** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
  loadEnv(): TEnv;
  /** The service's tRPC router. */
  router(deps: TDeps, parts: ServerParts): AnyRouter;
  /** The OpenAPI document of its REST routes, served at `/openapi.json` and `/docs/`. */
  apiDocument(deps: TDeps): OpenApiObject;
  /** Its REST routes and pages, mounted after the API docs and the audit export. */
  routes?(app: Express, deps: TDeps, parts: ServerParts): void;
  /** Paths whose segments are secrets and never reach the access log (see `createServiceApp`). */
  secretPaths?: readonly RegExp[];
  /** Its own metrics, registered on the app's registry once the app is built. */
  metrics?(service: ServiceApp, deps: TDeps): void;
  /** Where the tenant check comes from when not from `deps.tenants` (the registry's own service). */
  tenants?(deps: TDeps): TenantCheck | undefined;
}

export interface DefinedService<TEnv extends CoreEnv & ServerEnv, TDeps extends ServerDeps> {
  name: ServiceName;
  /** The HTTP app, not listening: `run` and the tests decide where it runs. */
  createServer(deps: TDeps): ServiceApp;
  /**
   * The service's `start.ts`: validated env (or a readable message and exit 1), logger,
   * database, queues, then `start` connects the service's own parts (jobs, clients) and returns
   * its app; it listens, answers `/readyz`, and drains on SIGTERM/SIGINT.
   */
  run(start: RunServiceOptions<TEnv>['start']): Promise<RunningService>;
}

/**
 * One service from what sets it apart (name, env, router, REST routes and docs, metrics): the
 * rest is the same for all three, `/healthz`, `/readyz` on the database and Redis, request ids
 * and logs, the metrics token, trusted proxies, CORS, the audit log and its export, rate limits,
 * and a graceful shutdown.
 */
export function defineService<TEnv extends CoreEnv & ServerEnv, TDeps extends ServerDeps>(
  definition: ServiceDefinition<TEnv, TDeps>,
): DefinedService<TEnv, TDeps> {
  function createServer(deps: TDeps): ServiceApp {
    const { env } = deps;
    const credentials = { serviceToken: env.SERVICE_TOKEN, staffTokens: deps.staffTokens ?? null };
    const parts: ServerParts = {
      readiness: coreReadinessChecks(deps.database, env.REDIS_URL),
      audit: auditLog(deps.database, definition.name),
      credentials,
      limits: createRateLimits({
        redisUrl: env.REDIS_URL,
        prefix: `${env.QUEUE_PREFIX ?? 'scontrino'}:`,
        logger: deps.logger,
      }),
    };
    const tenants = definition.tenants?.(deps) ?? deps.tenants;
    const service = createServiceApp({
      logger: deps.logger,
      ...credentials,
      audit: parts.audit,
      ...(tenants && { tenants }),
      rateLimits: parts.limits,
      allowedOrigins: env.CORS_ORIGINS ?? [],
      trustProxy: env.TRUST_PROXY ?? [],
      metricsToken: env.METRICS_TOKEN,
      ...(env.MAX_IN_FLIGHT_REQUESTS !== undefined && { maxInFlight: env.MAX_IN_FLIGHT_REQUESTS }),
      router: definition.router(deps, parts),
      readiness: parts.readiness,
      ...(definition.secretPaths && { secretPaths: definition.secretPaths }),
      routes: (app) => {
        app.use(apiDocsRoutes(definition.apiDocument(deps)));
        mountAuditExport(app, { log: parts.audit, credentials });
        definition.routes?.(app, deps, parts);
      },
    });
    definition.metrics?.(service, deps);
    return service;
  }
  return {
    name: definition.name,
    createServer,
    run: (start) => runService({ name: definition.name, loadEnv: () => definition.loadEnv(), start }),
  };
}
