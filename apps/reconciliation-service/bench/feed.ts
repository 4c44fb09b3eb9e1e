import { setTimeout as sleep } from 'node:timers/promises';
import type { IdentifyInput, OnlineOrderInput, SyntheticInput } from './synthetic/api-inputs.js';

/** The calls the evaluation and the benchmark make, over real HTTP. */
export interface ReconciliationCalls {
  recordOrder(body: OnlineOrderInput): Promise<{ observationId: string; status: string }>;
  identify(body: IdentifyInput): Promise<{ observationId: string; status: string }>;
  /** `observations.identifyMany`: sightings of one tenant in one call, answered in order. */
  identifyMany(
    tenantId: string,
    sightings: Omit<IdentifyInput, 'tenantId'>[],
  ): Promise<{ observationId: string; status: string }[]>;
  linked(observationId: string): Promise<boolean>;
}

export interface Accepted {
  input: SyntheticInput;
  observationId: string;
  /** performance.now() when the service answered. */
  acceptedAt: number;
}

/**
 * Sends the inputs in order through `concurrency` parallel callers (a stream of tills and shop
 * servers), stopping at the first failure: a refused generated input is a bug worth seeing.
 */
export async function feed(
  inputs: readonly SyntheticInput[],
  calls: ReconciliationCalls,
  concurrency: number,
  onProgress: (done: number) => void = () => undefined,
): Promise<Accepted[]> {
  const accepted: Accepted[] = new Array<Accepted>(inputs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const position = next;
      next += 1;
      const input = inputs[position] as SyntheticInput;
      const send = () =>
        input.kind === 'identify' ? calls.identify(input.body) : calls.recordOrder(input.body);
      // A connection reset under load is sent again (every call is idempotent by its source id);
      // an answer from the service is final.
      const answer = await resend(send).catch((error: unknown) => {
        throw new Error(`${input.sourceId} (${input.pattern}) was refused: ${String(error)}`, {
          cause: error,
        });
      });
      accepted[position] = { input, observationId: answer.observationId, acceptedAt: performance.now() };
      done += 1;
      if (done % 1000 === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return accepted;
}

/**
 * Polls `observations.status` until every observation is linked, oldest first, and returns when
 * each was first seen linked (performance.now()). Gives up after `timeoutMs` with the ones left.
 */
export async function waitUntilLinked(
  observationIds: readonly string[],
  calls: ReconciliationCalls,
  options: { concurrency: number; timeoutMs: number; pollMs?: number; onRound?: (pending: number) => void },
): Promise<{ linkedAt: Map<string, number>; pending: string[] }> {
  const linkedAt = new Map<string, number>();
  let pending = [...new Set(observationIds)];
  const deadline = performance.now() + options.timeoutMs;
  while (pending.length > 0 && performance.now() < deadline) {
    const still: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < pending.length) {
        const id = pending[next] as string;
        next += 1;
        if (await calls.linked(id)) linkedAt.set(id, performance.now());
        else still.push(id);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    pending = still;
    options.onRound?.(pending.length);
    if (pending.length > 0) await sleep(options.pollMs ?? 250);
  }
  return { linkedAt, pending };
}

/** Sends again, up to 5 times a second apart, a call whose connection was lost. */
async function resend<T>(send: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || !isConnectionLost(error)) throw error;
      console.error(`\n  connection lost (${String(error)}), sending again`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** A call that never got an answer (the socket was reset or refused), not a refusal by the service. */
function isConnectionLost(error: unknown): boolean {
  return String(error).includes('fetch failed');
}
