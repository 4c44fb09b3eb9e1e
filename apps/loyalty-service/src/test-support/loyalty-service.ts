import { randomBytes } from 'node:crypto';
import { closeDatabase, connectDatabase, type ReencryptionCounts } from '@scontrino/db';
import { receiptCacheChannel } from '@scontrino/caller-keys';
import { createQueueFactory, redisCacheInvalidation, type QueueFactory } from '@scontrino/queue';
import { listen, type RestRoute, restRoutesOf, type ServiceApp } from '@scontrino/service';
import { staffToken, testDatabaseUri, testStack, testStaffVerifier, uniqueName } from '@scontrino/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { Connection } from 'mongoose';
import { type Logger, pino } from 'pino';
import type { LoyaltyRouter } from '../api/router.js';
import { receiptServiceClient } from '../clients/receipt-service.js';
import { receiptTerminalKeyLookup, tillKeys } from '../clients/terminal-keys.js';
import { demoProgramConfig } from '@scontrino/contracts';
import { receiptTenants } from '../clients/tenants.js';
import type { ProgramConfig } from '../domain/program/program-config.js';
import { runLedgerUpkeep, type UpkeepReport } from '../jobs/ledger-upkeep.js';
import { startLoyaltyJobs } from '../jobs/start-jobs.js';
import { createMailer } from '@scontrino/mail';
import { createLoyaltyServer } from '../server.js';
import type { LoyaltyCryptoEnv } from '../store/loyalty-crypto.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { openLoyaltyDeps } from '../use-cases/open-loyalty.js';

export const TEST_LOYALTY_SERVICE_TOKEN = 'loyalty-test-service-token-000000000000';
export const TEST_TENANT = 'moda-rossi';
/** What a scraper presents on `/metrics` of a test service. */
export const TEST_LOYALTY_METRICS_TOKEN = 'loyalty-test-metrics-token-000000000000';

const silent = pino({ level: 'silent' });
const key = () => randomBytes(32).toString('base64');

export interface TestLoyaltyOptions {
  /** Keys shared with the receipt service under test, so card hashes and sealed values agree. */
  crypto?: LoyaltyCryptoEnv;
  /** Queue prefix shared with the receipt service under test, so this inbox gets its events. */
  queuePrefix?: string;
  redisUrl?: string;
  /** Where `me.receipts` finds the receipt service, and the token it presents there. */
  receiptServiceUrl?: string;
  receiptServiceToken?: string;
  /** The service token callers present here (another service's, when they share one). */
  serviceToken?: string;
  clock?: () => Date;
  /** Default: the test stack's mail sink. */
  smtpUrl?: string;
  /** Default: a fresh database on the test stack. */
  databaseUri?: string;
  /** Activated at start, per tenant. Default: the demo program for `moda-rossi`. */
  programs?: Record<string, ProgramConfig>;
  memberTokenMinutes?: number;
  /** Default: silent. Tests that read log lines pass one writing to a stream of theirs. */
  logger?: Logger;
  /** Per-IP limit on `auth.requestCode` and `auth.join`; default `SIGN_IN_CODE_LIMITS.perIp`. */
  signInCodeIpLimit?: { windowMs: number; limit: number };
  /** Per-IP limit on `auth.signIn`; default `SIGN_IN_ATTEMPT_LIMITS.perIp`. */
  signInAttemptIpLimit?: { windowMs: number; limit: number };
  /** Default false: tests run the re-encryption by hand with `reencrypt()`. */
  scheduleReencryption?: boolean;
  /** How often the outbox dispatcher looks for events by itself; default 100 ms. */
  dispatcherPollMs?: number;
  /** Inbox events handled at once; default 1. */
  inboxConcurrency?: number;
  /** Proxies whose `X-Forwarded-For` is believed (`TRUST_PROXY`), e.g. the loyalty app's address; default none. */
  trustProxy?: string[];
  /**
   * Check every call's `tenantId` against the receipt service under test (`receiptServiceUrl`),
   * as a deployed service does; default false (most tests run without a receipt service).
   */
  checkTenants?: boolean;
}

export type LoyaltyClient = ReturnType<typeof createTRPCClient<LoyaltyRouter>>;

export interface TestLoyaltyService {
  url: string;
  /** The Redis the rate limits count in, and their keys' prefix (`<prefix>rl:<limit>:<key>`). */
  redisUrl: string;
  limitsPrefix: string;
  database: Connection;
  queues: QueueFactory;
  loyalty: LoyaltyDeps;
  crypto: LoyaltyCryptoEnv;
  serviceToken: string;
  /** The bearer `/metrics` asks for. */
  metricsToken: string;
  /** Typed client with the service token (tills, the web shop, other services). */
  trpc: LoyaltyClient;
  /** Typed client as an administrator of every tenant (a staff token of the test issuer). */
  staff: LoyaltyClient;
  /** Every tRPC procedure and its declared access. */
  procedures: ServiceApp['procedures'];
  /** Every REST route the app answers (what the OpenAPI document must describe). */
  restRoutes: RestRoute[];
  /** Typed client as the loyalty app: with a member's session token, or none. */
  app(token?: string): LoyaltyClient;
  /** The daily job, run now (at the injected clock). */
  runUpkeep(): Promise<UpkeepReport>;
  /** The daily retention purge, run now (at the injected clock). */
  purgeExpired(): Promise<Record<string, number>>;
  /** One re-encryption pass, now. */
  reencrypt(): Promise<Record<string, ReencryptionCounts>>;
  close(): Promise<void>;
}

export function testLoyaltyKeys(): LoyaltyCryptoEnv {
  return { CRYPTO_KEYS: { '1': key() }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY: key() };
}

/**
 * The whole service in-process on port 0: its own database (or the one given), its inbox on the
 * queue prefix given, the demo program active, mail to the test stack's sink. The daily upkeep is
 * not scheduled: tests run it with `runUpkeep()` at their clock.
 */
export async function startTestLoyaltyService(options: TestLoyaltyOptions = {}): Promise<TestLoyaltyService> {
  const redisUrl = options.redisUrl ?? testStack().redisUrl;
  const logger = options.logger ?? silent;
  const crypto = options.crypto ?? testLoyaltyKeys();
  const serviceToken = options.serviceToken ?? TEST_LOYALTY_SERVICE_TOKEN;
  const database = await connectDatabase({
    uri: options.databaseUri ?? testDatabaseUri('loyalty'),
    logger,
    retry: { attempts: 3 },
  });
  const queuePrefix = options.queuePrefix ?? uniqueName('loyalty');
  const queues = createQueueFactory({
    redisUrl,
    prefix: queuePrefix,
    logger,
  });
  const loyalty = await openLoyaltyDeps(database, { crypto, ...(options.clock && { clock: options.clock }) });
  for (const [tenantId, config] of Object.entries(options.programs ?? { [TEST_TENANT]: demoProgramConfig }))
    await loyalty.programs.activate(tenantId, config, { author: 'test', note: 'test program' });
  const smtpUrl = options.smtpUrl ?? (() => `smtp://${testStack().smtp.host}:${testStack().smtp.port}`)();
  const mailer = createMailer({
    smtpUrl,
    from: 'Scontrino loyalty test <loyalty@scontrino.test>',
    timeoutMs: 15_000,
  });
  const jobs = await startLoyaltyJobs({
    queues,
    database,
    logger,
    loyalty,
    scheduleUpkeep: false,
    scheduleReencryption: options.scheduleReencryption ?? false,
    dispatcher: { sweepIntervalMs: options.dispatcherPollMs ?? 100, retryDelayMs: 100, maxBackoffMs: 500 },
    ...(options.inboxConcurrency && { inboxConcurrency: options.inboxConcurrency }),
  });
  const limitsQueuePrefix = `${queuePrefix}:${uniqueName('limits')}`;
  // Terminal keys are verified against the receipt service under test, and revoked through its channel.
  const receiptService = {
    url: options.receiptServiceUrl ?? 'http://127.0.0.1:9',
    serviceToken: options.receiptServiceToken ?? serviceToken,
  };
  const receiptAnnouncements = redisCacheInvalidation({
    redisUrl,
    channel: receiptCacheChannel(queuePrefix),
    logger,
  });
  const service = createLoyaltyServer({
    env: {
      SERVICE_TOKEN: serviceToken,
      REDIS_URL: redisUrl,
      MEMBER_TOKEN_TTL_MINUTES: options.memberTokenMinutes ?? 30,
      // Each test service counts its limits apart (they all call from 127.0.0.1).
      QUEUE_PREFIX: limitsQueuePrefix,
      METRICS_TOKEN: TEST_LOYALTY_METRICS_TOKEN,
      ...(options.trustProxy && { TRUST_PROXY: options.trustProxy }),
    },
    logger,
    database,
    staffTokens: await testStaffVerifier(),
    loyalty,
    mailer,
    queues: () => queues.opened?.() ?? [],
    ...(options.signInCodeIpLimit && {
      signInCodeIpLimit: { name: 'sign-in-code-ip', ...options.signInCodeIpLimit },
    }),
    ...(options.signInAttemptIpLimit && {
      signInAttemptIpLimit: { name: 'sign-in-attempt-ip', ...options.signInAttemptIpLimit },
    }),
    receipts: receiptServiceClient(receiptService),
    tillKeys: tillKeys(receiptTerminalKeyLookup(receiptService), receiptAnnouncements),
    ...(options.checkTenants && { tenants: receiptTenants(receiptService, receiptAnnouncements) }),
  });
  const running = await listen({
    service,
    logger,
    port: 0,
    host: '127.0.0.1',
    steps: [
      { name: 'jobs', run: () => jobs.stop() },
      { name: 'queues', run: () => queues.close() },
      { name: 'cache invalidation', run: () => Promise.resolve(receiptAnnouncements.close()) },
      { name: 'mailer', run: () => Promise.resolve(mailer.close()) },
      { name: 'database', run: () => closeDatabase(database) },
    ],
  });
  const client = (token?: string) =>
    createTRPCClient<LoyaltyRouter>({
      links: [
        httpLink({ url: `${running.url}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} }),
      ],
    });

  return {
    url: running.url,
    redisUrl,
    limitsPrefix: `${limitsQueuePrefix}:rl:`,
    database,
    queues,
    loyalty,
    crypto,
    serviceToken,
    metricsToken: TEST_LOYALTY_METRICS_TOKEN,
    trpc: client(serviceToken),
    staff: client(await staffToken()),
    procedures: service.procedures,
    restRoutes: restRoutesOf(service.app),
    app: (token) => client(token),
    runUpkeep: () => runLedgerUpkeep(loyalty, logger),
    purgeExpired: () => jobs.purgeExpired(),
    reencrypt: () => jobs.reencrypt(),
    close: () => running.shutdown('test over'),
  };
}
