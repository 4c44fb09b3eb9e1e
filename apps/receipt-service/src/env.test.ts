import { ConfigError } from '@scontrino/config';
import { describe, expect, it } from 'vitest';
import { claimRateLimitOf, loadReceiptEnv, occurredAtWindowOf } from './env.js';

const keys = {
  CRYPTO_KEYS: JSON.stringify({ '1': Buffer.alloc(32, 1).toString('base64') }),
  CRYPTO_ACTIVE_KEY: '1',
  LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
};

describe('receipt env', () => {
  it("when nothing is set, then a card sale's email waits up to 5 seconds for its loyalty block", () => {
    expect(loadReceiptEnv({}).LOYALTY_BLOCK_WAIT_MS).toBe(5_000);
    expect(loadReceiptEnv({ LOYALTY_BLOCK_WAIT_MS: '0' }).LOYALTY_BLOCK_WAIT_MS).toBe(0);
  });

  it('when nothing is set, then the inbox handles 8 events at once and 8 e-mails go at once; 0 is named', () => {
    expect(loadReceiptEnv({}).INBOX_CONCURRENCY).toBe(8);
    expect(loadReceiptEnv({}).EMAIL_CONCURRENCY).toBe(8);
    expect(() => loadReceiptEnv({ EMAIL_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(loadReceiptEnv({ INBOX_CONCURRENCY: '2' }).INBOX_CONCURRENCY).toBe(2);
    expect(() => loadReceiptEnv({ INBOX_CONCURRENCY: '0' })).toThrow(ConfigError);
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

  it('when nothing is set, then a sale may be 400 days old and 5 minutes ahead', () => {
    const env = loadReceiptEnv({ ...keys });
    expect(occurredAtWindowOf(env)).toEqual({ maxAgeMs: 400 * 86_400_000, maxLeadMs: 300_000 });
  });

  it('when the window is set, then it is used; a window that is no number of days is named', () => {
    const env = loadReceiptEnv({
      ...keys,
      OCCURRED_AT_MAX_AGE_DAYS: '30',
      OCCURRED_AT_MAX_LEAD_SECONDS: '60',
    });
    expect(occurredAtWindowOf(env)).toEqual({ maxAgeMs: 30 * 86_400_000, maxLeadMs: 60_000 });
    expect(() => loadReceiptEnv({ ...keys, OCCURRED_AT_MAX_AGE_DAYS: 'forever' })).toThrow(
      /OCCURRED_AT_MAX_AGE_DAYS/,
    );
  });

  it('when the claim limits are unset, then 10 claims per 15 minutes; when set, those; out of range, each named', () => {
    expect(claimRateLimitOf(loadReceiptEnv({ ...keys }))).toEqual({ windowMs: 900_000, limit: 10 });
    expect(
      claimRateLimitOf(loadReceiptEnv({ ...keys, CLAIM_RATE_LIMIT: '50', CLAIM_RATE_WINDOW_SECONDS: '60' })),
    ).toEqual({ windowMs: 60_000, limit: 50 });
    const problems = (() => {
      try {
        loadReceiptEnv({ ...keys, CLAIM_RATE_LIMIT: '0', CLAIM_RATE_WINDOW_SECONDS: 'often' });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(problems).toEqual([
      { variable: 'CLAIM_RATE_LIMIT', message: 'must be between 1 and 100000' },
      { variable: 'CLAIM_RATE_WINDOW_SECONDS', message: 'must be a number' },
    ]);
  });
});
