import { describe, expect, it } from 'vitest';
import { readUnsubscribePayload, unsubscribePayload } from './unsubscribe-token.js';

describe('unsubscribe link payload', () => {
  it('carries the receipt along with the address hash, and reads links sent before it did', () => {
    expect(readUnsubscribePayload(unsubscribePayload('h4sh', 'rcp_1'))).toEqual({
      emailHash: 'h4sh',
      receiptId: 'rcp_1',
    });
    expect(readUnsubscribePayload('h4sh')).toEqual({ emailHash: 'h4sh', receiptId: null });
  });
});
