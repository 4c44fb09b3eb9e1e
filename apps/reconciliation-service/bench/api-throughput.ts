import { setTimeout as sleep } from 'node:timers/promises';
import type { SyntheticInput } from './synthetic/api-inputs.js';
import { generateDataset } from './synthetic/dataset.js';
import { e164 } from './synthetic/phones.js';
import { reconciliationClient } from './api-client.js';
import type { ReconciliationCalls } from './feed.js';

export interface ApiThroughputOptions {
  seconds: number;
  /** Parallel callers. */
  connections: number;
  /** Watch one in this many accepted observations until it is linked (0: none). */
  sampleEvery: number;
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
export function benchDataset(seconds: number): { inputs: SyntheticInput[]; storeBlocklist: string[] } {
  // Enough people for the run: the stream is cut when the time is up.
  const dataset = generateDataset({ people: Math.max(500, Math.ceil(seconds * 20)), seed: 7 });
  return {
    inputs: dataset.inputs,
    storeBlocklist: dataset.stores.map((store) => `phone:${e164(store.phone)}`),
  };
}

/** Polls one observation every 20 ms until linked: the latency a client waiting on it sees. */
async function linkLatency(
  calls: ReconciliationCalls,
  observationId: string,
  acceptedAt: number,
  deadline: number,
) {
  while (performance.now() < deadline) {
    if (await calls.linked(observationId)) return performance.now() - acceptedAt;
    await sleep(20);
  }
  return null;
}

/**
 * Observations per second through the public API: `connections` callers send the inputs in order
 * for `seconds`, and one in `sampleEvery` accepted observations is polled until linked.
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
  const caller = async () => {
    while (performance.now() < stopAt && next < inputs.length) {
      const input = inputs[next] as SyntheticInput;
      next += 1;
      const sent = performance.now();
      try {
        const answer = await (input.kind === 'identify'
          ? calls.identify(input.body)
          : calls.recordOrder(input.body));
        const now = performance.now();
        requestMs.push(now - sent);
        accepted[input.kind] += 1;
        if (options.sampleEvery > 0 && next % options.sampleEvery === 0)
          watchers.push(
            linkLatency(calls, answer.observationId, now, now + 120_000).then((latency) => ({
              kind: input.kind,
              latency,
            })),
          );
      } catch {
        failures += 1;
      }
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
