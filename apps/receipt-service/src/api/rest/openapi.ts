import { auditEntryJsonSchema, auditExportOpenApi } from '@scontrino/audit';
import { posTransactionSchema } from '@scontrino/contracts';
import {
  commonErrors,
  errorResponses,
  jsonSchemaOf,
  type OpenApiObject,
  openApiDocument,
  staffTokenScheme,
} from '@scontrino/service';
import { recordedReceiptSchema } from '../../domain/recorded-receipt.js';
import { exampleResponses, exampleReturn, exampleSale } from './openapi-examples.js';

const transactionErrors: Record<number, string> = {
  400: 'Malformed JSON, or the Idempotency-Key header is missing or invalid.',
  401: 'The terminal key is missing, unknown or revoked.',
  403: 'The key belongs to another store or terminal than the body names.',
  409: 'The Idempotency-Key was used with another body, or the store already has this transactionId with another body.',
  413: 'The body is over 1 MB.',
  415: 'The Content-Type is not application/json.',
  422: 'The transaction breaks the POS contract (transaction.invalid), every broken rule listed with its path; or a string of the body holds NUL, another control character or a lone surrogate (request.invalid_text, checked right after the JSON is read).',
  429: "More than 600 requests a minute with this till's key (request.rate_limited): retry after Retry-After seconds.",
  503: 'Many returns of the same sale at once kept colliding (transaction.busy): retry with the same Idempotency-Key.',
  500: commonErrors[500],
};

const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

/** What every page answers besides its own: the friendly 404, and a URL holding control characters. */
const pageErrors = (notFound: string) => ({
  404: html(notFound),
  ...errorResponses({ 422: 'The URL holds NUL or another control character (request.invalid_text).' }),
});

const secretParameter = (name: 'token' | 'code', description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema:
    name === 'token'
      ? { type: 'string', pattern: '^[A-Za-z0-9_-]{22,64}$' }
      : { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
});
const token = secretParameter(
  'token',
  'The receipt page token from receiptUrl; the only key to the receipt.',
);
const code = secretParameter(
  'code',
  'The claim code from claimUrl (what the QR code on the paper slip encodes).',
);
const unsubscribeToken = {
  ...token,
  description: 'The signed token of the receipt e-mail’s unsubscribe link.',
};

const lang = {
  name: 'lang',
  in: 'query',
  required: false,
  description:
    'The reader’s choice of language (the page’s switch); without it, the customer’s (the sale’s locale), else the store’s.',
  schema: { type: 'string', enum: ['it', 'en'] },
};

const page = (operationId: string, summary: string, parameters: unknown[], responses: OpenApiObject) => ({
  tags: ['Customer pages'],
  operationId,
  summary,
  security: [],
  parameters,
  responses,
});

const customerPages: OpenApiObject = {
  '/r/{token}': {
    get: page('receiptPage', 'The hosted receipt', [token, lang], {
      200: html('The receipt in one language, every text of it, with a switch to the others; without script'),
      ...pageErrors('No such receipt (same page for any unknown or malformed token)'),
    }),
  },
  '/r/{token}.pdf': {
    get: page('receiptPdf', 'The receipt as a PDF', [token, lang], {
      200: {
        description: 'The PDF, inline',
        content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
      },
      ...pageErrors('No such receipt'),
    }),
  },
  '/c/{code}': {
    get: page('claimForm', 'The claim form of an anonymous sale', [code], {
      200: html(
        'Store, date and total, an e-mail field, an unticked marketing box and a link to the privacy notice',
      ),
      410: html('The code expired, or the receipt was claimed already (under the store’s header)'),
      ...pageErrors('Unknown, forged or malformed code'),
    }),
    post: {
      ...page('claimReceipt', 'Claim the receipt with an e-mail address', [code], {
        200: html('Claimed: the receipt is on its way to the address'),
        410: html('The code expired, or the receipt was claimed already'),
        422: html(
          'The form again, with its error: an invalid address (after trimming, NFC and lower-casing), text holding control characters, or a missing or expired form token',
        ),
        429: {
          ...html(
            'Too many claims from this address or for this code: 10 per 15 minutes each. A styled page in the reader’s language.',
          ),
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
        },
        404: html('Unknown, forged or malformed code'),
      }),
      description:
        'A browser form. A POST with the service token as a bearer (the demo seeder, the POS simulator) is not counted against the per-address limit; the per-code limit holds for everyone.',
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['email', 'form'],
              properties: {
                email: { type: 'string', format: 'email', maxLength: 254 },
                marketing: { const: 'yes', description: 'The ticked marketing box' },
                form: { type: 'string', description: 'The hidden form token of the page (one hour)' },
              },
            },
          },
        },
      },
    },
  },
  '/c/{code}/qr.png': {
    get: page('claimQrPng', 'The claim QR code as PNG', [code], {
      200: {
        description: 'QR code of claimUrl',
        content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
      },
      ...pageErrors('Unknown, expired or used code'),
    }),
  },
  '/c/{code}/qr.svg': {
    get: page('claimQrSvg', 'The claim QR code as SVG', [code], {
      200: {
        description: 'QR code of claimUrl',
        content: { 'image/svg+xml': { schema: { type: 'string' } } },
      },
      ...pageErrors('Unknown, expired or used code'),
    }),
  },
  '/privacy': {
    get: page('privacyNotice', 'The service’s privacy notice, linked from the claim form', [lang], {
      200: html(
        'What is kept of a claim, what for, how long, and how to stop e-mails or have it erased; in `lang`, else the reader’s language',
      ),
      ...errorResponses({ 422: 'The URL holds NUL or another control character (request.invalid_text).' }),
    }),
  },
  '/u/{token}': {
    get: page('unsubscribePage', 'Confirm that receipt e-mails should stop', [unsubscribeToken], {
      200: html('One button; link scanners that only GET unsubscribe no one'),
      ...pageErrors('Forged or malformed token'),
    }),
    post: {
      ...page(
        'unsubscribe',
        'Stop receipt e-mails to this address (also RFC 8058 one-click)',
        [unsubscribeToken],
        {
          200: html('Unsubscribed'),
          ...pageErrors('Forged or malformed token'),
        },
      ),
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: { type: 'object', properties: { 'List-Unsubscribe': { const: 'One-Click' } } },
          },
        },
      },
    },
  },
};

/** The POS contract as a till vendor reads it here, without the repository (docs/pos-transaction.md). */
const transactionDescription = [
  'Idempotent by the Idempotency-Key header: the same key and body answer the first 201 again; ' +
    'the same transactionId and body under a new key do too. Once 201 is answered the transaction ' +
    'is durable and its events will be delivered even if a downstream system is down.',
  'Amounts are integers in minor units of `currency` (8990 is 89.90 EUR), at most 12 digits; prices are ' +
    'gross (VAT included); `quantity` has at most 3 decimals; `taxRate` is a decimal string ("22", "5.5"). ' +
    'Unknown fields are ignored, so newer optional fields never break a till. A return names ' +
    '`originalTransactionId` and each line its `originalLineId`; it may come from another store.',
  'A 422 `transaction.invalid` lists every broken rule by path:\n' +
    '1. `line.total = round(quantity × unitPrice) − Σ line.discounts[].amount ≥ 0`\n' +
    '2. `totals.subtotal = Σ lines[].total`, `totals.discountTotal = Σ discounts[].amount`, ' +
    '`totals.total = subtotal − discountTotal ≥ 0`\n' +
    '3. `Σ payments[].amount − Σ payments[].change = totals.total` (change only on cash)\n' +
    '4. one `taxes[]` entry per rate, `tax = round(taxable × rate / (100 + rate))` ± 1, ' +
    '`Σ taxable = totals.total`, `totals.taxTotal = Σ tax`\n' +
    '5. `lineId` unique; 1 to 1,000 lines\n' +
    '6. `occurredAt` with a UTC offset, at most 5 minutes ahead and 400 days back (configurable)\n' +
    '7. over all returns of a sale, a line returns no more units than were bought and refunds no more ' +
    'than the line charged for them (after its discounts, pro rata)\n' +
    '8. no control characters or lone surrogates in any string, and nothing that looks like a payment card number',
].join('\n\n');

const recordTransaction: OpenApiObject = {
  '/v1/transactions': {
    post: {
      tags: ['POS'],
      operationId: 'recordTransaction',
      summary: 'Record a sale or a return and issue its receipt',
      description: transactionDescription,
      security: [{ terminalKey: [] }],
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
            'Recorded (or replayed): the receipt links. claimUrl and claimQr only for a sale that names no e-mail.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/RecordedReceipt' },
              example: exampleResponses[201],
            },
          },
        },
        ...errorResponses(transactionErrors, exampleResponses),
      },
    },
  },
};

/** The OpenAPI 3.1 document of the receipt service's REST routes; the POS schema is the contract's. */
export function receiptApiDocument(publicUrl: string): OpenApiObject {
  return openApiDocument({
    title: 'Scontrino receipt service',
    description:
      'Tills post every sale and return to POST /v1/transactions and get the links of its digital receipt back. ' +
      'Amounts are integers in minor units. The customer pages are what the receipt links and the QR code open. ' +
      'Staff and other services use tRPC at /trpc (not described here).',
    publicUrl,
    tags: [
      { name: 'POS', description: 'What tills call' },
      { name: 'Customer pages', description: 'What receipt links, QR codes and e-mails open (HTML)' },
      { name: 'Staff', description: 'Back-office exports' },
    ],
    paths: { ...recordTransaction, ...customerPages, ...auditExportOpenApi() },
    securitySchemes: {
      terminalKey: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'sk_term_<keyId>_<secret>',
        description: 'One key per store terminal, issued by the retailer (CLI terminal-key).',
      },
      ...staffTokenScheme,
    },
    schemas: {
      PosTransaction: jsonSchemaOf(posTransactionSchema),
      RecordedReceipt: jsonSchemaOf(recordedReceiptSchema),
      AuditEntry: auditEntryJsonSchema(),
    },
  });
}
