import { auditEntryJsonSchema, auditExportOpenApi } from '@scontrino/audit';
import {
  commonErrors,
  errorResponses,
  jsonSchemaOf,
  type OpenApiObject,
  openApiDocument,
  staffTokenScheme,
} from '@scontrino/service';
import type { z } from 'zod';
import {
  captureInput,
  captureOutput,
  holdInput,
  holdOutput,
  quoteInput,
  quoteOutput,
  voidOutput,
} from '../redemptions/redemption-schemas.js';
import { memberViewSchema } from '../members/member-view.js';
import { tillEnrolInput } from './member-routes.js';

const requestErrors = {
  400: 'The body is not JSON.',
  401: 'No terminal key, or an unknown or revoked one (Authorization: Bearer <terminal key>); the service token is refused here.',
  403: 'The key is for another tenant, or the hold was made at another store (auth.scope).',
  413: 'The body is over 16 kB.',
} as const;

const memberErrors = {
  404: 'No member with this card or id (member.not_found), or no program for the tenant (program.not_found).',
};

const writeErrors = {
  503: 'Too many concurrent writes on this member (ledger.busy): retry.',
};

const holdId = {
  name: 'holdId',
  in: 'path',
  required: true,
  description: 'From the answer of hold.',
  schema: { type: 'string', pattern: '^hold_[a-z2-7]{26}$' },
};

function operation(
  operationId: string,
  summary: string,
  body: z.ZodType | null,
  answer: { status: number; schema: z.ZodType },
  errors: Record<number, string>,
  parameters: unknown[] = [],
): OpenApiObject {
  return {
    post: {
      tags: ['Redemptions at the till'],
      operationId,
      summary,
      security: [{ terminalKey: [] }],
      parameters,
      ...(body && {
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(body) } } },
      }),
      responses: {
        [answer.status]: {
          description: 'Done',
          content: { 'application/json': { schema: jsonSchemaOf(answer.schema) } },
        },
        ...errorResponses({
          ...requestErrors,
          ...errors,
          422: errors[422] ?? commonErrors[422],
          500: commonErrors[500],
        }),
      },
    },
  };
}

/** The OpenAPI 3.1 document of the loyalty service's REST routes: redemption at the till, the audit export. */
export function loyaltyApiDocument(publicUrl?: string): OpenApiObject {
  return openApiDocument({
    title: 'Scontrino loyalty service',
    description:
      'Tills written in any language redeem points over REST: quote, hold, capture, void, with the same ' +
      'commands and errors as the tRPC procedures redemptions.*. Each till presents its own terminal key (the ' +
      'one it posts sales to the receipt service with), which may redeem for its tenant only and capture or ' +
      'void only the holds of its store. The loyalty app and staff use tRPC at /trpc (not described here).',
    publicUrl,
    tags: [
      { name: 'Members at the till', description: 'Enrolling a customer (docs/loyalty-ledger.md)' },
      { name: 'Redemptions at the till', description: 'Paying with points (docs/loyalty-ledger.md)' },
      { name: 'Staff', description: 'Back-office exports' },
    ],
    paths: {
      '/v1/members': {
        post: {
          tags: ['Members at the till'],
          operationId: 'enrolMember',
          summary: 'Enrol a customer at the till (consent recorded as given at the till)',
          security: [{ terminalKey: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(tillEnrolInput) } },
          },
          responses: {
            201: {
              description: 'Enrolled; the member as a till shows it (e-mail and cards masked)',
              content: { 'application/json': { schema: jsonSchemaOf(memberViewSchema) } },
            },
            ...errorResponses({
              ...requestErrors,
              403: 'The key is for another tenant (auth.scope).',
              409: 'The e-mail or a card is a member of the tenant already.',
              422: `A malformed body (request.invalid), every issue by path. ${commonErrors[422]}`,
              500: commonErrors[500],
            }),
          },
        },
      },
      '/v1/redemptions/quote': operation(
        'quoteRedemption',
        'How many points the member may pay with for this basket',
        quoteInput,
        { status: 200, schema: quoteOutput },
        {
          ...memberErrors,
          422: 'Give cardNumber or memberId, and a positive basket total; or the body holds control characters (request.invalid_text).',
        },
      ),
      '/v1/redemptions/hold': operation(
        'holdPoints',
        'Hold points for a payment (15 minutes)',
        holdInput,
        { status: 201, schema: holdOutput },
        {
          ...memberErrors,
          ...writeErrors,
          409: 'Not enough points (redemption.insufficient_points).',
          422: 'Below the minimum to redeem (redemption.below_minimum), or a malformed body.',
        },
      ),
      '/v1/redemptions/{holdId}/capture': operation(
        'capturePoints',
        'Spend held points on the till’s transaction; idempotent by posTransactionId',
        captureInput.omit({ holdId: true }),
        { status: 200, schema: captureOutput },
        {
          ...writeErrors,
          404: 'No such hold (redemption.hold_not_found).',
          409: 'The hold expired, was released, or was captured by another transaction.',
          422: 'More points than held (redemption.capture_exceeds_hold), or a malformed body or hold id.',
        },
        [holdId],
      ),
      '/v1/redemptions/{holdId}/void': operation(
        'voidHold',
        'Release held points (the customer paid otherwise)',
        null,
        { status: 200, schema: voidOutput },
        {
          ...writeErrors,
          404: 'No such hold (redemption.hold_not_found).',
          409: 'The hold was captured already.',
          422: 'A malformed hold id.',
        },
        [holdId],
      ),
      ...auditExportOpenApi(),
    },
    securitySchemes: {
      terminalKey: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'sk_term_<keyId>_<secret>',
        description:
          'The till’s terminal key, issued by the receipt service (terminals.issueKey, CLI terminal-key) and revoked there.',
      },
      ...staffTokenScheme,
    },
    schemas: { AuditEntry: auditEntryJsonSchema() },
  });
}
