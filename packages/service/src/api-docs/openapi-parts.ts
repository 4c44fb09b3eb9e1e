import { z } from 'zod';

/** An OpenAPI 3.1 document or a part of one: plain JSON, as served. */
export type OpenApiObject = Record<string, unknown>;

/** A zod schema as a JSON Schema of what a client sends (before defaults and transforms). */
export function jsonSchemaOf(schema: z.ZodType): OpenApiObject {
  // OpenAPI 3.1's default dialect is JSON Schema 2020-12: no `$schema` (nor `jsonSchemaDialect`,
  // which Swagger UI flags as unsupported) is needed.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

/** `{ error: { code, message, issues, requestId } }`: the body of every REST error of every service. */
export const errorSchema: OpenApiObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'issues', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. transaction.invalid' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          description: 'For a 422: every problem of the input, located by its path.',
          items: {
            type: 'object',
            required: ['path', 'code', 'message'],
            properties: {
              path: { type: 'string', examples: ['lines[1].total'] },
              code: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
        requestId: { type: 'string', description: 'Also in the X-Request-Id header; quote it to support.' },
      },
    },
  },
};

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
};

/** Error answers in the shared error shape, by status: `{ 422: 'why', … }`; examples optional. */
export function errorResponses(
  statuses: Readonly<Record<number, string>>,
  examples: Readonly<Record<number, unknown>> = {},
): OpenApiObject {
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      {
        description,
        ...(status === '429' && { headers: retryAfter }),
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
            ...(examples[Number(status)] !== undefined && { example: examples[Number(status)] }),
          },
        },
      },
    ]),
  );
}

/** What every route may answer whatever it does: its text refused, the service failing. */
export const commonErrors = {
  422: 'The input breaks a rule; `issues` names each problem by its path. A string holding NUL, another control character (tab and line breaks aside) or a lone surrogate is `request.invalid_text`.',
  500: 'Something failed on our side; nothing was half-done. Quote the requestId.',
} as const;

const scrapeTokenOnly =
  'Only with the scrape token (METRICS_TOKEN) as a bearer, from any address; without METRICS_TOKEN set, every scrape is refused.';

/** `/healthz`, `/readyz`, `/metrics` and `/openapi.json`: the same in every service. */
export function operationalPaths(): OpenApiObject {
  const text = (description: string) => ({
    description,
    content: { 'text/plain': { schema: { type: 'string' } } },
  });
  const readiness = {
    type: 'object',
    properties: {
      status: { enum: ['ready', 'unavailable', 'draining'] },
      checks: { type: 'object', additionalProperties: { enum: ['up', 'down'] } },
    },
  };
  return {
    '/healthz': {
      get: {
        tags: ['Operations'],
        operationId: 'health',
        summary: 'Liveness: answers while the process runs',
        security: [],
        responses: {
          200: {
            description: 'Alive',
            content: {
              'application/json': { schema: { type: 'object', properties: { status: { const: 'alive' } } } },
            },
          },
        },
      },
    },
    '/readyz': {
      get: {
        tags: ['Operations'],
        operationId: 'readiness',
        summary: 'Readiness: the database and Redis answer within two seconds',
        security: [],
        responses: {
          200: { description: 'Ready', content: { 'application/json': { schema: readiness } } },
          503: {
            description: 'A dependency is down (named in checks), or the service is draining for shutdown.',
            content: { 'application/json': { schema: readiness } },
          },
        },
      },
    },
    '/metrics': {
      get: {
        tags: ['Operations'],
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        description: scrapeTokenOnly,
        security: [{ metricsToken: [] }],
        responses: {
          200: text('Prometheus text format'),
          ...errorResponses({ 401: 'Without the scrape token, with another one, or with metrics off.' }),
        },
      },
    },
    '/openapi.json': {
      get: {
        tags: ['Operations'],
        operationId: 'openApiDocument',
        summary: 'This document; browsable at /docs/',
        security: [],
        responses: { 200: { description: 'The OpenAPI 3.1 document', content: { 'application/json': {} } } },
      },
    },
  };
}

export interface OpenApiDocumentOptions {
  title: string;
  description: string;
  /** The service's public base URL, listed after the address the document was read from. */
  publicUrl?: string | undefined;
  paths: OpenApiObject;
  schemas?: OpenApiObject;
  securitySchemes?: OpenApiObject;
  tags?: { name: string; description: string }[];
}

export const serviceTokenScheme = {
  serviceToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The service token shared by Scontrino services (SERVICE_TOKEN).',
  },
};

/** The bearer of `GET /metrics`, and of nothing else. */
export const metricsTokenScheme = {
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The scrape token of /metrics (METRICS_TOKEN); it opens nothing else.',
  },
};

export const staffTokenScheme = {
  staffToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "A staff member's token from the retailer's identity provider (docs/security.md).",
  },
};

/**
 * An OpenAPI 3.1 document of a service's REST routes. Its first server is relative (`/`): Swagger
 * UI then sends "Try it out" to the host the docs were opened from, whether 127.0.0.1, localhost
 * or a public name, within the page's `connect-src 'self'`; the public URL follows for clients.
 */
export function openApiDocument(options: OpenApiDocumentOptions): OpenApiObject {
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: '1.0.0', description: options.description },
    servers: [
      { url: '/', description: 'This service, at the address these docs were opened from' },
      ...(publicUrl ? [{ url: publicUrl, description: 'Its public URL' }] : []),
    ],
    tags: [
      ...(options.tags ?? []),
      { name: 'Operations', description: 'Health, readiness, metrics, this document' },
    ],
    paths: { ...options.paths, ...operationalPaths() },
    components: {
      securitySchemes: { ...serviceTokenScheme, ...metricsTokenScheme, ...options.securitySchemes },
      schemas: { Error: errorSchema, ...options.schemas },
    },
  };
}
