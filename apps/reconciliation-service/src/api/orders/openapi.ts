import { auditEntryJsonSchema, auditExportOpenApi } from '@scontrino/audit';
import {
  commonErrors,
  errorResponses,
  jsonSchemaOf,
  type OpenApiObject,
  openApiDocument,
  staffTokenScheme,
} from '@scontrino/service';
import { onlineOrderInputSchema } from './online-order-input.js';

/** The OpenAPI 3.1 document of the reconciliation service's REST routes: web-shop orders, the audit export. */
export function reconciliationApiDocument(publicUrl?: string): OpenApiObject {
  return openApiDocument({
    title: 'Scontrino reconciliation service',
    description:
      'Web shops post their orders here, so that online customers join the single customer view. Profiles, ' +
      'identify, curation and data-subject requests are tRPC procedures at /trpc (not described here).',
    publicUrl,
    tags: [
      { name: 'Web shop', description: 'Orders placed online or in the app' },
      { name: 'Staff', description: 'Back-office exports' },
    ],
    paths: {
      '/v1/online-orders': {
        post: {
          tags: ['Web shop'],
          operationId: 'recordOnlineOrder',
          summary: 'Record a web or app order; its identifiers are linked in the background',
          description:
            'Idempotent by (tenant, shop, order): the same order again answers `duplicate`. The shop sends its own ' +
            'key, scoped to its tenant and shop; the service token is refused here.',
          security: [{ shopKey: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(onlineOrderInputSchema) } },
          },
          responses: {
            202: {
              description:
                'Accepted (or a duplicate); identifiers that could not be read are listed as ignored',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      observationId: { type: 'string' },
                      status: { enum: ['accepted', 'duplicate'] },
                      ignored: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: { type: { type: 'string' }, reason: { type: 'string' } },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...errorResponses({
              400: 'The body is not JSON.',
              401: 'No shop key, or an unknown or revoked one (Authorization: Bearer sk_shop_…); the service token too.',
              403: 'The key is for another tenant or shop than the body names (auth.wrong_shop).',
              413: 'The body is over 1 MB.',
              422: `The order does not match the schema (order.invalid), every issue by path. ${commonErrors[422]}`,
              500: commonErrors[500],
            }),
          },
        },
      },
      ...auditExportOpenApi(),
    },
    securitySchemes: {
      ...staffTokenScheme,
      shopKey: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'sk_shop_<keyId>_<secret>',
        description:
          'The web shop’s or app’s own key, issued by an administrator in the receipt service (shops.issueKey) and revoked there.',
      },
    },
    schemas: { AuditEntry: auditEntryJsonSchema() },
  });
}
