import { examplePosReturn, examplePosSale } from '@scontrino/contracts';

/** The contract's own examples (docs/pos-transaction.md): the request examples of the OpenAPI document. */
export const exampleSale = examplePosSale();
export const exampleReturn = examplePosReturn();

const error = (
  code: string,
  message: string,
  issues: { path: string; code: string; message: string }[] = [],
) => ({
  error: { code, message, issues, requestId: '4f1c2a8e-5b7d-4c1e-9a3f-2d6b8e0c7a51' },
});

/** One example body per status of `POST /v1/transactions`. */
export const exampleResponses = {
  201: {
    receiptId: 'rcpt_k5q3x7w2m4n6p8r2t4v6x8z2b4',
    transactionId: 'txn_a2c4e6g7j2l4n6p7r2t4v6x7z2',
    receiptUrl: 'https://receipts.example.com/r/Jx3kP9qLm2Vn8Rt5Wy7Zb4Cd6Fg1Hh0K',
    claimUrl: 'https://receipts.example.com/c/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4',
    claimQr: {
      png: 'https://receipts.example.com/c/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4/qr.png',
      svg: 'https://receipts.example.com/c/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4/qr.svg',
    },
    ignored: [],
    lowerWeight: [
      {
        type: 'phone',
        reason:
          'a possible phone number that the numbering plan does not list as valid: kept in E.164 at a lower weight',
      },
    ],
  },
  400: error(
    'request.idempotency_key',
    'Send an Idempotency-Key header of 1–255 visible ASCII characters (e.g. a UUID), the same on every retry',
  ),
  401: error('auth.invalid_key', 'Unknown or revoked terminal key'),
  403: error('auth.wrong_store', 'This key is for store MI-001; it cannot post for store MI-002'),
  409: error('idempotency.key_reused', 'This Idempotency-Key was already used with another body'),
  413: error('request.too_large', 'The body is larger than this endpoint accepts'),
  429: error('request.rate_limited', 'More than 600 requests from this till in 60 s; retry later'),
  503: error('transaction.busy', 'The original sale is being returned by other terminals; retry'),
  415: error('request.unsupported_media_type', 'Send the transaction as Content-Type: application/json'),
  422: error('transaction.invalid', 'The transaction breaks 1 rule of the POS contract', [
    {
      path: 'lines[1].total',
      code: 'line_total_mismatch',
      message: 'expected round(quantity × unitPrice) − discounts = 7900, got 7800',
    },
  ]),
};
