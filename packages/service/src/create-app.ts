import type { AnyRouter } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { withCorrelationId } from '@scontrino/queue';
import type { StaffTokenVerifier } from '@scontrino/staff-access';
import {
  type AuditRecorder,
  identifyCaller,
  type ProcedureAccess,
  type ProcedureMeta,
  type RequestContext,
  type TenantCheck,
} from '@scontrino/trpc';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { RETRY_AFTER_SECONDS } from '@scontrino/errors';
import { admissionLimit } from './admission.js';
import { errorHandler, notFoundHandler } from './http-errors.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { metricsAccess } from './metrics/metrics-access.js';
import { createMetricsRegistry, metricsHandler } from './metrics/registry.js';
import type { RateLimits } from './rate-limit/rate-limits.js';
import { readinessHandler, type ReadinessCheck } from './readiness.js';
import { incomingRequestId, requestIdOf } from './request-id.js';
import { urlText } from './request-text.js';

export interface ServiceAppOptions {
  logger: Logger;
  serviceToken: string;
  /** Verifies staff tokens (docs/security.md); without it every staff procedure answers 401. */
  staffTokens?: StaffTokenVerifier | null;
  /** Where staff actions are recorded (`@scontrino/audit`). */
  audit?: AuditRecorder;
  /**
   * The tenants that exist (the receipt service's registry, or a cached view of it): a procedure
   * whose input names an unknown `tenantId` answers 404 `tenant.unknown`. Absent: not checked.
   */
  tenants?: TenantCheck;
  router: AnyRouter;
  readiness: readonly ReadinessCheck[];
  /** The service's own REST routes and pages, mounted before `/trpc`. */
  routes?: (app: Express) => void;
  /**
   * The service's own metrics (points issued, deliveries failed…), served at `/metrics` beside
   * the HTTP and process metrics; a fresh registry when absent.
   */
  metrics?: Registry;
  /**
   * Paths whose segments are secrets (a receipt page's token, a claim code) and must not reach the
   * access log: e.g. `/^\/(r|c|u)\/[^/?]+/`; the matched part is logged as `<prefix>/[redacted]`.
   */
  secretPaths?: readonly RegExp[];
  /**
   * Web origins (`https://app.example.com`) whose pages may call this service from a browser.
   * None by default: tills, services and the loyalty app (served with `/trpc` on its own origin)
   * never need CORS, and browsers keep every other site's scripts from reading the answers.
   */
  allowedOrigins?: readonly string[];
  /** The limits the service's routes use (`createRateLimits`): closed with the app. */
  rateLimits?: RateLimits;
  /**
   * The proxies whose `X-Forwarded-For` is believed (`TRUST_PROXY`: addresses and CIDR blocks),
   * so that `req.ip`, and every per-IP limit, is the client's address behind them. None by
   * default: the client is the socket's peer, whatever headers it sends.
   */
  trustProxy?: readonly string[];
  /** The bearer `/metrics` asks for (`METRICS_TOKEN`); without one every scrape is refused. */
  metricsToken?: string | undefined;
  /**
   * Requests worked on at once (`MAX_IN_FLIGHT_REQUESTS`); one more is a 503 with `Retry-After`
   * (admission.ts). Default {@link DEFAULT_MAX_IN_FLIGHT}.
   */
  maxInFlight?: number;
}

/** Far above what the database pool serves at once, far below a pile-up that cannot drain. */
export const DEFAULT_MAX_IN_FLIGHT = 256;

export interface ServiceApp {
  app: Express;
  /** From now on `/readyz` answers 503, so load balancers stop sending new requests. */
  drain(): void;
  /** The registry `/metrics` serves: register more metrics on it after the app is built. */
  metrics: Registry;
  /** Every tRPC procedure, who may call it and its input parsers, for the access tests, the fuzz and docs. */
  procedures: {
    path: string;
    type: 'query' | 'mutation';
    access: ProcedureAccess;
    inputs: readonly unknown[];
  }[];
  /** Releases what the app holds beyond its routes (the rate limits' Redis connection). */
  close(): Promise<void>;
}

type ProcedureDef = {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: ProcedureMeta; inputs?: readonly unknown[] };
};

function procedureAccess(router: AnyRouter): ServiceApp['procedures'] {
  return Object.entries(router._def.procedures as Record<string, ProcedureDef>).flatMap(
    ([path, procedure]) =>
      procedure._def.type === 'subscription'
        ? []
        : [
            {
              path,
              type: procedure._def.type,
              access: procedure._def.meta?.access ?? { kind: 'public' },
              inputs: procedure._def.inputs ?? [],
            },
          ],
  );
}

/** `/r/abc123?x=1` → `/r/[redacted]?x=1` for a pattern matching `/r/abc123`. */
export function redactSecretPaths(url: string | undefined, patterns: readonly RegExp[]): string | undefined {
  if (url === undefined) return url;
  for (const pattern of patterns) {
    const match = pattern.exec(url);
    if (!match) continue;
    const prefix = match[0].slice(0, match[0].lastIndexOf('/') + 1);
    return `${url.slice(0, match.index)}${prefix}[redacted]${url.slice(match.index + match[0].length)}`;
  }
  return url;
}

/**
 * `/trpc/profiles.resolve?input=%7B…%7D` → `/trpc/profiles.resolve?input=[redacted]`: a tRPC query
 * carries its input (an e-mail, a card number) in the URL, and no log line may hold it.
 */
export function redactQueryInput(url: string | undefined): string | undefined {
  return url?.replace(/([?&]input=)[^&#]*/g, '$1[redacted]');
}

/** The router's procedure paths (`receipts.get`…): the only tRPC names a metric label may carry. */
function procedurePaths(router: AnyRouter): Set<string> {
  return new Set(Object.keys(router._def.procedures as Record<string, unknown>));
}

/** Probes and scrapes come every few seconds: logging each would drown the requests that matter. */
const quietPaths = new Set(['/healthz', '/readyz', '/metrics']);

/** The largest tRPC request body: far above any procedure's input, far below a memory problem. */
export const TRPC_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The Express app every service shares: request ids and logs, security headers, `/healthz`,
 * `/readyz`, `/metrics` (scrape token), the service's routes, tRPC at `/trpc`, and
 * JSON errors. It does not listen.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  let draining = false;
  const metrics = options.metrics ?? createMetricsRegistry();
  const app = express();
  app.disable('x-powered-by');
  // Exactly the configured proxies, never `true`: with `true` any caller picks its own address.
  app.set('trust proxy', options.trustProxy?.length ? [...options.trustProxy] : false);
  // First, so that every answer is counted and timed, the 404s and the refused ones included.
  app.use(httpMetrics(metrics, procedurePaths(options.router)));
  app.use(helmet());
  const allowed = new Set(options.allowedOrigins ?? []);
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      maxAge: 600,
    }),
  );
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const id = incomingRequestId(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // One name for the id in every line, request logs and event handlers' alike.
      customProps: (req) => ({ correlationId: requestIdOf(req) }),
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => quietPaths.has(req.url ?? '') },
      serializers: {
        // The parsed query is left out: the URL below says the same, redacted.
        req: ({ query: _query, ...req }: { url?: string; query?: unknown }) => ({
          ...req,
          url: redactQueryInput(redactSecretPaths(req.url, options.secretPaths ?? [])),
        }),
      },
    }),
  );

  // Overload is shed at the door (after the access log, so each refusal is seen).
  const shed = new Counter({
    name: 'http_requests_shed_total',
    help: 'Requests answered 503 at once because the service was working on its limit of requests',
    registers: [metrics],
  });
  app.use(admissionLimit(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, () => shed.inc()).middleware);

  // Events recorded and peer calls made while serving the request carry its id.
  app.use((req, _res, next) => {
    withCorrelationId(requestIdOf(req), next);
  });

  // Before every route: a path or query string holding text no store could hold is a 422.
  app.use(urlText);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  app.get(
    '/readyz',
    readinessHandler(options.readiness, () => draining),
  );
  app.get('/metrics', metricsAccess(options.metricsToken), metricsHandler(metrics));

  options.routes?.(app);

  // tRPC reads bodies itself, past express.json: refuse an oversized one by its declared length.
  app.use('/trpc', (req, _res, next) => {
    const declared = Number(req.get('content-length') ?? 0);
    if (declared <= TRPC_BODY_LIMIT_BYTES) return next();
    next(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }));
  });
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: options.router,
      createContext: async ({ req }): Promise<RequestContext> => ({
        requestId: requestIdOf(req),
        logger: req.log,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        caller: await identifyCaller(req.headers.authorization, {
          serviceToken: options.serviceToken,
          staffTokens: options.staffTokens ?? null,
        }),
        ...(options.audit && { audit: options.audit }),
        ...(options.tenants && { tenants: options.tenants }),
      }),
      onError: ({ error, path, ctx }) => {
        const logger = (ctx as RequestContext | undefined)?.logger ?? options.logger;
        if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
      // A dependency out of reach: callers may try again, and are told when.
      responseMeta: ({ errors }) =>
        errors.some((error) => error.code === 'SERVICE_UNAVAILABLE')
          ? { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } }
          : {},
    }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler);

  return {
    app,
    drain: () => {
      draining = true;
    },
    metrics,
    procedures: procedureAccess(options.router),
    close: async () => {
      await options.rateLimits?.close();
    },
  };
}
