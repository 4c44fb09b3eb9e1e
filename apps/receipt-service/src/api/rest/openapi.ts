import { posTransactionSchema } from '@scontrino/contracts';
import { z } from 'zod';
import { recordedReceiptSchema } from '../../domain/recorded-receipt.js';
import { exampleResponses, exampleReturn, exampleSale } from './openapi-examples.js';

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // io 'input': the document describes what a POS sends, before defaults and transforms.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

const errorSchema = {
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
          description: 'For a 422: every broken rule, located by its JSON path.',
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

const errorStatuses: Record<number, string> = {
  400: 'Malformed JSON, or the Idempotency-Key header is missing or invalid.',
  401: 'The terminal key is missing, unknown or revoked.',
  403: 'The key belongs to another store or terminal than the body names.',
  409: 'The Idempotency-Key was used with another body, a request with it is still running, or the store already has this transactionId with another body.',
  413: 'The body is over 1 MB.',
  415: 'The Content-Type is not application/json.',
  422: 'The transaction breaks the POS contract; every broken rule is listed with its path.',
};

/** The OpenAPI 3.1 document of the POS API, its schemas generated from the contract's zod schema. */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const errorResponses = Object.fromEntries(
    Object.entries(errorStatuses).map(([status, description]) => [
      status,
      {
        description,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
            example: exampleResponses[Number(status) as keyof typeof exampleResponses],
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Scontrino receipt service: POS API',
      version: '1.0.0',
      description:
        'Tills post every sale and return here and get the links of its digital receipt back. ' +
        'Amounts are integers in minor units; see pos-transaction.md for every rule.',
    },
    servers: [{ url: publicUrl.replace(/\/+$/, '') }],
    security: [{ terminalKey: [] }],
    paths: {
      '/v1/transactions': {
        post: {
          operationId: 'recordTransaction',
          summary: 'Record a sale or a return and issue its receipt',
          description:
            'Idempotent by the Idempotency-Key header: the same key and body answer the first 201 again; ' +
            'the same transactionId and body under a new key do too. Once 201 is answered the transaction ' +
            'is durable and its events will be delivered even if a downstream system is down.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'Chosen by the POS per transaction (a UUID), sent again unchanged on every retry.',
              schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PosTransaction' },
                examples: { sale: { value: exampleSale }, return: { value: exampleReturn } },
              },
            },
          },
          responses: {
            201: {
              description:
                'Recorded (or replayed): the receipt links. claimUrl and claimQr only for an anonymous sale.',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/RecordedReceipt' },
                  example: exampleResponses[201],
                },
              },
            },
            ...errorResponses,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        terminalKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sk_term_<keyId>_<secret>',
          description: 'One key per store terminal, issued by the retailer (CLI terminal-key).',
        },
      },
      schemas: {
        PosTransaction: jsonSchemaOf(posTransactionSchema),
        RecordedReceipt: jsonSchemaOf(recordedReceiptSchema),
        Error: errorSchema,
      },
    },
  };
}
