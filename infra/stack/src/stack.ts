import { join } from 'node:path';
import getPort from 'get-port';
import { startDatabase } from './database.js';
import { devSecrets } from './dev-secrets.js';
import { silentLogger, type Logger } from './logger.js';
import { startMailSink, type MailSink } from './mail-sink/index.js';
import { startRedis } from './redis.js';
import {
  BACK_OFFICE_CLIENT_ID,
  SERVICES,
  startServices,
  type RunningService,
  type ServiceDefinition,
} from './services.js';
import { type RunningDemoSignIn, startDemoSignIn } from '@scontrino/staff-access';
import { demoStaff } from './staff-tokens.js';
import { STAFF_ISSUER_KEY_FILE, stackStaffAccess, type StackStaffAccess } from './staff-tokens.js';

export interface Stack {
  database: Awaited<ReturnType<typeof startDatabase>>;
  redis: Awaited<ReturnType<typeof startRedis>>;
  mail: MailSink & { smtpUrl: string };
  /** Empty when started without services. */
  services: RunningService[];
  /** The bearer token the services accept from each other and from demo clients. */
  serviceToken: string;
  /** The bearer token every service's `GET /metrics` asks for. */
  metricsToken: string;
  /** The staff token issuer the services trust and the demo's staff tokens; null without services. */
  staff: StackStaffAccess | null;
  /** The demo sign-in page the back office sends staff to; null without services. */
  staffSignIn: RunningDemoSignIn | null;
  /** Stops everything, services first. Idempotent. */
  stop(): Promise<void>;
}

/** The ports Mailpit and MailHog use, so a mail viewer bookmark keeps working when they are free. */
const PREFERRED_SMTP_PORT = 1025;
const PREFERRED_VIEWER_PORT = 8025;

/**
 * Starts the database, Redis and the mail sink with their files under `dataDir`, then, with
 * `withServices`, the three services wired to them. A failure stops what had started.
 */
export async function startStack(opts: {
  withServices: boolean;
  dataDir: string;
  logger?: Logger;
  logLevel?: string;
  /** Restart a service when its source changes (`tsx watch`), for development. */
  watch?: boolean;
  /** Run the services from their tsup builds (`dist/start.js`), as production does; default their source under tsx. */
  built?: boolean;
  /** Which of {@link SERVICES} to run with `withServices` (a benchmark leaves the web app out); default all. */
  services?: readonly ServiceDefinition[];
  /** FerretDB's PostgreSQL database (see database.ts); default a fresh one dropped at stop. */
  postgresql?: { database: string; keep?: boolean };
  /**
   * The staff token issuer's private key, made on first use; kept outside `dataDir` so tokens
   * survive restarts. Default: in `dataDir`.
   */
  staffIssuerKeyFile?: string;
  /**
   * The address the services are given for the database, Redis or a peer service (by its name)
   * instead of the real one: a fault-injecting proxy in between (`pnpm chaos`). Default: the real one.
   */
  serviceLink?: (target: string, url: string) => Promise<string>;
  /** How long each service may take to be ready at its first start (a busy machine); default a minute. */
  readyTimeoutMs?: number;
}): Promise<Stack> {
  const logger = opts.logger ?? silentLogger;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const database = await startDatabase({
      dataDir: join(opts.dataDir, 'db'),
      logger,
      ...(opts.postgresql && { postgresql: opts.postgresql }),
    });
    stops.push(() => database.stop());
    logger.info(`database (${database.kind}) at ${database.url}`);

    const redis = await startRedis({ dataDir: join(opts.dataDir, 'redis'), logger });
    stops.push(() => redis.stop());
    logger.info(`redis (${redis.kind}) at ${redis.url}`);

    const sink = await startMailSink({
      logger,
      smtpPort: await getPort({ host: '127.0.0.1', port: PREFERRED_SMTP_PORT }),
      httpPort: await getPort({ host: '127.0.0.1', port: PREFERRED_VIEWER_PORT }),
    });
    stops.push(() => sink.stop());
    const mail = Object.assign(sink, { smtpUrl: `smtp://${sink.smtpHost}:${sink.smtpPort}` });
    logger.info(`mail sink at ${mail.smtpUrl}, viewer ${mail.webUrl}`);

    const secrets = devSecrets();
    const staff = opts.withServices
      ? await stackStaffAccess(opts.staffIssuerKeyFile ?? join(opts.dataDir, STAFF_ISSUER_KEY_FILE))
      : null;
    if (staff?.keyCreated) logger.info(`staff token issuer: new key in ${staff.keyFile}`);
    const staffSignIn = staff
      ? await startDemoSignIn({ issuer: staff.localIssuer, staff: demoStaff, clients: [] })
      : null;
    if (staffSignIn) stops.push(() => staffSignIn.close());
    const link = opts.serviceLink ?? ((_target: string, url: string) => Promise.resolve(url));
    const services = staff
      ? await startServices(
          {
            mongoUri: await link('database', database.url),
            redisUrl: await link('redis', redis.url),
            peerUrl: (peer, url) => link(peer.name, url),
            ...(opts.readyTimeoutMs !== undefined && { readyTimeoutMs: opts.readyTimeoutMs }),
            smtpUrl: mail.smtpUrl,
            secrets,
            staffAuth: staff.environment,
            ...(staffSignIn && {
              staffSignIn: {
                OIDC_ISSUER: staff.issuer,
                OIDC_AUTHORIZATION_ENDPOINT: staffSignIn.authorizationEndpoint,
                OIDC_TOKEN_ENDPOINT: staffSignIn.tokenEndpoint,
              },
            }),
            logLevel: opts.logLevel ?? 'info',
            watch: opts.watch ?? false,
            built: opts.built ?? false,
          },
          logger,
          opts.services ?? SERVICES,
        )
      : [];
    for (const service of services) stops.push(() => service.stop());
    // Its address is known once it listens: only then may it receive codes.
    const backOffice = services.find(({ name }) => name === 'back office');
    if (backOffice && staffSignIn)
      staffSignIn.addClient({
        clientId: BACK_OFFICE_CLIENT_ID,
        redirectUris: [`${backOffice.url}/auth/callback`],
      });

    let stopped: Promise<void> | undefined;
    return {
      database,
      redis,
      mail,
      services,
      serviceToken: secrets.SERVICE_TOKEN,
      metricsToken: secrets.METRICS_TOKEN,
      staff,
      staffSignIn,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
