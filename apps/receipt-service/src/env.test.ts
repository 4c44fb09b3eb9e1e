import { ConfigError } from '@scontrino/config';
import { describe, expect, it } from 'vitest';
import { loadReceiptEnv } from './env.js';

describe('receipt env', () => {
  it("when nothing is set, then a card sale's email waits up to 5 seconds for its loyalty block", () => {
    expect(loadReceiptEnv({}).LOYALTY_BLOCK_WAIT_MS).toBe(5_000);
    expect(loadReceiptEnv({ LOYALTY_BLOCK_WAIT_MS: '0' }).LOYALTY_BLOCK_WAIT_MS).toBe(0);
  });

  it('when the wait is out of range, then it is named', () => {
    const problems = (() => {
      try {
        loadReceiptEnv({ LOYALTY_BLOCK_WAIT_MS: '120000' });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(problems).toEqual([{ variable: 'LOYALTY_BLOCK_WAIT_MS', message: 'must be between 0 and 60000' }]);
  });
});
