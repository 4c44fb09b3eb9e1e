import type { GraphIdentifier, GraphLink, GraphOverrides } from '../domain/graph/types.js';
import { linkIdOf } from '../domain/ids.js';
import type { IdentifierDocument } from '../store/identifier-model.js';
import type { GraphStore } from '../store/graph-store.js';
import type { ProfileDocument } from '../store/profile-model.js';

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
 * its identifiers. Only `_id` look-ups: the local database answers those without a scan.
 */
export async function loadComponent(store: GraphStore, seeds: Iterable<string>): Promise<LoadedComponent> {
  const documents = new Map<string, IdentifierDocument>();
  const profiles = new Map<string, ProfileDocument>();
  const overrideIds = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (documents.has(id)) continue;
    const document = await store.identifiers.get(id);
    if (!document) continue;
    documents.set(id, document);
    if (document.profileId && !profiles.has(document.profileId)) {
      const profile = await store.profiles.get(document.profileId);
      if (profile) {
        profiles.set(profile._id, profile);
        queue.push(...profile.identifierIds);
      }
    }
    if (document.quarantined) continue;
    for (const link of activeLinks(document)) queue.push(link.to);
    for (const overrideId of document.overrideIds) {
      overrideIds.add(overrideId);
      if (overrideId.startsWith('ml:')) queue.push(...overrideId.slice(3).split('~'));
    }
  }

  const identifiers: GraphIdentifier[] = [];
  const links = new Map<string, GraphLink>();
  for (const document of documents.values()) {
    identifiers.push({
      id: document._id,
      type: document.type,
      hash: document.hash,
      firstSeenAt: document.firstSeenAt.getTime(),
      verified: document.verified,
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
