import { AppError } from '@scontrino/errors';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeDatabase, connectDatabase, type ReencryptionCounts } from '@scontrino/db';
import { createQueueFactory, type QueueFactory, redisCacheInvalidation } from '@scontrino/queue';
import { listen, type RestRoute, restRoutesOf, type ServiceApp } from '@scontrino/service';
import { staffToken, testDatabaseUri, testStack, testStaffVerifier, uniqueName } from '@scontrino/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import type { ReceiptRouter } from '../api/router.js';
import type { StoreProfile } from '../domain/store-profile.js';
import type { EmailRetryOptions } from '../jobs/receipt-email-job.js';
import { type ReceiptJobs, startReceiptJobs } from '../jobs/start-jobs.js';
import { createMailer } from '../mail/mailer.js';
import { createReceiptServer } from '../server.js';
import { type ReceiptCryptoEnv, receiptCrypto } from '../store/receipt-crypto.js';
import { openReceiptStore, receiptCacheChannel, type ReceiptStore } from '../store/receipt-store.js';

/** What a phone camera reads from a QR code PNG (the slip's claim code, the receipt's return code). */
export { decodeQrPng } from './decode-qr-png.js';
export { anonymousSale, returnOf, sale } from './pos-fixtures.js';

export const TEST_SERVICE_TOKEN = 'receipt-test-service-token-000000000000';
/** Links in answers use it; tests reach the service at `url`. */
export const TEST_PUBLIC_URL = 'https://receipts.example.test';
/** What a scraper presents on `/metrics` of a test service. */
export const TEST_RECEIPT_METRICS_TOKEN = 'receipt-test-metrics-token-000000000000';

const logger = pino({ level: 'silent' });
const key = () => randomBytes(32).toString('base64');

/** Fresh keys of the kind every service reads from the environment (CRYPTO_KEYS, LOOKUP_HASH_KEY). */
export function testPlatformKeys(): ReceiptCryptoEnv {
  return { CRYPTO_KEYS: { '1': key() }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY: key() };
}

export function storeProfile(overrides: Partial<StoreProfile> = {}): StoreProfile {
  return {
    storeId: 'MI-001',
    tenantId: 'moda-rossi',
    name: 'Moda Rossi Milano Centro',
    legalName: 'Moda Rossi S.p.A.',
    address: { street: 'Via Torino 12', postalCode: '20123', city: 'Milano', province: 'MI', country: 'IT' },
    vatNumber: 'IT01234567890',
    timeZone: 'Europe/Rome',
    defaultLocale: 'it-IT',
    currency: 'EUR',
    branding: { accentColor: '#1a4d8f', footer: 'Resi entro 30 giorni con lo scontrino.' },
    ...overrides,
  };
}

export type ReceiptClient = ReturnType<typeof createTRPCClient<ReceiptRouter>>;

export interface PostOptions {
  key?: string;
  idempotencyKey?: string | null;
  contentType?: string;
  /** Sent as is instead of `JSON.stringify(body)`. */
  rawBody?: string;
}

export interface TestReceiptService {
  url: string;
  database: Connection;
  queues: QueueFactory;
  store: ReceiptStore;
  crypto: ReceiptCryptoEnv;
  /** Every tRPC procedure and its declared access. */
  procedures: ServiceApp['procedures'];
  /** Every REST route the app answers (what the OpenAPI document must describe). */
  restRoutes: RestRoute[];
  /** As an administrator of every tenant (a staff token of the test issuer). */
  trpc: ReceiptClient;
  /** As another service, with the service token. */
  serviceTrpc: ReceiptClient;
  /** As the bearer of this token (`staffToken({ roles: ['store_manager'], … })`). */
  trpcAs(token: string): ReceiptClient;
  /** Configures the store profile and issues a key for one of its terminals. */
  terminal(storeId: string, terminalId: string, tenantId?: string): Promise<string>;
  post(body: unknown, options?: PostOptions): Promise<{ status: number; body: unknown }>;
  /** Runs the daily retention purge now (with the service's clock). */
  purgeExpired(): Promise<Record<string, number>>;
  /** One re-encryption pass, now. */
  reencrypt(): Promise<Record<string, ReencryptionCounts>>;
  /** One look for receipt e-mails whose job was lost, now (the service looks every 30 s). */
  sweepOverdueEmails(): ReturnType<ReceiptJobs['sweepOverdueEmails']>;
  /** Claims an anonymous sale's receipt as the customer does: opens its claim page, sends the form. */
  claim(claimUrl: string, email: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  redisUrl?: string;
  /** Keys shared with other services under test (look-up hashes and sealed event values must agree). */
  crypto?: ReceiptCryptoEnv;
  /** How long a card sale's email waits for its loyalty block; default 0 (no loyalty service runs). */
  loyaltyWaitMs?: number;
  /** Queue prefix shared with other services under test, so their inboxes receive this one's events. */
  queuePrefix?: string;
  clock?: () => Date;
  /** Default: the test stack's mail sink. */
  smtpUrl?: string;
  /** Default: 6 attempts, 50 ms exponential backoff. */
  emailRetry?: EmailRetryOptions;
  claimRateLimit?: { windowMs: number; limit: number };
  tillRateLimit?: { windowMs: number; limit: number };
  /**
   * How old a sale may be (OCCURRED_AT_MAX_AGE_DAYS). Default ten years, not the service's 400
   * days: the fixtures are the contract's dated examples, and must not expire with the calendar.
   */
  occurredAtMaxAgeDays?: number;
  /** Default: a fresh database on the test stack. */
  databaseUri?: string;
  /** Default false: tests run the re-encryption by hand with `reencrypt()`. */
  scheduleReencryption?: boolean;
  /** Inbox events handled at once; default 1. */
  inboxConcurrency?: number;
  /** Receipt e-mails sent at once; default 1. */
  emailConcurrency?: number;
  /** How long a store day's counters wait for more before their update; default the service's. */
  dayWriteWindowMs?: number;
  /** The tenants an administrator created before the tests; default {@link TEST_TENANTS}. */
  tenants?: readonly string[];
}

/** The brands the fixtures and tests name: created in the registry of every test service. */
export const TEST_TENANTS: readonly string[] = [
  'moda-rossi',
  'casa-verdi',
  'altra-moda',
  'bella-casa',
  'acme',
  'other',
  'tenant-1',
];

/**
 * The whole service in-process on port 0: its own database and queue prefix on the test stack
 * (or the Redis given), a real queue factory and outbox dispatcher, keys of its own.
 */
export async function startTestReceiptService(options: TestServiceOptions = {}): Promise<TestReceiptService> {
  const redisUrl = options.redisUrl ?? testStack().redisUrl;
  const crypto: ReceiptCryptoEnv = options.crypto ?? testPlatformKeys();
  const database = await connectDatabase({
    uri: options.databaseUri ?? testDatabaseUri('receipt'),
    logger,
    retry: { attempts: 3 },
  });
  const queuePrefix = options.queuePrefix ?? uniqueName('receipt');
  const queues = createQueueFactory({
    redisUrl,
    prefix: queuePrefix,
    logger,
  });
  const keys = receiptCrypto(crypto);
  const { smtp } = testStack();
  const mailer = createMailer({
    smtpUrl: options.smtpUrl ?? `smtp://${smtp.host}:${smtp.port}`,
    from: 'Scontrino test <receipts@scontrino.test>',
    timeoutMs: 15_000,
  });
  const invalidation = redisCacheInvalidation({
    redisUrl,
    channel: receiptCacheChannel(queuePrefix),
    logger,
  });
  const store = await openReceiptStore(database, {
    crypto: keys,
    publicUrl: TEST_PUBLIC_URL,
    invalidation,
    ...(options.clock && { clock: options.clock }),
    ...(options.dayWriteWindowMs !== undefined && { dayWriteWindowMs: options.dayWriteWindowMs }),
  });
  for (const tenantId of options.tenants ?? TEST_TENANTS)
    await store.tenants.create({ tenantId, name: tenantId }, 'test-setup').catch((error: unknown) => {
      // A database shared between test services has them already.
      if (!(error instanceof AppError && error.code === 'tenant.exists')) throw error;
    });
  const jobs = await startReceiptJobs({
    queues,
    database,
    logger,
    store,
    crypto: keys,
    mailer,
    loyaltyWaitMs: options.loyaltyWaitMs ?? 0,
    publicUrl: TEST_PUBLIC_URL,
    ...(options.clock && { clock: options.clock }),
    dispatcher: { retryDelayMs: 100, maxBackoffMs: 500 },
    emailRetry: options.emailRetry ?? { attempts: 6, backoffMs: 50 },
    ...(options.inboxConcurrency && { inboxConcurrency: options.inboxConcurrency }),
    ...(options.emailConcurrency && { emailConcurrency: options.emailConcurrency }),
    scheduleReencryption: options.scheduleReencryption ?? false,
    scheduleOverdueSweep: false,
  });
  const service = createReceiptServer({
    env: {
      SERVICE_TOKEN: TEST_SERVICE_TOKEN,
      REDIS_URL: redisUrl,
      PUBLIC_URL: TEST_PUBLIC_URL,
      // Each test service counts its limits apart (they all call from 127.0.0.1).
      QUEUE_PREFIX: `${queuePrefix}:${uniqueName('limits')}`,
      OCCURRED_AT_MAX_AGE_DAYS: options.occurredAtMaxAgeDays ?? 3650,
      METRICS_TOKEN: TEST_RECEIPT_METRICS_TOKEN,
      // Through the environment's variables, as a deployment sets them.
      ...(options.claimRateLimit && {
        CLAIM_RATE_LIMIT: options.claimRateLimit.limit,
        CLAIM_RATE_WINDOW_SECONDS: Math.ceil(options.claimRateLimit.windowMs / 1000),
      }),
    },
    logger,
    database,
    staffTokens: await testStaffVerifier(),
    store,
    crypto: keys,
    outbox: jobs.outbox,
    emails: jobs.emails,
    queues: () => queues.opened?.() ?? [],
    ...(options.clock && { clock: options.clock }),
    ...(options.tillRateLimit && { tillRateLimit: options.tillRateLimit }),
  });
  const running = await listen({
    service,
    logger,
    port: 0,
    host: '127.0.0.1',
    steps: [
      { name: 'jobs', run: () => jobs.stop() },
      { name: 'cache invalidation', run: () => Promise.resolve(invalidation.close()) },
      { name: 'queues', run: () => queues.close() },
      { name: 'database', run: () => closeDatabase(database) },
    ],
  });
  const trpcAs = (token: string) =>
    createTRPCClient<ReceiptRouter>({
      links: [httpLink({ url: `${running.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
    });
  const trpc = trpcAs(await staffToken());

  return {
    url: running.url,
    database,
    queues,
    store,
    crypto,
    procedures: service.procedures,
    restRoutes: restRoutesOf(service.app),
    trpc,
    serviceTrpc: trpcAs(TEST_SERVICE_TOKEN),
    trpcAs,
    async terminal(storeId, terminalId, tenantId = 'moda-rossi') {
      await trpc.stores.upsert.mutate(storeProfile({ storeId, tenantId }));
      return (await trpc.terminals.issueKey.mutate({ storeId, terminalId })).key;
    },
    async post(body, postOptions = {}) {
      const headers: Record<string, string> = {
        'content-type': postOptions.contentType ?? 'application/json',
      };
      if (postOptions.key !== undefined) headers.authorization = `Bearer ${postOptions.key}`;
      if (postOptions.idempotencyKey !== null)
        headers['idempotency-key'] = postOptions.idempotencyKey ?? randomUUID();
      const res = await fetch(`${running.url}/v1/transactions`, {
        method: 'POST',
        headers,
        body: postOptions.rawBody ?? JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    purgeExpired: () => jobs.purgeExpired(),
    reencrypt: () => jobs.reencrypt(),
    sweepOverdueEmails: () => jobs.sweepOverdueEmails(),
    async claim(claimUrl, email) {
      const local = claimUrl.replace(TEST_PUBLIC_URL, running.url);
      const form = await (await fetch(local)).text();
      const token = /name="form" value="([^"]+)"/.exec(form)?.[1];
      if (!token) throw new Error('no form token on the claim page');
      const res = await fetch(local, { method: 'POST', body: new URLSearchParams({ form: token, email }) });
      if (res.status !== 200) throw new Error(`claim refused: ${res.status}`);
    },
    close: () => running.shutdown('test over'),
  };
}
