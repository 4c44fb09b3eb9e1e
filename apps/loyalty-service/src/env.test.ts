import { ConfigError } from '@scontrino/config';
import { describe, expect, it } from 'vitest';
import { loadLoyaltyEnv } from './env.js';

function problemsOf(source: Record<string, string>): string[] {
  try {
    loadLoyaltyEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loyalty env', () => {
  it('when nothing is set on a developer machine, then the receipt service, SMTP and a 30-minute session are defaults', () => {
    const env = loadLoyaltyEnv({});
    expect(env.PORT).toBe(4002);
    expect(env.RECEIPT_SERVICE_URL).toBe('http://localhost:4001');
    expect(env.SMTP_URL).toBe('smtp://127.0.0.1:1025');
    expect(env.MEMBER_TOKEN_TTL_MINUTES).toBe(30);
    expect(env.INBOX_CONCURRENCY).toBe(8);
  });

  it('when the inbox concurrency is not a whole number from 1 to 64, then it is named', () => {
    expect(problemsOf({ INBOX_CONCURRENCY: '0' })).toEqual(['INBOX_CONCURRENCY: must be between 1 and 64']);
    expect(loadLoyaltyEnv({ INBOX_CONCURRENCY: '2' }).INBOX_CONCURRENCY).toBe(2);
  });

  it('when the receipt service URL or the session length is wrong, then each is named', () => {
    expect(problemsOf({ RECEIPT_SERVICE_URL: 'ftp://receipts', MEMBER_TOKEN_TTL_MINUTES: '0' })).toEqual([
      'RECEIPT_SERVICE_URL: must start with http:// or https://',
      'MEMBER_TOKEN_TTL_MINUTES: must be between 1 and 1440',
    ]);
  });

  it('when in production, then the receipt service URL and the SMTP relay are required', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toContain('RECEIPT_SERVICE_URL: is required');
    expect(problems).toContain('SMTP_URL: is required');
  });
});
