import type { AnyRouter } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { identifyCaller, type RequestContext } from '@scontrino/trpc';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './http-errors.js';
import { readinessHandler, type ReadinessCheck } from './readiness.js';
import { incomingRequestId, requestIdOf } from './request-id.js';

export interface ServiceAppOptions {
  logger: Logger;
  serviceToken: string;
  router: AnyRouter;
  readiness: readonly ReadinessCheck[];
  /** The service's own REST routes and pages, mounted before `/trpc`. */
  routes?: (app: Express) => void;
}

export interface ServiceApp {
  app: Express;
  /** From now on `/readyz` answers 503, so load balancers stop sending new requests. */
  drain(): void;
}

/**
 * The Express app every service shares: request ids and logs, security headers, `/healthz`,
 * `/readyz`, the service's routes, tRPC at `/trpc`, and JSON errors. It does not listen.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const id = incomingRequestId(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  app.get(
    '/readyz',
    readinessHandler(options.readiness, () => draining),
  );

  options.routes?.(app);

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: options.router,
      createContext: ({ req }): RequestContext => ({
        requestId: requestIdOf(req),
        logger: req.log,
        caller: identifyCaller(req.headers.authorization, options.serviceToken),
      }),
      onError: ({ error, path, ctx }) => {
        const logger = (ctx as RequestContext | undefined)?.logger ?? options.logger;
        if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler);

  return {
    app,
    drain: () => {
      draining = true;
    },
  };
}
