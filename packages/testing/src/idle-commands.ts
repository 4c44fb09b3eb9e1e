import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import getPort from 'get-port';
import { testDatabaseUri, uniqueName } from './names.js';
import { testStack } from './test-stack.js';

/** Commands a service sent, by kind: `find receipt_deliveries`, `evalsha`… */
export type CommandCounts = Record<string, number>;

export interface ServiceCommands {
  /** `scontrino_db_commands_total`, by command and collection. */
  database: CommandCounts;
  /** `scontrino_redis_commands_total`, by command. */
  redis: CommandCounts;
}

export interface ServiceProcess {
  url: string;
  /** The counters of the service's `/metrics` now. */
  commands(): Promise<ServiceCommands>;
  /** Everything the process printed so far (for a failure's message). */
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

const METRICS_TOKEN = 'idle-test-metrics-token-0000000000000000';

/**
 * A service's `src/start.ts` as a deployment runs it: a process of its own configured by the
 * environment only (`NODE_ENV=test`, a fresh database, the test stack's Redis under a queue
 * prefix of its own, so no other test's jobs reach it). Resolves once it answers `/readyz`.
 */
export async function startServiceProcess(options: {
  /** The app's directory (where `src/start.ts` is). */
  cwd: string;
  /** Names its database. */
  label: string;
  env?: Record<string, string>;
}): Promise<ServiceProcess> {
  const port = await getPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      MONGODB_URI: testDatabaseUri(options.label),
      REDIS_URL: testStack().redisUrl,
      QUEUE_PREFIX: uniqueName(options.label),
      METRICS_TOKEN,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${options.label}: not ready (exit ${child.exitCode})\n${output}`);
    }
    await sleep(250);
  }
  return { url, commands: () => scrapeCommands(url, METRICS_TOKEN), output: () => output, stop };
}

/** The command counters of a service's `/metrics`. */
export async function scrapeCommands(url: string, metricsToken: string): Promise<ServiceCommands> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const counts: ServiceCommands = { database: {}, redis: {} };
  for (const line of (await response.text()).split('\n')) {
    const database = /^scontrino_db_commands_total\{command="([^"]*)",collection="([^"]*)"\} (\S+)$/.exec(
      line,
    );
    if (database) counts.database[`${database[1]} ${database[2]}`.trim()] = Number(database[3]);
    const redis = /^scontrino_redis_commands_total\{command="([^"]*)"\} (\S+)$/.exec(line);
    if (redis) counts.redis[redis[1]!] = Number(redis[2]);
  }
  return counts;
}

/** What was sent from `before` to `after`, each kind that changed. */
export function commandsBetween(before: ServiceCommands, after: ServiceCommands): ServiceCommands {
  const delta = (from: CommandCounts, to: CommandCounts) =>
    Object.fromEntries(
      Object.entries(to)
        .map(([kind, count]) => [kind, count - (from[kind] ?? 0)] as const)
        .filter(([, count]) => count !== 0),
    );
  return { database: delta(before.database, after.database), redis: delta(before.redis, after.redis) };
}

export const totalOf = (counts: CommandCounts): number =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

/**
 * What the service sends while nothing happens: waits until its database counter has not moved
 * for `quietMs` (its start's work done), then counts for `windowMs`. A scrape's own Redis commands
 * (the queue gauges) are taken off: measured as the difference of two scrapes in a row.
 */
export async function idleCommands(
  service: Pick<ServiceProcess, 'commands'>,
  options: { windowMs: number; quietMs?: number; settleTimeoutMs?: number },
): Promise<ServiceCommands> {
  const quietMs = options.quietMs ?? 5_000;
  const settleBy = Date.now() + (options.settleTimeoutMs ?? 60_000);
  let last = totalOf((await service.commands()).database);
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() < settleBy) {
    await sleep(500);
    const now = totalOf((await service.commands()).database);
    if (now !== last) [last, quietSince] = [now, Date.now()];
  }
  const first = await service.commands();
  const before = await service.commands();
  const scrape = commandsBetween(first, before);
  await sleep(options.windowMs);
  const window = commandsBetween(before, await service.commands());
  for (const [kind, count] of Object.entries(scrape.redis)) {
    const left = (window.redis[kind] ?? 0) - count;
    if (left > 0) window.redis[kind] = left;
    else delete window.redis[kind];
  }
  return window;
}

/**
 * The commands a service sends in one idle minute: the service started as a deployment runs it
 * (`cwd`: its package directory), left to settle, counted, and stopped.
 */
export async function idleMinuteOf(cwd: string, label: string): Promise<ServiceCommands> {
  const service = await startServiceProcess({ cwd, label });
  try {
    return await idleCommands(service, { windowMs: 60_000 });
  } finally {
    await service.stop();
  }
}
