import { connect } from 'node:net';
import type { Stack } from '@scontrino/stack';
import type { PlannedFault } from './schedule.js';
import type { Toxiproxy } from './toxiproxy.js';

/** The links of the stack that go through Toxiproxy: to the database, and between the services. */
export const DATABASE_LINK = 'database';
export const serviceLinkName = (service: string) => `service-${service.replace(/\W+/g, '-')}`;

export interface FaultWorld {
  stack: Stack;
  toxiproxy: Toxiproxy;
  /** Names of the links between services. */
  serviceLinks: readonly string[];
}

/** What happened when a fault was played; `recoveredAt` is null when the stack never came back. */
export interface PlayedFault {
  kind: PlannedFault['kind'];
  downMs: number;
  startedAt: number;
  /** When the fault was lifted: the killed process told to start again, the link restored. */
  liftedAt: number;
  /** When every service answered `/readyz` 200 again. */
  recoveredAt: number | null;
  /** When a till next got a 201 after the fault was lifted. */
  firstSaleAt: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function serviceNamed(stack: Stack, name: string) {
  const service = stack.services.find((one) => one.name === name);
  if (!service) throw new Error(`the stack runs no ${name} service`);
  return service;
}

async function killAndRestart(stack: Stack, name: string, downMs: number, lifted: () => void): Promise<void> {
  const service = serviceNamed(stack, name);
  await service.kill('SIGKILL');
  await sleep(downMs);
  lifted();
  await service.restart();
}

/** Redis saves its data and stops (`SHUTDOWN SAVE`), as an operator's restart does. */
function shutdownRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => socket.write('SHUTDOWN SAVE\r\n'));
    socket.once('close', () => resolve());
    socket.once('error', () => resolve());
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

/** Per service, what its `/readyz` said when not 200: the checks down, or that it did not answer. */
async function notReady(stack: Stack): Promise<string[]> {
  const answers = await Promise.all(
    stack.services.map(async (service) => {
      try {
        const response = await fetch(service.readyzUrl, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return null;
        const body = (await response.json().catch(() => ({}))) as { checks?: Record<string, string> };
        const down = Object.entries(body.checks ?? {}).filter(([, state]) => state !== 'up');
        return `${service.name}: ${down.map(([name]) => `${name} down`).join(', ') || `answered ${response.status}`}`;
      } catch {
        return `${service.name}: no answer`;
      }
    }),
  );
  return answers.filter((answer): answer is string => answer !== null);
}

/**
 * Waits until every service answers `/readyz` 200 again, for up to `boundMs`; with what the
 * services said last while not ready (`receipt: database down`), to tell a slow driver from a
 * starved service.
 */
export async function waitForRecovery(
  stack: Stack,
  boundMs: number,
): Promise<{ at: number | null; lastNotReady: string[] }> {
  const deadline = Date.now() + boundMs;
  let lastNotReady: string[] = [];
  while (Date.now() < deadline) {
    const down = await notReady(stack);
    if (down.length === 0) return { at: Date.now(), lastNotReady };
    lastNotReady = down;
    await sleep(250);
  }
  return { at: null, lastNotReady };
}

/**
 * Plays one fault and undoes it; resolves once it is undone (not once the stack has recovered)
 * with the time it was lifted (a killed service told to start again, a link restored).
 */
export async function playFault(world: FaultWorld, fault: PlannedFault): Promise<number> {
  let liftedAt = 0;
  const lifted = () => {
    liftedAt = Date.now();
  };
  await play(world, fault, lifted);
  return liftedAt || Date.now();
}

async function play(world: FaultWorld, fault: PlannedFault, lifted: () => void): Promise<void> {
  const { stack, toxiproxy } = world;
  switch (fault.kind) {
    case 'kill-receipt':
      return killAndRestart(stack, 'receipt', fault.downMs, lifted);
    case 'kill-loyalty':
      return killAndRestart(stack, 'loyalty', fault.downMs, lifted);
    case 'kill-reconciliation':
      return killAndRestart(stack, 'reconciliation', fault.downMs, lifted);
    case 'kill-receipt-during-send': {
      // The relay holds each answer, so the e-mails being sent are mid-send when the kill comes.
      stack.mail.setFaults({ delayMs: 4_000 });
      await sleep(2_000);
      await serviceNamed(stack, 'receipt').kill('SIGKILL');
      stack.mail.setFaults({ delayMs: 0 });
      await sleep(fault.downMs);
      lifted();
      await serviceNamed(stack, 'receipt').restart();
      return;
    }
    case 'redis-restart':
      await shutdownRedis(stack.redis.url);
      await sleep(fault.downMs);
      lifted();
      await stack.redis.restart();
      return;
    case 'smtp-refuse':
      stack.mail.setFaults({ refuse: true });
      await sleep(fault.downMs);
      stack.mail.setFaults({ refuse: false });
      return;
    case 'database-outage':
      await toxiproxy.setEnabled(DATABASE_LINK, false);
      await sleep(fault.downMs);
      await toxiproxy.setEnabled(DATABASE_LINK, true);
      return;
    case 'database-restart':
      // Stopped and started at once: recovery counts from the stop.
      lifted();
      await stack.database.restart();
      return;
    case 'latency-database':
    case 'latency-services':
    case 'stall-database':
    case 'stall-services': {
      const links = fault.kind.endsWith('database') ? [DATABASE_LINK] : world.serviceLinks;
      for (const link of links)
        await toxiproxy.addFault(
          link,
          fault.kind.startsWith('latency')
            ? { kind: 'latency', latencyMs: fault.latencyMs, jitterMs: Math.round(fault.latencyMs / 10) }
            : { kind: 'stall', closeAfterMs: fault.downMs },
        );
      await sleep(fault.downMs);
      await toxiproxy.clear();
      return;
    }
  }
}
