import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Logger, SERVICES, type Stack, startStack, temporaryDatabaseName } from '@scontrino/stack';
import { checkInvariants, recoveryByKind } from './checker.js';
import { setUpEstate } from './estate.js';
import { collectMails, gatherFacts } from './facts.js';
import { DATABASE_LINK, type PlayedFault, playFault, serviceLinkName, waitForRecovery } from './faults.js';
import { resourcesOf } from './resources.js';
import { type FaultKind, planFaults } from './schedule.js';
import type { ChaosReport } from './table.js';
import { startTills } from './tills.js';
import { startToxiproxy, type Toxiproxy } from './toxiproxy.js';

export interface ChaosOptions {
  minutes: number;
  seed: string;
  /** Till arrivals per second. */
  rate: number;
  members: number;
  faults: readonly FaultKind[];
  /** How long the checker waits for the queues to drain and the invariants to settle. */
  drainBoundMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hostPort = (url: string) => new URL(url).host;
/** The services' relay timeout during a run: a stalled relay fails a send within it. */
const SMTP_TIMEOUT_MS = '3000';

function replaceHost(url: string, from: string, to: string): string {
  return url.replace(from, to);
}

async function snapshot(stack: Stack) {
  return Promise.all(
    stack.services.map(async (service) => {
      const found = await resourcesOf(service.pid);
      return [service.name, found ? `${found.rssMb} MB, ${found.handles}` : '–'] as const;
    }),
  );
}

/**
 * One chaos run: the stack with its services as processes and their links to the database and
 * to each other through Toxiproxy; tills selling; the seeded faults one after the other for
 * `minutes` less a calm tail; then the tills' kept sales, the drain, the checker.
 */
export async function runChaos(
  options: ChaosOptions,
  logger: Logger,
  hooks: {
    /** Handed the run's clean-up (stack, Toxiproxy, files) at once, for a signal to call mid-run. */
    onCleanup?: (cleanup: () => Promise<void>) => void;
  } = {},
): Promise<ChaosReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-chaos-'));
  let toxiproxy: Toxiproxy | undefined;
  let stack: Stack | undefined;
  const previous = { ...process.env };
  process.env.SMTP_TIMEOUT_MS = SMTP_TIMEOUT_MS;
  // Free ports, not the usual 4001…: a developer's stack may be running beside the run.
  for (const service of SERVICES) process.env[service.portVariable] = '0';
  let cleanedUp: Promise<void> | undefined;
  const cleanup = () =>
    (cleanedUp ??= (async () => {
      logger.info('chaos: stopping the stack');
      for (const name of ['SMTP_TIMEOUT_MS', ...SERVICES.map((service) => service.portVariable)])
        if (previous[name] === undefined) delete process.env[name];
        else process.env[name] = previous[name];
      await stack?.stop();
      await toxiproxy?.stop();
      await rm(dataDir, { recursive: true, force: true });
    })());
  hooks.onCleanup?.(cleanup);
  try {
    toxiproxy = await startToxiproxy(logger);
    const proxy = toxiproxy;
    const serviceLinks: string[] = [];
    stack = await startStack({
      withServices: true,
      dataDir,
      services: SERVICES.filter((service) => (service.kind ?? 'service') === 'service'),
      logger,
      logLevel: 'warn',
      postgresql: { database: temporaryDatabaseName('chaos') },
      readyTimeoutMs: 180_000,
      async serviceLink(target, url) {
        if (target === 'redis') return url;
        const name = target === 'database' ? DATABASE_LINK : serviceLinkName(target);
        if (name !== DATABASE_LINK) serviceLinks.push(name);
        return replaceHost(url, hostPort(url), await proxy.link(name, hostPort(url)));
      },
    });
    const running = stack;
    const url = (name: string) => running.services.find((service) => service.name === name)?.url ?? '';
    const staffToken = running.staff?.tokens.admin.token;
    if (!staffToken) throw new Error('the stack hands out no staff token');
    logger.info(`chaos: seed ${options.seed}; setting up the brand`);
    const estate = await setUpEstate(
      { receipt: url('receipt'), loyalty: url('loyalty') },
      { staff: staffToken, service: running.serviceToken },
      options.members,
    );
    const collected = collectMails(running);
    const before = await snapshot(running);

    let activeFault: string | null = null;
    const tills = startTills({
      receiptUrl: url('receipt'),
      reconciliationUrl: url('reconciliation'),
      serviceToken: running.serviceToken,
      estate,
      rate: options.rate,
      seed: options.seed,
      runId: `chaos${Date.now().toString(36)}`,
      giveUpMs: 30_000,
      activeFault: () => activeFault,
    });

    const totalMs = options.minutes * 60_000;
    const calmTailMs = Math.min(30_000, totalMs * 0.2);
    const started = Date.now();
    const plan = planFaults(options.seed, options.faults, 500);
    const played: PlayedFault[] = [];
    await sleep(Math.min(10_000, totalMs * 0.1));
    for (const fault of plan) {
      if (Date.now() - started > totalMs - calmTailMs) break;
      activeFault = fault.kind;
      logger.info(`chaos: ${fault.kind} (${fault.downMs} ms)`);
      const startedAt = Date.now();
      const liftedAt = await playFault({ stack: running, toxiproxy: proxy, serviceLinks }, fault).catch(
        async (error: unknown) => {
          // A fault that could not be played or undone: say so, put every link back, go on.
          logger.error(
            `chaos: ${fault.kind} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          await proxy.clear().catch(() => undefined);
          // A service whose restart failed is started again: the run goes on with the whole stack.
          for (const service of running.services)
            if (!(await resourcesOf(service.pid)))
              await service
                .restart()
                .catch((again: unknown) => logger.error(`chaos: ${service.name}: ${String(again)}`));
          return Date.now();
        },
      );
      const recovery = await waitForRecovery(running, 90_000);
      const recoveredAt = recovery.at;
      const said = recovery.lastNotReady.length > 0 ? ` (last: ${recovery.lastNotReady.join('; ')})` : '';
      logger.info(
        `chaos: ${fault.kind} lifted; ${recoveredAt === null ? 'NOT recovered' : `ready again after ${recoveredAt - liftedAt} ms`}${said}`,
      );
      activeFault = null;
      played.push({
        kind: fault.kind,
        downMs: fault.downMs,
        startedAt,
        liftedAt,
        recoveredAt,
        firstSaleAt: null,
      });
      await sleep(fault.gapMs);
    }
    const left = totalMs - (Date.now() - started);
    if (left > 0) await sleep(left);
    logger.info('chaos: faults over; the tills stop and send what they kept');
    await tills.stop();
    const unanswered = await tills.flush(60_000);
    logger.info(
      `chaos: ${tills.sent.length} transactions, ${tills.claims.length} claims, ${tills.orders.length} web orders sent, ${unanswered} unanswered; draining`,
    );

    const drainStarted = Date.now();
    let result = checkInvariants(tills, tills.answers, await gatherFacts(running, tills, collected.mails));
    let drainMs: number | null = null;
    for (;;) {
      if (result.verdicts.every((row) => row.failures === 0)) {
        drainMs = Date.now() - drainStarted;
        break;
      }
      if (Date.now() - drainStarted > options.drainBoundMs) break;
      logger.info(
        `chaos: waiting for ${result.verdicts
          .filter((row) => row.failures > 0)
          .map((row) => `${row.failures} × ${row.example ?? row.invariant}`)
          .join('; ')}`,
      );
      await sleep(10_000);
      result = checkInvariants(tills, tills.answers, await gatherFacts(running, tills, collected.mails));
    }
    for (const fault of played)
      fault.firstSaleAt =
        tills.answers.find((answer) => answer.status === 201 && answer.at >= fault.liftedAt)?.at ?? null;
    const after = await snapshot(running);
    collected.stop();

    const { sent, claims, orders } = tills;
    const all = [...sent, ...claims, ...orders];
    return {
      seed: options.seed,
      minutes: options.minutes,
      rate: options.rate,
      verdicts: result.verdicts,
      duplicateCopies: result.duplicateCopies,
      sent: {
        total: sent.length,
        sales: sent.filter((one) => one.type === 'sale').length,
        returns: sent.filter((one) => one.type === 'return').length,
        claims: claims.length,
        orders: orders.length,
        retried: all.filter((one) => one.attempts > 1).length,
        kept: all.filter((one) => one.kept).length,
        attempts: all.reduce((sum, one) => sum + one.attempts, 0),
      },
      faults: [...recoveryByKind(played)].map(([kind, row]) => ({
        kind,
        count: row.count,
        worstRecoveryMs: row.worstMs,
        worstFirstSaleMs: row.worstFirstSaleMs,
        unrecovered: row.unrecovered,
      })),
      resources: before.map(([service, start]) => ({
        service,
        start,
        end: after.find(([name]) => name === service)?.[1] ?? '–',
      })),
      drainMs,
      ok:
        result.verdicts.every((row) => row.failures === 0) &&
        played.every((fault) => fault.recoveredAt !== null),
    };
  } finally {
    await cleanup();
  }
}
