import type { EventEnvelope } from '@scontrino/contracts';
import type { WrittenOutbox } from '@scontrino/queue';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphDeps } from './graph-deps.js';

/**
 * Stores an observation once, with its events, without the identifiers of erased people (their
 * tombstones stop a replayed event from bringing them back), for the linker to link later.
 * Returns the observation as stored (on a duplicate, the first one, whatever this copy says) and,
 * when inserted, its outbox as written, for the dispatcher.
 */
export async function storeObservation(
  deps: Pick<GraphDeps, 'store'>,
  observation: Observation,
  events: readonly EventEnvelope[] = [],
): Promise<
  | { status: 'accepted'; observation: Observation; written: WrittenOutbox }
  | { status: 'duplicate'; observation: Observation }
> {
  const { store } = deps;
  const erased = await store.records.tombstoned(observation.identifiers.map((identifier) => identifier.id));
  const kept = { ...observation, identifiers: observation.identifiers.filter((i) => !erased.has(i.id)) };
  const { outcome, written } = await store.observations.insert(kept, events);
  if (outcome === 'inserted') return { status: 'accepted', observation: kept, written };
  return {
    status: 'duplicate',
    observation: (await store.observations.get(observation.observationId)) ?? kept,
  };
}
