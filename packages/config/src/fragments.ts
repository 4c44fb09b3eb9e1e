import { isIP } from 'node:net';
import { z } from 'zod';
import { envFragment } from './parse-env.js';

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const url = (protocols: readonly string[]) =>
  z
    .url({ error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`, abort: true })
    .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
      error: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

/** A variable holding JSON, parsed; malformed JSON is named with an example of the expected shape. */
export const jsonVariable = (example: string) =>
  z.string().transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a JSON object such as ${example}` });
      return z.NEVER;
    }
  });

export const runtimeEnv = envFragment({
  shape: {
    NODE_ENV: z.enum(['development', 'test', 'production']),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  defaults: { NODE_ENV: 'development', LOG_LEVEL: 'info' },
});

/** An address (`10.0.0.7`, `::1`) or a block of them (`10.0.0.0/8`, `fd00::/8`). */
function proxyAddressProblem(entry: string): string | null {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0)
    return 'each must be an IP address or a CIDR block such as 10.0.0.0/8 (no names, no ports)';
  if (prefix === undefined) return null;
  const bits = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)
    return `each CIDR prefix must be a number from 1 to ${bits}`;
  if (Number(prefix) === 0)
    return 'must not trust every address (/0): anyone could then choose the address they are counted as';
  return null;
}

/**
 * `TRUST_PROXY`: the proxies whose `X-Forwarded-For` the service believes, comma-separated
 * addresses and CIDR blocks (Express's `trust proxy`). Empty (the default): none, and every client
 * is the socket's peer address.
 */
const trustedProxies = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().superRefine((entry, ctx) => {
        const problem = proxyAddressProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    ),
  );

export const httpEnv = (defaultPort: number) =>
  envFragment({
    shape: {
      PORT: port,
      /** Public base URL of this service, used in links it hands out (receipt pages, claim QR codes). */
      PUBLIC_URL: url(['http:', 'https:']),
      /** Comma-separated web origins whose pages may call the service from a browser (CORS); none by default. */
      CORS_ORIGINS: z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z.string().refine((origin) => URL.canParse(origin) && new URL(origin).origin === origin, {
              error: 'each must be an origin such as https://app.example.com (scheme, host, port; no path)',
            }),
          ),
        ),
      TRUST_PROXY: trustedProxies,
      /**
       * The bearer token a scraper presents on `GET /metrics`. Without it `/metrics` refuses every
       * scrape; production does not start without it.
       */
      METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
      /**
       * Requests the service works on at once; one more is answered 503 with `Retry-After` at once
       * (load shedding: overload drains instead of piling up behind a slow dependency).
       */
      MAX_IN_FLIGHT_REQUESTS: z.coerce
        .number()
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(100_000, 'must be at most 100000'),
    },
    defaults: { PORT: String(defaultPort), CORS_ORIGINS: '', TRUST_PROXY: '', MAX_IN_FLIGHT_REQUESTS: '256' },
    devDefaults: { PUBLIC_URL: `http://localhost:${defaultPort}` },
    requiredInProduction: { METRICS_TOKEN: true },
  });

export const mongoEnv = (databaseName: string) =>
  envFragment({
    shape: { MONGODB_URI: url(['mongodb:', 'mongodb+srv:']) },
    devDefaults: { MONGODB_URI: `mongodb://127.0.0.1:27017/${databaseName}` },
  });

export const redisEnv = envFragment({
  shape: {
    REDIS_URL: url(['redis:', 'rediss:']),
    /** Key prefix of every queue; wrap in {braces} to keep a service's keys on one Redis Cluster slot. */
    QUEUE_PREFIX: z.string().min(1).max(64),
  },
  defaults: { QUEUE_PREFIX: 'scontrino' },
  devDefaults: { REDIS_URL: 'redis://127.0.0.1:6379' },
});

export const mailEnv = envFragment({
  shape: {
    SMTP_URL: url(['smtp:', 'smtps:']),
    MAIL_FROM: z.string().min(3),
    /**
     * How long the relay may take to accept the connection, greet, or answer any command before
     * the attempt fails (and is retried later): a stalled relay must not hold a send forever.
     */
    SMTP_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(100, 'must be between 100 and 600000')
      .max(600_000, 'must be between 100 and 600000'),
  },
  defaults: { MAIL_FROM: 'Scontrino <receipts@scontrino.local>', SMTP_TIMEOUT_MS: '15000' },
  devDefaults: { SMTP_URL: 'smtp://127.0.0.1:1025' },
});

/** Shared secret that services present to each other on tRPC calls. */
export const serviceAuthEnv = envFragment({
  shape: { SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters') },
  devDefaults: { SERVICE_TOKEN: 'dev-only-service-token-change-me-0000000000' },
});

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  error: 'must be 32 bytes, base64-encoded',
});

/**
 * Keys for personal data at rest. `CRYPTO_KEYS` is a JSON object of key versions to base64 keys,
 * e.g. {"1":"…","2":"…"}: old versions stay to read old ciphertexts, `CRYPTO_ACTIVE_KEY` encrypts.
 */
export const cryptoEnv = envFragment({
  shape: {
    CRYPTO_KEYS: jsonVariable('{"1":"<base64 key>"}').pipe(
      z.record(z.string().regex(/^[1-9]\d{0,5}$/, 'key versions are positive integers'), base64Key),
    ),
    CRYPTO_ACTIVE_KEY: z.coerce.number().int().positive(),
    LOOKUP_HASH_KEY: base64Key,
  },
  devDefaults: {
    // Throw-away keys for a developer's machine; production refuses to start without real ones.
    CRYPTO_KEYS: '{"1":"ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE="}',
    CRYPTO_ACTIVE_KEY: '1',
    LOOKUP_HASH_KEY: 'ZGV2LW9ubHktbG9va3VwLWtleS1ub3QtZm9yLXByb2Q=',
  },
});

/**
 * `RETENTION_DAYS`: how many days each of the service's data classes is kept before the daily
 * purge removes it, as JSON (`{"delivery_logs":90}`); classes not named keep `defaults`.
 */
export const retentionEnv = <TClass extends string>(defaults: Readonly<Record<TClass, number>>) => {
  const classes = Object.keys(defaults) as [TClass, ...TClass[]];
  const days = z.number({ error: 'must be a number of days' }).int('must be whole days').min(1).max(3650);
  return envFragment({
    shape: {
      RETENTION_DAYS: jsonVariable(`{"${classes[0]}":30}`)
        .pipe(z.partialRecord(z.enum(classes), days))
        .transform((given) => ({ ...defaults, ...given })),
    },
    defaults: { RETENTION_DAYS: '{}' },
  });
};

/**
 * Where staff tokens come from (docs/security.md, "Staff access"): the identity provider's issuer,
 * the audience it writes for Scontrino, and its public keys, as a JWKS URL or (demo stack, tests)
 * inline JSON. Without an issuer no staff token is accepted and every staff procedure answers 401.
 */
export const staffAuthEnv = envFragment({
  shape: {
    STAFF_TOKEN_ISSUER: z.string().min(1).optional(),
    STAFF_TOKEN_AUDIENCE: z.string().min(1),
    STAFF_JWKS_URL: url(['https:', 'http:']).optional(),
    STAFF_JWKS: jsonVariable('{"keys":[{"kty":"EC",…}]}')
      .pipe(z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) }))
      .optional(),
  },
  defaults: { STAFF_TOKEN_AUDIENCE: 'scontrino' },
});
