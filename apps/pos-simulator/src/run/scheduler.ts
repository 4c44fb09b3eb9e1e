import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ScheduleOptions {
  /** Arrivals per second. */
  rate: number;
  /** Stop after this many arrivals… */
  count?: number;
  /** …or once this much time is scheduled (whichever comes first). */
  durationMs?: number;
  /** Arrivals in flight at most; an arrival due while the limit is reached is dropped and counted. */
  maxInFlight: number;
  /** Stops scheduling; arrivals in flight still finish. */
  signal?: AbortSignal;
  /** Milliseconds on a monotonic clock (tests move it). */
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
}

export interface ScheduleResult {
  /** Arrivals whose time came. */
  due: number;
  started: number;
  /** Due while `maxInFlight` arrivals were still running. */
  dropped: number;
  /** Arrivals that threw instead of reporting their own errors (a bug in the simulator). */
  crashed: number;
  /** The largest delay between an arrival's time and its start, in ms (timer and event-loop lag). */
  maxStartLagMs: number;
  /** From the first arrival's start to the last one's: the span the achieved rate is measured over. */
  startSpanMs: number;
  /** From the first arrival's time to the end of the last one. */
  elapsedMs: number;
}

/**
 * An open model: arrival i is due at start + i / rate, whether or not earlier ones have
 * finished, as customers reach tills whatever the service's speed. A slow service therefore
 * builds up arrivals in flight instead of slowing the schedule down (a closed loop would hide
 * exactly the latency under load one wants to see). An arrival that is late (timer lag) starts
 * at once; one due while `maxInFlight` are running is dropped, so that the generator never
 * queues up unbounded work.
 */
export async function runSchedule(
  options: ScheduleOptions,
  arrive: (index: number) => Promise<void>,
): Promise<ScheduleResult> {
  if (!(options.rate > 0)) throw new Error('rate must be above 0');
  if (options.count === undefined && options.durationMs === undefined)
    throw new Error('give a count or a duration');
  const now = options.now ?? (() => performance.now());
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  const interval = 1000 / options.rate;
  const inFlight = new Set<Promise<void>>();
  const start = now();
  const result = { due: 0, started: 0, dropped: 0, crashed: 0, maxStartLagMs: 0, startSpanMs: 0 };

  for (let index = 0; ; index++) {
    if (options.count !== undefined && index >= options.count) break;
    const offset = index * interval;
    if (options.durationMs !== undefined && offset >= options.durationMs) break;
    const delay = start + offset - now();
    if (delay > 0) await wait(delay);
    if (options.signal?.aborted) break;
    result.due++;
    if (inFlight.size >= options.maxInFlight) {
      result.dropped++;
      continue;
    }
    const startedAt = now();
    result.maxStartLagMs = Math.max(result.maxStartLagMs, startedAt - (start + offset));
    result.startSpanMs = startedAt - start;
    result.started++;
    const running = arrive(index)
      .catch(() => void result.crashed++)
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.allSettled(inFlight);
  return { ...result, elapsedMs: now() - start };
}
