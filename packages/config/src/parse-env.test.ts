import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './parse-env.js';
import { cryptoEnv, httpEnv, mongoEnv, runtimeEnv } from './fragments.js';

const fragments = [runtimeEnv, httpEnv(4001), mongoEnv('scontrino_test'), cryptoEnv] as const;

function problemsOf(source: Record<string, string>): { variable: string; message: string }[] {
  try {
    parseEnv('receipt-service', fragments, source);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('gives a developer a working configuration with no variables set', () => {
    const env = parseEnv('receipt-service', fragments, {});
    expect(env.PORT).toBe(4001);
    expect(env.NODE_ENV).toBe('development');
    expect(env.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/scontrino_test');
    expect(env.CRYPTO_KEYS).toHaveProperty('1');
  });

  it('when CORS origins are listed, then each is kept; a URL with a path is refused, named by its place in the list', () => {
    expect(parseEnv('receipt-service', fragments, {}).CORS_ORIGINS).toEqual([]);
    const env = parseEnv('receipt-service', fragments, {
      CORS_ORIGINS: 'https://app.moda-rossi.example, http://localhost:4010',
    });
    expect(env.CORS_ORIGINS).toEqual(['https://app.moda-rossi.example', 'http://localhost:4010']);
    expect(problemsOf({ CORS_ORIGINS: 'https://ok.example, https://app.moda-rossi.example/login' })).toEqual([
      {
        variable: 'CORS_ORIGINS.1',
        message: 'each must be an origin such as https://app.example.com (scheme, host, port; no path)',
      },
    ]);
  });

  it('names a bad port and keeps the rest quiet', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([{ variable: 'PORT', message: 'must be a number' }]);
    expect(problemsOf({ PORT: '70000' })).toEqual([
      { variable: 'PORT', message: 'must be between 1 and 65535' },
    ]);
  });

  it('refuses to start in production without real keys and database, naming each variable', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'CRYPTO_ACTIVE_KEY',
      'CRYPTO_KEYS',
      'LOOKUP_HASH_KEY',
      'METRICS_TOKEN',
      'MONGODB_URI',
      'PUBLIC_URL',
    ]);
    expect(problems.every((p) => p.message === 'is required')).toBe(true);
  });

  it('when no METRICS_TOKEN is set, then a developer starts with metrics off, and a short token is refused', () => {
    expect(parseEnv('receipt-service', fragments, {}).METRICS_TOKEN).toBeUndefined();
    const token = 'm'.repeat(32);
    expect(parseEnv('receipt-service', fragments, { METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([
      { variable: 'METRICS_TOKEN', message: 'must be at least 32 characters' },
    ]);
  });

  it('when TRUST_PROXY lists addresses and CIDR blocks, then each is kept; names, bad prefixes and /0 are refused by place', () => {
    expect(parseEnv('receipt-service', fragments, {}).TRUST_PROXY).toEqual([]);
    expect(
      parseEnv('receipt-service', fragments, { TRUST_PROXY: '127.0.0.1, 10.42.0.0/16,::1, fd00::/8' })
        .TRUST_PROXY,
    ).toEqual(['127.0.0.1', '10.42.0.0/16', '::1', 'fd00::/8']);
    expect(
      problemsOf({ TRUST_PROXY: '127.0.0.1,proxy.internal,10.0.0.0/33,0.0.0.0/0,10.0.0.1:8080,::/0' }),
    ).toEqual([
      {
        variable: 'TRUST_PROXY.1',
        message: 'each must be an IP address or a CIDR block such as 10.0.0.0/8 (no names, no ports)',
      },
      { variable: 'TRUST_PROXY.2', message: 'each CIDR prefix must be a number from 1 to 32' },
      {
        variable: 'TRUST_PROXY.3',
        message:
          'must not trust every address (/0): anyone could then choose the address they are counted as',
      },
      {
        variable: 'TRUST_PROXY.4',
        message: 'each must be an IP address or a CIDR block such as 10.0.0.0/8 (no names, no ports)',
      },
      {
        variable: 'TRUST_PROXY.5',
        message:
          'must not trust every address (/0): anyone could then choose the address they are counted as',
      },
    ]);
  });

  it('treats an empty variable as unset and explains a malformed one', () => {
    const problems = problemsOf({ MONGODB_URI: 'postgres://x', CRYPTO_KEYS: '{"1":"short"}', LOG_LEVEL: '' });
    expect(problems).toEqual([
      { variable: 'MONGODB_URI', message: 'must start with mongodb:// or mongodb+srv://' },
      { variable: 'CRYPTO_KEYS.1', message: 'must be 32 bytes, base64-encoded' },
    ]);
  });

  it('writes a message that names the service and every variable', () => {
    expect(() => parseEnv('loyalty-service', fragments, { PORT: '0', NODE_ENV: 'staging' })).toThrow(
      /loyalty-service: invalid configuration\n {2}- NODE_ENV: .*\n {2}- PORT: must be between 1 and 65535/,
    );
  });
  it('when a URL variable holds no URL at all, then it is named, not a crash', () => {
    expect(problemsOf({ MONGODB_URI: 'not a url' })).toEqual([
      { variable: 'MONGODB_URI', message: 'must be a URL starting with mongodb:// or mongodb+srv://' },
    ]);
  });
});
