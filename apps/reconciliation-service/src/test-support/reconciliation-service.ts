import { randomBytes } from 'node:crypto';
import { closeDatabase, connectDatabase, type ReencryptionCounts } from '@scontrino/db';
import { newCallerKey, receiptCacheChannel, type ShopKeyRecord } from '@scontrino/caller-keys';
import {
  createQueueFactory,
  inboxQueueName,
  redisCacheInvalidation,
  type QueueFactory,
} from '@scontrino/queue';
import { listen, type RestRoute, restRoutesOf, type ServiceApp } from '@scontrino/service';
import { staffToken, testDatabaseUri, testStack, testStaffVerifier, uniqueName } from '@scontrino/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import type { ReconciliationRouter } from '../api/router.js';
import { loyaltyMarketingConsents, type MarketingConsents } from '../clients/marketing-consents.js';
import { type PeerAddress, privacyPeers } from '../clients/privacy-peers.js';
import { receiptShopKeyLookup, webShopKeys, type ShopKeyLookup } from '../clients/shop-keys.js';
import { receiptTenants } from '../clients/tenants.js';
import type { ReconciliationEnv } from '../env.js';
import { startReconciliationJobs } from '../jobs/start-jobs.js';
import type { GraphDeps } from '../use-cases/linking/graph-deps.js';
import type { WeeklyMailDeps } from '../use-cases/quality/weekly-report.js';
import { openGraph } from '../use-cases/linking/graph-setup.js';
import { createReconciliationServer } from '../server.js';
import type { IdentityCryptoEnv } from '../store/identity-crypto.js';

export const TEST_SERVICE_TOKEN = 'reconciliation-test-service-token-0000000000000';

const logger = pino({ level: 'silent' });
const key = () => randomBytes(32).toString('base64');

export interface TestReconciliationOptions {
  redisUrl?: string;
  /** Keys shared with the other services under test (hashes and sealed event values must agree). */
  crypto?: IdentityCryptoEnv;
  /** Queue prefix shared with the other services under test, so this inbox receives their events. */
  queuePrefix?: string;
  clock?: () => Date;
  /** The token other services and clients present; default {@link TEST_SERVICE_TOKEN}. */
  serviceToken?: string;
  graph?: Partial<Pick<ReconciliationEnv, 'GRAPH_LIMITS' | 'GRAPH_JUNK_K' | 'GRAPH_BLOCKLIST'>>;
  /** Where data-subject requests find the peers (default: a closed port, so they answer 503). */
  peers?: { loyalty?: PeerAddress; receipt?: PeerAddress; timeoutMs?: number };
  /** Default: a fresh database on the test stack. */
  databaseUri?: string;
  /** Default false: tests run the re-encryption by hand with `reencrypt()`. */
  scheduleReencryption?: boolean;
  /** Default false: tests compute the customer facts by hand with `customerFigures()`. */
  scheduleCustomerFacts?: boolean;
  /**
   * The receipt service under test (on the same `queuePrefix`): shop keys are verified against
   * it, as deployed. Default none: shop keys come from a registry of this test support's own
   * (`shopKey`), which `postOrder` uses for the body's tenant and shop.
   */
  receiptService?: PeerAddress;
  /** Check every call's `tenantId` against `receiptService`, as deployed; default false. */
  checkTenants?: boolean;
  /** The weekly audit report's relay, recipients and till figures (default: not e-mailed, no till). */
  weeklyReport?: Pick<WeeklyMailDeps, 'mailer' | 'recipients' | 'till'>;
  /** Where segment exports ask for marketing consent (default: `peers.loyalty`'s service, else none). */
  consents?: MarketingConsents;
}

export type ReconciliationClient = ReturnType<typeof createTRPCClient<ReconciliationRouter>>;

export interface TestReconciliationService {
  url: string;
  database: Connection;
  queues: QueueFactory;
  graph: GraphDeps;
  /** Typed client with the service token (the other services, the web shop). */
  trpc: ReconciliationClient;
  /** Typed client as an administrator of every tenant (a staff token of the test issuer). */
  staff: ReconciliationClient;
  /** Typed client with any bearer token, e.g. a staff token with one role. */
  as(token: string): ReconciliationClient;
  /** Every tRPC procedure and its declared access. */
  procedures: ServiceApp['procedures'];
  /** Every REST route the app answers (what the OpenAPI document must describe). */
  restRoutes: RestRoute[];
  /** The retention purge, run now: counts per data class. */
  purgeExpired(): Promise<Record<string, number>>;
  /** Every tenant's RFM segment snapshot of today (the service's clock), now, once the inbox is idle: customers per tenant. */
  snapshotSegments(): Promise<Record<string, number>>;
  /**
   * Once the inbox is idle: the marked customers' facts computed again and every tenant's day
   * counters built, now (the service does it within seconds of a mark, and nightly).
   */
  customerFigures(): Promise<{ computed: number; customers: Record<string, number> }>;
  /** The weekly audit report of `week` (default: last week), sent now: the tenants it went out for. */
  sendWeeklyReport(week?: string): Promise<string[]>;
  /**
   * `POST /v1/online-orders` as the web shop: with `key`, else (without a `receiptService`) with
   * a shop key of the body's tenant and shop from the test support's own registry.
   */
  postOrder(body: unknown, key?: string): Promise<{ status: number; body: unknown }>;
  /** A key of the test support's own registry for one shop (none with a `receiptService`). */
  shopKey(tenantId: string, shopId: string): string;
  /** Resolves once the inbox worker has linked the observation (polls `observations.status`). */
  waitLinked(observationId: string, timeoutMs?: number): Promise<{ profileId: string | null }>;
  /** One re-encryption pass, now. */
  reencrypt(): Promise<Record<string, ReencryptionCounts>>;
  close(): Promise<void>;
}

/** The whole service in-process on port 0: its own database, the test stack's Redis, real worker and dispatcher. */
export async function startTestReconciliationService(
  options: TestReconciliationOptions = {},
): Promise<TestReconciliationService> {
  const redisUrl = options.redisUrl ?? testStack().redisUrl;
  const serviceToken = options.serviceToken ?? TEST_SERVICE_TOKEN;
  const crypto = options.crypto ?? {
    CRYPTO_KEYS: { '1': key() },
    CRYPTO_ACTIVE_KEY: 1,
    LOOKUP_HASH_KEY: key(),
  };
  const database = await connectDatabase({
    uri: options.databaseUri ?? testDatabaseUri('reconciliation'),
    logger,
    retry: { attempts: 3 },
  });
  const queuePrefix = options.queuePrefix ?? uniqueName('recon');
  const queues = createQueueFactory({ redisUrl, prefix: queuePrefix, logger });
  const graphEnv = { GRAPH_LIMITS: {}, GRAPH_JUNK_K: 5, GRAPH_BLOCKLIST: [], ...options.graph };
  const jobs = await startReconciliationJobs({
    queues,
    database,
    logger,
    graph: await openGraph(database, { ...crypto, ...graphEnv }, options.clock),
    dispatcher: { retryDelayMs: 100, maxBackoffMs: 500 },
    scheduleReencryption: options.scheduleReencryption ?? false,
    scheduleCustomerFacts: options.scheduleCustomerFacts ?? false,
    ...(options.weeklyReport && { weeklyReport: options.weeklyReport }),
  });
  const receiptAnnouncements = redisCacheInvalidation({
    redisUrl,
    channel: receiptCacheChannel(queuePrefix),
    logger,
  });
  // Without a receipt service, the shop keys' records are kept here, as the receipt service keeps them.
  const localKeys = new Map<string, { key: string; record: ShopKeyRecord }>();
  const localLookup: ShopKeyLookup = {
    record: (keyId) =>
      Promise.resolve([...localKeys.values()].find(({ record }) => record._id === keyId)?.record ?? null),
  };
  const shopKey = (tenantId: string, shopId: string): string => {
    if (options.receiptService) throw new Error('issue shop keys with the receipt service under test');
    const name = `${tenantId}/${shopId}`;
    const existing = localKeys.get(name);
    if (existing) return existing.key;
    const issued = newCallerKey('shop');
    localKeys.set(name, {
      key: issued.key,
      record: { _id: issued.keyId, tenantId, shopId, secretHash: issued.secretHash, revokedAt: null },
    });
    return issued.key;
  };
  const service = createReconciliationServer({
    env: { SERVICE_TOKEN: serviceToken, REDIS_URL: redisUrl },
    shopKeys: webShopKeys(
      options.receiptService ? receiptShopKeyLookup(options.receiptService) : localLookup,
      receiptAnnouncements,
    ),
    ...(options.receiptService &&
      options.checkTenants && { tenants: receiptTenants(options.receiptService, receiptAnnouncements) }),
    logger,
    database,
    graph: jobs.graph,
    queues,
    staffTokens: await testStaffVerifier(),
    ...(options.weeklyReport?.till && { till: options.weeklyReport.till }),
    ...((options.consents ?? options.peers?.loyalty) && {
      consents:
        options.consents ??
        loyaltyMarketingConsents(options.peers?.loyalty as PeerAddress, options.peers?.timeoutMs ?? 5_000),
    }),
    privacyPeers: privacyPeers({
      loyalty: options.peers?.loyalty ?? { url: 'http://127.0.0.1:9', serviceToken },
      receipt: options.peers?.receipt ?? { url: 'http://127.0.0.1:9', serviceToken },
      timeoutMs: options.peers?.timeoutMs ?? 5_000,
    }),
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
      { name: 'database', run: () => closeDatabase(database) },
    ],
  });
  const client = (token: string): ReconciliationClient =>
    createTRPCClient<ReconciliationRouter>({
      links: [httpLink({ url: `${running.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
    });
  const trpc = client(serviceToken);
  /** Resolves once the inbox has been idle twice 250 ms apart (merges' own events follow them through the outbox). */
  const inboxIdle = async () => {
    const inbox = queues.queue(inboxQueueName('reconciliation-service'));
    for (let deadline = Date.now() + 20_000, idle = 0; idle < 2;) {
      const counts = await inbox.getJobCounts();
      idle = counts.waiting + counts.active + counts.delayed === 0 ? idle + 1 : 0;
      if (Date.now() > deadline) throw new Error(`inbox not idle: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, idle > 0 ? 250 : 50));
    }
  };
  return {
    url: running.url,
    database,
    queues,
    graph: jobs.graph,
    trpc,
    staff: client(await staffToken()),
    as: client,
    procedures: service.procedures,
    restRoutes: restRoutesOf(service.app),
    purgeExpired: () => jobs.purgeExpired(),
    // The snapshot reads the customers' facts: what the inbox marked must be marked first.
    snapshotSegments: async () => {
      await inboxIdle();
      return jobs.snapshotSegments();
    },
    sendWeeklyReport: (week) => jobs.sendWeeklyReport(week),
    async customerFigures() {
      await inboxIdle();
      return jobs.customerFigures();
    },
    shopKey,
    async postOrder(body, key) {
      const named = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const bearer =
        key ??
        shopKey(
          typeof named.tenantId === 'string' ? named.tenantId : 'moda-rossi',
          typeof named.shopId === 'string' ? named.shopId : 'web-it',
        );
      const res = await fetch(`${running.url}/v1/online-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    async waitLinked(observationId, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await trpc.observations.status.query({ observationId });
        if (status.linked) return { profileId: status.profileId };
        if (Date.now() > deadline)
          throw new Error(`observation ${observationId} not linked within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    reencrypt: () => jobs.reencrypt(),
    close: () => running.shutdown('test over'),
  };
}

/** A client as `crm:anna` of the CRM team, who curates one tenant's identity links. */
export async function curator(
  service: TestReconciliationService,
  tenantId: string,
): Promise<ReconciliationClient> {
  return service.as(await staffToken({ sub: 'crm:anna', roles: ['crm_analyst'], tenants: [tenantId] }));
}
