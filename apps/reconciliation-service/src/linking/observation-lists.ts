import type { ProfilesResult } from '../domain/graph/types.js';
import type { Observation } from '../domain/observations/observation.js';
import type { GraphStore } from '../store/graph-store.js';
import type { LoadedComponent } from './load-component.js';

/**
 * The observations each resulting profile lists. A profile made of whole previous profiles (the
 * usual case, and every merge) takes their lists as they are; one holding part of a split profile
 * keeps only the observations that name one of its identifiers (read back by `_id`).
 */
export async function observationListsOf(
  store: GraphStore,
  loaded: LoadedComponent,
  result: ProfilesResult,
  observation: Observation | undefined,
): Promise<Map<string, string[]>> {
  const cache = new Map<string, Observation | null>();
  const read = async (id: string) => {
    if (!cache.has(id)) cache.set(id, await store.observations.get(id));
    return cache.get(id) ?? null;
  };
  const lists = new Map<string, string[]>();
  for (const profile of result.profiles) {
    const mine = new Set(profile.identifierIds);
    const sources = new Set<string>();
    for (const id of profile.identifierIds) {
      const previous = loaded.documents.get(id)?.profileId;
      if (previous) sources.add(previous);
    }
    const list = new Set<string>();
    for (const source of sources) {
      const stored = loaded.profiles.get(source);
      if (!stored) continue;
      const whole = stored.identifierIds.every((id) => mine.has(id));
      for (const observationId of stored.observationIds) {
        if (whole) {
          list.add(observationId);
          continue;
        }
        const seen = await read(observationId);
        if (seen?.identifiers.some((identifier) => mine.has(identifier.id))) list.add(observationId);
      }
    }
    if (observation?.identifiers.some((identifier) => mine.has(identifier.id)))
      list.add(observation.observationId);
    lists.set(profile.profileId, [...list]);
  }
  return lists;
}
