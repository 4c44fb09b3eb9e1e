import type { EventEnvelope } from '@scontrino/contracts';
import type { Observation } from '../domain/observations/observation.js';
import type { GraphDeps } from './graph-deps.js';

/**
 * Stores an observation once, without the identifiers of erased people (their tombstones stop a
 * replayed event from bringing them back). Returns the observation as stored: on a duplicate,
 * the first one, whatever this copy says.
 */
export async function storeObservation(
  deps: Pick<GraphDeps, 'store'>,
  observation: Observation,
  events: readonly EventEnvelope[] = [],
): Promise<{ status: 'accepted' | 'duplicate'; observation: Observation }> {
  const { store } = deps;
  const erased = await store.records.tombstoned(observation.identifiers.map((identifier) => identifier.id));
  const kept = { ...observation, identifiers: observation.identifiers.filter((i) => !erased.has(i.id)) };
  const inserted = await store.observations.insert(kept, events);
  if (inserted === 'inserted') return { status: 'accepted', observation: kept };
  return {
    status: 'duplicate',
    observation: (await store.observations.get(observation.observationId)) ?? kept,
  };
}
