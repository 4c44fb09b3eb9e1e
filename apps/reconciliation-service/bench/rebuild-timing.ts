import { rebuildProfiles } from '../src/domain/graph/rebuild.js';
import { millionGraph } from './million-graph.js';

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

export interface RebuildTiming {
  identifiers: number;
  links: number;
  profiles: number;
  households: number;
  quarantined: number;
  generateMs: number;
  /** Every identifier new: all profile ids minted. */
  coldMs: number;
  /** Every identifier carrying the profile it had: the steady-state "rebuild everything". */
  warmMs: number;
  heapUsedMb: number;
  /** Resident set at its highest over the whole process, which includes the graph itself. */
  peakRssMb: number;
  rssBeforeMb: number;
}

/** Builds a graph of `size` identifiers in memory and times the pure rebuild on it, cold then warm. */
export function timeRebuild(size: number): RebuildTiming {
  let started = performance.now();
  const input = millionGraph(size);
  const generateMs = performance.now() - started;
  const rssBeforeMb = mb(process.memoryUsage().rss);

  started = performance.now();
  const cold = rebuildProfiles(input);
  const coldMs = performance.now() - started;

  const profileOf = new Map<string, string>();
  for (const profile of cold.profiles)
    for (const id of profile.identifierIds) profileOf.set(id, profile.profileId);
  const warmInput = {
    ...input,
    identifiers: input.identifiers.map((identifier) => ({
      ...identifier,
      profileId: profileOf.get(identifier.id),
    })),
    existingProfiles: cold.profiles.map(({ profileId, createdAt }) => ({ profileId, createdAt })),
  };
  started = performance.now();
  const warm = rebuildProfiles(warmInput);
  const warmMs = performance.now() - started;
  const heapUsedMb = mb(process.memoryUsage().heapUsed);

  return {
    identifiers: input.identifiers.length,
    links: input.links.length,
    profiles: warm.profiles.length,
    households: warm.households.length,
    quarantined: warm.quarantined.length,
    generateMs,
    coldMs,
    warmMs,
    heapUsedMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMb,
  };
}
