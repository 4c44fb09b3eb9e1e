import { describe, expect, it } from 'vitest';
import { loadReconciliationEnv } from './env.js';

describe('reconciliation env', () => {
  it('when no graph settings are given, then the built-in guards apply (K = 5, no extra limits or blocklist)', () => {
    const env = loadReconciliationEnv({ NODE_ENV: 'test' });
    expect(env).toMatchObject({ GRAPH_LIMITS: {}, GRAPH_JUNK_K: 5, GRAPH_BLOCKLIST: [] });
  });

  it('when limits, K and blocklist entries are set, then they are parsed', () => {
    const env = loadReconciliationEnv({
      NODE_ENV: 'test',
      GRAPH_LIMITS: '{"card":2,"email":4}',
      GRAPH_JUNK_K: '8',
      GRAPH_BLOCKLIST: 'phone:+390212345678, email:cassa@*',
    });
    expect(env).toMatchObject({
      GRAPH_LIMITS: { card: 2, email: 4 },
      GRAPH_JUNK_K: 8,
      GRAPH_BLOCKLIST: ['phone:+390212345678', 'email:cassa@*'],
    });
  });

  it('when INBOX_CONCURRENCY is unset, then 32 events are handled at once; a value out of range is named', () => {
    expect(loadReconciliationEnv({ NODE_ENV: 'test' }).INBOX_CONCURRENCY).toBe(32);
    expect(loadReconciliationEnv({ NODE_ENV: 'test', INBOX_CONCURRENCY: '4' }).INBOX_CONCURRENCY).toBe(4);
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', INBOX_CONCURRENCY: '0' })).toThrow(
      /INBOX_CONCURRENCY/,
    );
  });

  it('when the limits are not JSON or name an unknown type, then the variable is named', () => {
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', GRAPH_LIMITS: '{card:2}' })).toThrow(
      /GRAPH_LIMITS/,
    );
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', GRAPH_LIMITS: '{"iban":2}' })).toThrow(
      /GRAPH_LIMITS/,
    );
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', GRAPH_BLOCKLIST: 'iban:x' })).toThrow(
      /GRAPH_BLOCKLIST/,
    );
  });

  it('when the weekly audit report is configured, then its recipients and relay are read; a bad address is named', () => {
    expect(loadReconciliationEnv({ NODE_ENV: 'test' })).toMatchObject({
      AUDIT_REPORT_TO: [],
      AUDIT_REPORT_SMTP_URL: '',
    });
    expect(
      loadReconciliationEnv({
        NODE_ENV: 'test',
        AUDIT_REPORT_TO: 'admin@moda-rossi.it, it@moda-rossi.it',
        AUDIT_REPORT_SMTP_URL: 'smtp://relay:25',
      }),
    ).toMatchObject({
      AUDIT_REPORT_TO: ['admin@moda-rossi.it', 'it@moda-rossi.it'],
      AUDIT_REPORT_SMTP_URL: 'smtp://relay:25',
    });
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', AUDIT_REPORT_TO: 'admin' })).toThrow(
      /AUDIT_REPORT_TO/,
    );
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', AUDIT_REPORT_SMTP_URL: 'http://x' })).toThrow(
      /AUDIT_REPORT_SMTP_URL/,
    );
  });

  it('when the peers of data-subject requests are configured, then their URLs and timeout are read; a bad timeout is named', () => {
    expect(loadReconciliationEnv({ NODE_ENV: 'test' })).toMatchObject({
      LOYALTY_SERVICE_URL: 'http://localhost:4002',
      RECEIPT_SERVICE_URL: 'http://localhost:4001',
      PRIVACY_PEER_TIMEOUT_MS: 10_000,
    });
    expect(
      loadReconciliationEnv({
        NODE_ENV: 'test',
        LOYALTY_SERVICE_URL: 'http://loyalty-service:8080',
        PRIVACY_PEER_TIMEOUT_MS: '2500',
      }),
    ).toMatchObject({ LOYALTY_SERVICE_URL: 'http://loyalty-service:8080', PRIVACY_PEER_TIMEOUT_MS: 2500 });
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', PRIVACY_PEER_TIMEOUT_MS: '10' })).toThrow(
      /PRIVACY_PEER_TIMEOUT_MS/,
    );
    expect(() => loadReconciliationEnv({ NODE_ENV: 'test', RECEIPT_SERVICE_URL: 'ftp://x' })).toThrow(
      /RECEIPT_SERVICE_URL/,
    );
  });
});
