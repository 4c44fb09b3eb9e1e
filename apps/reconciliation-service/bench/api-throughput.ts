import { setTimeout as sleep } from 'node:timers/promises';
import type { IdentifyInput, SyntheticInput } from './synthetic/api-inputs.js';
import { generateDataset } from './synthetic/dataset.js';
import { e164 } from './synthetic/phones.js';
import { reconciliationClient } from './api-client.js';
import type { ReconciliationCalls } from './feed.js';

export interface ApiThroughputOptions {
  seconds: number;
  /** Parallel callers. */
  connections: number;
  /** Watch the first observation of one in this many requests until it is linked (0: none). */
  sampleEvery: number;
  /**
   * Identify calls per request (default 1: one `observations.identify` each). Above 1 a caller
   * takes that many inputs of the stream at a time and sends its identify calls as one
   * `observations.identifyMany`, its web orders each as a shop would, all at once.
   */
  batch?: number;
}

export interface ApiThroughput {
  elapsedS: number;
  accepted: Record<SyntheticInput['kind'], number>;
  failures: number;
  perSecond: number;
  /** Sorted request latencies, ms. */
  requestMs: number[];
  /** Sorted POST-accepted → linked latencies of the sampled observations, ms, by kind (`all` for both). */
  linkMs: { all: number[]; 'online-order': number[] };
  /** Observations watched, linked or not. */
  sampled: number;
}

/**
 * A synthetic stream for a run of `seconds` (identify calls and web orders mixed as generated),
 * and the stores' own phone numbers, which a deployment would put on the blocklist.
 */
export function benchDataset(
  seconds: number,
  peoplePerSecond = 20,
): { inputs: SyntheticInput[]; storeBlocklist: string[] } {
  // Enough people for the run: the stream is cut when the time is up.
  const dataset = generateDataset({ people: Math.max(500, Math.ceil(seconds * peoplePerSecond)), seed: 7 });
  return {
    inputs: dataset.inputs,
    storeBlocklist: dataset.stores.map((store) => `phone:${e164(store.phone)}`),
  };
}

/** Polls one observation until linked: the latency a client waiting on it sees. */
async function linkLatency(
  calls: ReconciliationCalls,
  observationId: string,
  acceptedAt: number,
  deadline: number,
) {
  // Every 20 ms at first, then less often (at most every 200 ms): a slow link must not turn the
  // watchers' polls into most of the load they measure.
  for (let wait = 20; performance.now() < deadline; wait = Math.min(200, wait * 1.5)) {
    if (await calls.linked(observationId)) return performance.now() - acceptedAt;
    await sleep(wait);
  }
  return null;
}

/**
 * Observations per second through the public API: `connections` callers send the inputs in order
 * for `seconds`, and the first observation of one in `sampleEvery` requests is polled until linked.
 */
export async function measureApiThroughput(
  service: { url: string; serviceToken: string },
  inputs: readonly SyntheticInput[],
  options: ApiThroughputOptions,
): Promise<ApiThroughput> {
  const { calls } = reconciliationClient(service.url, service.serviceToken);
  const requestMs: number[] = [];
  const accepted: Record<SyntheticInput['kind'], number> = { identify: 0, 'online-order': 0 };
  const watchers: Promise<{ kind: SyntheticInput['kind']; latency: number | null }>[] = [];
  let next = 0;
  let failures = 0;
  const stopAt = performance.now() + options.seconds * 1000;
  let requests = 0;
  /** One request of the caller: its inputs' identify calls in one, or one web order. */
  const request = async (send: () => Promise<{ kind: SyntheticInput['kind']; observationId: string }[]>) => {
    const sent = performance.now();
    try {
      const answers = await send();
      const now = performance.now();
      requestMs.push(now - sent);
      for (const answer of answers) accepted[answer.kind] += 1;
      requests += 1;
      // One watcher per sampled request, however many observations it carried: the polls are the
      // bench's own load, and must not grow with the batch.
      const [first] = answers;
      if (first && options.sampleEvery > 0 && requests % options.sampleEvery === 0)
        watchers.push(
          linkLatency(calls, first.observationId, now, now + 120_000).then((latency) => ({
            kind: first.kind,
            latency,
          })),
        );
    } catch {
      failures += 1;
    }
  };
  const batch = Math.max(1, options.batch ?? 1);
  const identifyAll = async (bodies: readonly IdentifyInput[]) => {
    const [first] = bodies;
    if (batch === 1 && first) return [{ kind: 'identify' as const, ...(await calls.identify(first)) }];
    const byTenant = new Map<string, Omit<IdentifyInput, 'tenantId'>[]>();
    for (const { tenantId, ...sighting } of bodies)
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), sighting]);
    const answers = await Promise.all(
      [...byTenant].map(([tenantId, sightings]) => calls.identifyMany(tenantId, sightings)),
    );
    return answers.flat().map((answer) => ({ kind: 'identify' as const, ...answer }));
  };
  const caller = async () => {
    while (performance.now() < stopAt && next < inputs.length) {
      const taken = inputs.slice(next, next + batch);
      next += taken.length;
      const identify = taken.flatMap((input) => (input.kind === 'identify' ? [input.body] : []));
      const orders = taken.flatMap((input) => (input.kind === 'online-order' ? [input.body] : []));
      await Promise.all([
        ...orders.map((order) =>
          request(async () => [{ kind: 'online-order' as const, ...(await calls.recordOrder(order)) }]),
        ),
        ...(identify.length === 0 ? [] : [request(() => identifyAll(identify))]),
      ]);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, caller));
  const elapsedS = (performance.now() - started) / 1000;
  const latencies = await Promise.all(watchers);
  const linked = (kind?: SyntheticInput['kind']) =>
    latencies
      .filter((l) => l.latency !== null && (!kind || l.kind === kind))
      .map((l) => l.latency as number)
      .sort((a, b) => a - b);
  const total = accepted.identify + accepted['online-order'];
  return {
    elapsedS,
    accepted,
    failures,
    perSecond: total / elapsedS,
    requestMs: requestMs.sort((a, b) => a - b),
    linkMs: { all: linked(), 'online-order': linked('online-order') },
    sampled: latencies.length,
  };
}
