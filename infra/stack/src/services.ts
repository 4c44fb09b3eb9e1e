import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import getPort from 'get-port';
import { spawnChild, type ManagedChild } from './child-process.js';
import { withDatabaseName } from './database.js';
import type { devSecrets } from './dev-secrets.js';
import type { Logger } from './logger.js';
import { repoRoot } from './paths.js';

export interface ServiceDefinition {
  name: string;
  /** Relative to the repo root; the app's `src/start.ts` is run with tsx (or its build, see {@link ServiceEnvironment.built}). */
  appDir: string;
  defaultPort: number;
  /** Environment variable of the launcher that overrides the port. */
  portVariable: string;
  /** Environment variable through which the other services find this one. */
  urlVariable: string;
  /** A web app for people (no tRPC of its own); default: a service. */
  kind?: 'service' | 'web app';
  /** Settings of this one alone, over the shared ones; a function for those that name the stack's parts. */
  environment?:
    | Readonly<Record<string, string>>
    | ((stack: Pick<ServiceEnvironment, 'smtpUrl'>) => Readonly<Record<string, string>>);
}

/** The settings of one service alone, given the stack it runs in. */
export function ownEnvironmentOf(
  service: Pick<ServiceDefinition, 'environment'>,
  stack: Pick<ServiceEnvironment, 'smtpUrl'>,
): Readonly<Record<string, string>> {
  return typeof service.environment === 'function' ? service.environment(stack) : (service.environment ?? {});
}

/** Who the local stack's weekly data-quality report goes to (read in the mail viewer). */
export const DEMO_AUDIT_REPORT_TO = 'admin@scontrino.local';

/**
 * Where the loyalty app's proxy connects from: it calls the loyalty service at 127.0.0.1, so the
 * service believes the members' addresses in `X-Forwarded-For` from there (TRUST_PROXY), and from
 * nowhere else.
 */
export const WEB_APP_ADDRESS = '127.0.0.1';

/** The services the stack runs; a new one is one more row. */
export const SERVICES: readonly ServiceDefinition[] = [
  {
    name: 'receipt',
    appDir: 'apps/receipt-service',
    defaultPort: 4001,
    portVariable: 'RECEIPT_PORT',
    urlVariable: 'RECEIPT_SERVICE_URL',
  },
  {
    name: 'loyalty',
    appDir: 'apps/loyalty-service',
    defaultPort: 4002,
    portVariable: 'LOYALTY_PORT',
    urlVariable: 'LOYALTY_SERVICE_URL',
    environment: { TRUST_PROXY: WEB_APP_ADDRESS },
  },
  {
    name: 'reconciliation',
    appDir: 'apps/reconciliation-service',
    defaultPort: 4003,
    portVariable: 'RECONCILIATION_PORT',
    urlVariable: 'RECONCILIATION_SERVICE_URL',
    // The weekly data-quality report is e-mailed to the demo administrator at the stack's mail sink.
    environment: ({ smtpUrl }) => ({ AUDIT_REPORT_TO: DEMO_AUDIT_REPORT_TO, AUDIT_REPORT_SMTP_URL: smtpUrl }),
  },
  // The members' web app: built on first start (about 20 s), served with /trpc proxied to loyalty.
  {
    name: 'loyalty app',
    appDir: 'apps/loyalty-app',
    defaultPort: 4010,
    portVariable: 'LOYALTY_APP_PORT',
    urlVariable: 'LOYALTY_APP_URL',
    kind: 'web app',
  },
  // The staff's back office: signs staff in at the demo sign-in page (stack.ts), /trpc/receipt proxied.
  {
    name: 'back office',
    appDir: 'apps/back-office',
    defaultPort: 4020,
    portVariable: 'BACK_OFFICE_PORT',
    urlVariable: 'BACK_OFFICE_URL',
    kind: 'web app',
  },
];

/** The back office's OAuth client id at the stack's demo sign-in. */
export const BACK_OFFICE_CLIENT_ID = 'scontrino-back-office';

export interface RunningService {
  name: string;
  kind: 'service' | 'web app';
  url: string;
  trpcUrl: string;
  readyzUrl: string;
  /** The running process's id (a new one after each restart). */
  readonly pid: number;
  stop(): Promise<void>;
  /** Kills the process with `signal` (SIGKILL: no shutdown hook runs) and waits for its exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again (killed or not) on the same port and settings, and waits until it is ready. */
  restart(): Promise<void>;
}

export interface ServiceEnvironment {
  mongoUri: string;
  redisUrl: string;
  smtpUrl: string;
  /** Shared by all services. */
  secrets: ReturnType<typeof devSecrets>;
  /** Which staff tokens the services accept: the issuer and its public keys. */
  staffAuth: Readonly<Record<'STAFF_TOKEN_ISSUER' | 'STAFF_TOKEN_AUDIENCE' | 'STAFF_JWKS', string>>;
  /** Where the back office signs staff in (the demo sign-in's endpoints); absent without it. */
  staffSignIn?: Readonly<
    Record<'OIDC_ISSUER' | 'OIDC_AUTHORIZATION_ENDPOINT' | 'OIDC_TOKEN_ENDPOINT', string>
  >;
  logLevel: string;
  /** Run each service under `tsx watch`, which restarts it when a source file changes. */
  watch: boolean;
  /**
   * Run each service (not a web app) from its tsup build, `dist/start.js`, with the Node flags of
   * the image's CMD (infra/docker/service.Dockerfile), instead of its source under tsx. The build
   * must exist (`pnpm --filter <service> build`).
   */
  built?: boolean;
  /**
   * The address a service is given for a peer (`RECEIPT_SERVICE_URL`, …) instead of the peer's
   * own: a fault-injecting proxy in between. Default: the peer's address.
   */
  peerUrl?: (peer: ServiceDefinition, url: string) => Promise<string>;
  /** How long a service may take to answer `/readyz` 200 at its first start; default a minute. */
  readyTimeoutMs?: number;
}

const READY_TIMEOUT_MS = 60_000;
const RESTART_READY_TIMEOUT_MS = 180_000;
const resolveFromHere = createRequire(import.meta.url).resolve;
export const tsxLoader = pathToFileURL(resolveFromHere('tsx')).href;
const tsxCli = resolveFromHere('tsx/cli');
/** tsup's output for a service (tsup.service.config.ts), what its image runs. */
const BUILT_ENTRY = 'dist/start.js';
/** The services' image: its CMD is how production starts a built service. */
const SERVICE_DOCKERFILE = join(repoRoot, 'infra/docker/service.Dockerfile');

/**
 * Node's arguments in the image's `CMD ["node", …, "dist/start.js"]` (exec form), so a built
 * service runs with the same flags here as in production.
 */
export async function imageNodeArguments(dockerfile = SERVICE_DOCKERFILE): Promise<string[]> {
  const text = await readFile(dockerfile, 'utf8');
  const line = /^CMD\s+(\[.*\])\s*$/m.exec(text)?.[1];
  const command: unknown = line === undefined ? undefined : JSON.parse(line);
  if (
    !Array.isArray(command) ||
    command[0] !== 'node' ||
    command.at(-1) !== BUILT_ENTRY ||
    !command.every((part) => typeof part === 'string')
  )
    throw new Error(`${dockerfile}: no CMD ["node", …, "${BUILT_ENTRY}"] in exec form`);
  return command.slice(1);
}

async function isReady(readyzUrl: string): Promise<boolean> {
  return fetch(readyzUrl, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.status === 200,
    () => false,
  );
}

/** What runs a service: its build under plain Node, or its source under tsx (watched or not). */
async function entryOf(
  service: ServiceDefinition,
  cwd: string,
  environment: ServiceEnvironment,
): Promise<string[]> {
  if (environment.built && (service.kind ?? 'service') === 'service') {
    await access(join(cwd, BUILT_ENTRY)).catch(() => {
      throw new Error(
        `${service.name}: ${service.appDir}/${BUILT_ENTRY} does not exist; build it first (pnpm --filter ./${service.appDir} build)`,
      );
    });
    return imageNodeArguments();
  }
  await access(join(cwd, 'src/start.ts')).catch(() => {
    throw new Error(`${service.name}: ${service.appDir}/src/start.ts does not exist`);
  });
  return environment.watch
    ? [tsxCli, 'watch', '--clear-screen=false', 'src/start.ts']
    : ['--import', tsxLoader, 'src/start.ts'];
}

/** The usual port, unless taken or overridden, so bookmarks and demo scripts keep working. */
async function portsOf(services: readonly ServiceDefinition[], logger: Logger): Promise<number[]> {
  const ports: number[] = [];
  for (const service of services) {
    const preferredPort = Number(process.env[service.portVariable] ?? service.defaultPort);
    const port = await getPort({ host: '127.0.0.1', port: preferredPort, exclude: ports });
    if (port !== preferredPort && preferredPort !== 0)
      logger.warn(`${service.name}: port ${preferredPort} is taken, using ${port}`);
    ports.push(port);
  }
  return ports;
}

async function startService(
  service: ServiceDefinition,
  port: number,
  peers: Readonly<Record<string, string>>,
  environment: ServiceEnvironment,
  logger: Logger,
): Promise<RunningService> {
  const cwd = resolve(repoRoot, service.appDir);
  const args = await entryOf(service, cwd, environment);
  // The stack's issuer and its inline keys, not a JWKS URL the developer's shell may carry.
  const { STAFF_JWKS_URL: _notOurs, ...inherited } = process.env;
  const spawn = () =>
    spawnChild({
      name: service.name,
      command: process.execPath,
      args,
      cwd,
      env: {
        ...inherited,
        ...environment.secrets,
        ...environment.staffAuth,
        ...environment.staffSignIn,
        ...peers,
        PORT: String(port),
        // The host the summary prints and the services listen on: links, claim QR codes and the API
        // docs' server all name one address (localhost may resolve to ::1, where nothing listens).
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        MONGODB_URI: withDatabaseName(environment.mongoUri, `scontrino_${service.name.replace(/\W+/g, '_')}`),
        REDIS_URL: environment.redisUrl,
        SMTP_URL: environment.smtpUrl,
        NODE_ENV: 'development',
        LOG_LEVEL: environment.logLevel,
        // No proxy unless the definition names one, whatever the developer's shell says.
        TRUST_PROXY: '',
        ...ownEnvironmentOf(service, environment),
      },
      logger,
      outputLevel: 'info',
    });
  const url = `http://127.0.0.1:${port}`;
  const startReady = async (timeoutMs = READY_TIMEOUT_MS): Promise<ManagedChild> => {
    const started = await spawn();
    try {
      await started.waitUntil('ready (GET /readyz = 200)', () => isReady(`${url}/readyz`), timeoutMs);
    } catch (error) {
      await started.stop();
      throw error;
    }
    return started;
  };
  let child = await startReady(environment.readyTimeoutMs);
  let stopped = false;
  return {
    name: service.name,
    kind: service.kind ?? 'service',
    url,
    trpcUrl: `${url}/trpc`,
    readyzUrl: `${url}/readyz`,
    get pid() {
      return child.pid;
    },
    stop: () => {
      stopped = true;
      return child.stop();
    },
    kill: (signal = 'SIGKILL') => child.kill(signal),
    async restart() {
      if (stopped) throw new Error(`${service.name} was stopped`);
      await child.stop(2_000);
      // A restart may meet a busy machine or a database still coming back: wait longer than at start.
      child = await startReady(RESTART_READY_TIMEOUT_MS);
    },
  };
}

/**
 * Starts every service against the given infrastructure and waits until each answers
 * `GET /readyz` with 200. Each gets its own database, named `scontrino_<name>`.
 */
export async function startServices(
  environment: ServiceEnvironment,
  logger: Logger,
  services: readonly ServiceDefinition[] = SERVICES,
): Promise<RunningService[]> {
  const ports = await portsOf(services, logger);
  // Every service learns where the others listen (LOYALTY_SERVICE_URL, …) before any starts.
  const peers: Record<string, string> = {};
  for (const [index, service] of services.entries()) {
    const url = `http://127.0.0.1:${ports[index] ?? 0}`;
    peers[service.urlVariable] = environment.peerUrl ? await environment.peerUrl(service, url) : url;
  }
  const results = await Promise.allSettled(
    services.map((service, index) => startService(service, ports[index] ?? 0, peers, environment, logger)),
  );
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  if (failures.length > 0) {
    await Promise.all(started.map((service) => service.stop()));
    throw new Error(
      failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('\n\n'),
    );
  }
  return started;
}
