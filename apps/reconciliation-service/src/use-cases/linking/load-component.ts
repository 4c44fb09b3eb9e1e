import type { GraphIdentifier, GraphLink, GraphOverrides } from '../../domain/graph/types.js';
import { linkIdOf } from '../../domain/ids.js';
import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { ProfileDocument } from '../../store/profile-model.js';

/** Everything the rebuild of one component needs, as stored before the rebuild. */
export interface LoadedComponent {
  documents: Map<string, IdentifierDocument>;
  profiles: Map<string, ProfileDocument>;
  input: { identifiers: GraphIdentifier[]; links: GraphLink[]; overrides: GraphOverrides };
}

const activeLinks = (document: IdentifierDocument) =>
  document.links.filter((link) => !document.cutLinkIds.includes(linkIdOf(document._id, link.to)));

/**
 * Walks links (not cut, not through quarantined identifiers) and staff must-links from the seeds,
 * and takes in every identifier of every profile met, so a profile is never judged on half of
 * its identifiers. Only `_id` look-ups, one ring of the walk at a time (the look-ups of a ring go
 * out together): the local database answers those from an index.
 */
export async function loadComponent(store: GraphStore, seeds: Iterable<string>): Promise<LoadedComponent> {
  const documents = new Map<string, IdentifierDocument>();
  const profiles = new Map<string, ProfileDocument>();
  const overrideIds = new Set<string>();
  const asked = new Set<string>();
  let ring = [...new Set(seeds)];
  while (ring.length > 0) {
    ring.forEach((id) => asked.add(id));
    const found = await store.identifiers.load(ring);
    const next = new Set<string>();
    const profileIds = new Set<string>();
    for (const document of found.values()) {
      documents.set(document._id, document);
      if (document.profileId && !profiles.has(document.profileId)) profileIds.add(document.profileId);
      if (document.quarantined) continue;
      for (const link of activeLinks(document)) next.add(link.to);
      for (const overrideId of document.overrideIds) {
        overrideIds.add(overrideId);
        if (overrideId.startsWith('ml:'))
          overrideId
            .slice(3)
            .split('~')
            .forEach((id) => next.add(id));
      }
    }
    for (const profile of (await store.profiles.load(profileIds)).values()) {
      profiles.set(profile._id, profile);
      profile.identifierIds.forEach((id) => next.add(id));
    }
    ring = [...next].filter((id) => !asked.has(id));
  }

  const identifiers: GraphIdentifier[] = [];
  const links = new Map<string, GraphLink>();
  // In id order: the same component gives the same input whichever seeds it was reached from.
  const sorted = [...documents.values()].sort((x, y) => (x._id < y._id ? -1 : x._id > y._id ? 1 : 0));
  for (const document of sorted) {
    identifiers.push({
      id: document._id,
      type: document.type,
      hash: document.hash,
      firstSeenAt: document.firstSeenAt.getTime(),
      verified: document.verified,
      ...(document.names && document.names.length > 0 && { names: document.names }),
      ...(document.numberKey && { numberKey: document.numberKey }),
      profileId: document.profileId ?? undefined,
      quarantined: document.quarantined?.reason,
    });
    if (document.quarantined) continue;
    for (const link of activeLinks(document)) {
      const other = documents.get(link.to);
      if (!other || other.quarantined) continue;
      const id = linkIdOf(document._id, link.to);
      const [a, b] = document._id < link.to ? [document._id, link.to] : [link.to, document._id];
      const known = links.get(id);
      if (!known || link.at.getTime() < known.at)
        links.set(id, {
          id,
          a,
          b,
          observationId: link.observationId,
          at: link.at.getTime(),
          rule: link.rule,
        });
    }
  }
  const overrides = await store.staff.loadOverrides(overrideIds);
  const pairs = (kind: string) =>
    overrides
      .filter((o) => o.kind === kind && documents.has(o.a) && documents.has(o.b))
      .map((o) => ({ a: o.a, b: o.b }));
  return {
    documents,
    profiles,
    input: {
      identifiers,
      links: [...links.values()].sort((x, y) => (x.id < y.id ? -1 : 1)),
      overrides: { neverLink: pairs('never-link'), mustLink: pairs('must-link') },
    },
  };
}
