import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { createEventPublisher, createQueueFactory } from '@scontrino/queue';
import type { EventEnvelope } from '@scontrino/contracts';
import mongoose from 'mongoose';
import { listen } from '@scontrino/service';
import { createLocalIssuer, createStaffTokenVerifier } from '@scontrino/staff-access';
import { startDatabase, startRedis } from '@scontrino/testing';
import { pino } from 'pino';
import { loadReconciliationEnv } from '../src/env.js';
import { startReconciliationJobs } from '../src/jobs/start-jobs.js';
import { openGraph } from '../src/use-cases/linking/graph-setup.js';
import { privacyPeers } from '../src/clients/privacy-peers.js';
import { webShopKeys } from '../src/clients/shop-keys.js';
import { createReconciliationServer } from '../src/server.js';
import { identityCrypto, type IdentityCrypto } from '../src/store/identity-crypto.js';
import type { GraphDeps } from '../src/use-cases/linking/graph-deps.js';

/** `mongodb://h1,h2/?opts` + `name` → `mongodb://h1,h2/name?opts` (an external MONGODB_URI may have either). */
function withDatabaseName(uri: string, name: string): string {
  const [base = uri, query] = uri.split('?', 2);
  const hostsEnd = base.indexOf('/', base.indexOf('://') + 3);
  return `${hostsEnd === -1 ? base : base.slice(0, hostsEnd)}/${name}${query === undefined ? '' : `?${query}`}`;
}

export interface LocalService {
  url: string;
  serviceToken: string;
  /** A CRM analyst's token for every tenant (suggestions, the match model's estimate); absent against --url without one. */
  staffToken?: string | undefined;
  /** The shared look-up key: the evaluation hashes ground truth with it to read `profiles.list`. */
  lookupHashKey: string;
  databaseKind: string;
  /** Database commands the service has sent so far (its driver's command monitoring). */
  dbCommands?: () => number;
  /** The same, by `command collection` (`find identifiers`), with the time they took (ms, summed). */
  dbCommandsBy?: () => Map<string, { count: number; ms: number }>;
  /** The service's graph (its linker, store and crypto), to feed the linker directly. */
  graph?: GraphDeps;
  /** The service's inbox, fed directly (as other services' dispatchers do). */
  inbox?: {
    publish(events: readonly EventEnvelope[]): Promise<void>;
    linkedCount(): Promise<number>;
    crypto: IdentityCrypto;
  };
  stop(): Promise<void>;
}

/** A {@link LocalService} started in this process: its counters, graph and inbox are always there. */
export type InProcessService = LocalService &
  Required<Pick<LocalService, 'staffToken' | 'dbCommands' | 'dbCommandsBy' | 'graph' | 'inbox'>>;

/**
 * The reconciliation service in this process, wired as `start.ts` wires it, on a fresh database
 * and Redis of its own (FerretDB or mongod, as the test stack picks) in a temporary directory.
 * `blocklist` entries read as GRAPH_BLOCKLIST's (`phone:+390286461234`, `email:noemail@*`).
 */
export async function startLocalService(options: {
  blocklist: readonly string[];
}): Promise<InProcessService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-evaluate-'));
  const stops: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const database = await startDatabase({ dataDir: join(dataDir, 'db') });
    stops.push(() => database.stop());
    const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
    stops.push(() => redis.stop());
    const key = () => randomBytes(32).toString('base64');
    // A staff issuer of its own: the evaluation curates as a CRM analyst would.
    const issuer = await createLocalIssuer({ issuer: 'https://staff.evaluate.localhost' });
    const env = loadReconciliationEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: '4003',
      PUBLIC_URL: 'http://127.0.0.1:4003',
      MONGODB_URI: withDatabaseName(database.url, `evaluate_${Date.now().toString(36)}`),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'evaluate',
      SERVICE_TOKEN: `evaluate_${randomBytes(24).toString('base64url')}`,
      // Production mode requires one; the evaluation never scrapes /metrics.
      METRICS_TOKEN: randomBytes(24).toString('base64url'),
      CRYPTO_KEYS: JSON.stringify({ '1': key() }),
      CRYPTO_ACTIVE_KEY: '1',
      LOOKUP_HASH_KEY: key(),
      GRAPH_BLOCKLIST: options.blocklist.join(',') || ' ',
      INBOX_CONCURRENCY: process.env.INBOX_CONCURRENCY,
      // Asked only by data-subject requests, which the benches do not make.
      LOYALTY_SERVICE_URL: 'http://127.0.0.1:4002',
      RECEIPT_SERVICE_URL: 'http://127.0.0.1:4001',
    });
    const logger = pino({ level: env.LOG_LEVEL });
    const connection = await connectDatabase({ uri: env.MONGODB_URI, logger, retry: { attempts: 3 } });
    const observer = await mongoose.createConnection(env.MONGODB_URI).asPromise();
    stops.push(() => observer.close());
    let commands = 0;
    const byCommand = new Map<string, { count: number; ms: number }>();
    const started = new Map<number, string>();
    const client = connection.getClient();
    client.on('commandStarted', (event) => {
      if (event.databaseName !== connection.name) return;
      commands += 1;
      const target: unknown = event.command[event.commandName];
      started.set(
        event.requestId,
        typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName,
      );
    });
    const ended = (event: { requestId: number; duration: number }) => {
      const key = started.get(event.requestId);
      if (key === undefined) return;
      started.delete(event.requestId);
      const entry = byCommand.get(key) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += event.duration;
      byCommand.set(key, entry);
    };
    client.on('commandSucceeded', ended);
    client.on('commandFailed', ended);
    const queues = createQueueFactory({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, logger });
    const jobs = await startReconciliationJobs({
      queues,
      database: connection,
      logger,
      graph: await openGraph(connection, env),
      dispatcher: { retryDelayMs: 100, maxBackoffMs: 500 },
      inboxConcurrency: env.INBOX_CONCURRENCY,
    });
    const service = createReconciliationServer({
      env,
      logger,
      database: connection,
      graph: jobs.graph,
      staffTokens: createStaffTokenVerifier(issuer.config),
      // The bench makes no data-subject requests: the peers are the env's (unused) defaults.
      privacyPeers: privacyPeers({
        loyalty: { url: env.LOYALTY_SERVICE_URL, serviceToken: env.SERVICE_TOKEN },
        receipt: { url: env.RECEIPT_SERVICE_URL, serviceToken: env.SERVICE_TOKEN },
        timeoutMs: env.PRIVACY_PEER_TIMEOUT_MS,
      }),
      // Orders come over tRPC with the service token (api-client.ts): no web shop, no shop key.
      shopKeys: webShopKeys({ record: () => Promise.resolve(null) }),
      // `system.backlog` counts the inbox and the linking lag, as in a deployment.
      queues,
    });
    const running = await listen({
      service,
      logger,
      port: 0,
      host: '127.0.0.1',
      steps: [
        { name: 'jobs', run: () => jobs.stop() },
        { name: 'queues', run: () => queues.close() },
        { name: 'database', run: () => closeDatabase(connection) },
      ],
    });
    stops.push(() => running.shutdown('evaluation over'));
    return {
      url: running.url,
      serviceToken: env.SERVICE_TOKEN,
      staffToken: await issuer.sign(
        { sub: 'evaluate', roles: ['crm_analyst'], tenants: ['*'] },
        { expiresIn: '12h' },
      ),
      lookupHashKey: env.LOOKUP_HASH_KEY,
      databaseKind: database.kind,
      dbCommands: () => commands,
      dbCommandsBy: () => new Map(byCommand),
      graph: jobs.graph,
      inbox: {
        publish: createEventPublisher(queues),
        linkedCount: () => observer.collection('linked_observations').countDocuments(),
        crypto: identityCrypto(env),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
