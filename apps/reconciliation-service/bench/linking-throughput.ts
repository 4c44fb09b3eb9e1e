import { identifyObservation } from '../src/api/observations/identify.js';
import { orderObservation } from '../src/api/orders/record-order-command.js';
import type { Observation } from '../src/domain/observations/observation.js';
import type { GraphDeps } from '../src/use-cases/linking/graph-deps.js';
import type { SyntheticInput } from './synthetic/api-inputs.js';

export interface LinkingThroughput {
  linked: number;
  elapsedS: number;
  perSecond: number;
  /** Sorted times from handing an observation to the linker to its being linked, ms. */
  linkMs: number[];
}

/** The observation an API call would have made of the input (the same functions build it). */
async function observationOf(graph: GraphDeps, input: SyntheticInput): Promise<Observation> {
  return input.kind === 'identify'
    ? (await identifyObservation(graph, input.body)).observation
    : (await orderObservation(graph, input.body)).observation;
}

/**
 * Observations per second through the linker alone, in this process: no HTTP, no tRPC, no
 * callers sharing the cores; the stream is the API bench's. `inFlight` observations are handed
 * over at once and each finished one is replaced at once, the way a busy inbox or many callers
 * keep the linker fed, so batches fill up to the linker's own limit.
 */
export async function measureLinkingThroughput(
  graph: GraphDeps,
  inputs: readonly SyntheticInput[],
  options: { seconds: number; inFlight: number },
): Promise<LinkingThroughput> {
  const linkMs: number[] = [];
  let next = 0;
  const stopAt = performance.now() + options.seconds * 1000;
  const feeder = async () => {
    while (performance.now() < stopAt && next < inputs.length) {
      const input = inputs[next] as SyntheticInput;
      next += 1;
      const observation = await observationOf(graph, input);
      const handed = performance.now();
      await graph.linker.storeAndLink(observation);
      linkMs.push(performance.now() - handed);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.inFlight }, feeder));
  const elapsedS = (performance.now() - started) / 1000;
  return {
    linked: linkMs.length,
    elapsedS,
    perSecond: linkMs.length / elapsedS,
    linkMs: linkMs.sort((a, b) => a - b),
  };
}
