import { z } from 'zod';
import { auditEntryView } from './audit-router.js';
import { exportQuery } from './export-route.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const schemaOf = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
};

/** One line of the export, for a document's `components.schemas.AuditEntry`. */
export const auditEntryJsonSchema = () => schemaOf(auditEntryView);

/**
 * `GET /v1/audit/export` for a service's OpenAPI document (every service mounts it). Its errors
 * refer to the document's `Error` schema, which `openApiDocument` of `@scontrino/service` defines.
 */
export function auditExportOpenApi(): Record<string, unknown> {
  const parameters = Object.entries(exportQuery.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: schemaOf(schema.unwrap()),
  }));
  return {
    '/v1/audit/export': {
      get: {
        tags: ['Staff'],
        operationId: 'exportAuditLog',
        summary: 'The audit log of staff actions as NDJSON, oldest first',
        description:
          'Filtered like audit.search; admins and auditors (audit.read) of the tenant. The export is itself recorded.',
        security: [{ staffToken: [] }],
        parameters,
        responses: {
          200: {
            description: 'One audit entry per line',
            content: {
              'application/x-ndjson': {
                schema: { type: 'string', description: 'One JSON object per line: see AuditEntry' },
              },
            },
          },
          401: error('No valid staff token.'),
          403: error('The token lacks audit.read for this tenant.'),
          422: error(
            'A query parameter is malformed, or holds a control character or NUL (request.invalid_text).',
          ),
          500: error('Something failed on our side.'),
        },
      },
    },
  };
}
