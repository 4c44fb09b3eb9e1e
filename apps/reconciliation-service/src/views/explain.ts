import { maskIdentifier, type IdentifierType } from '@scontrino/identity';
import { AppError } from '@scontrino/trpc';
import type { LinkRule } from '../domain/graph/types.js';
import { evidencePath, type EvidenceLink } from '../domain/profile/evidence-path.js';
import { linkIdOf, parseIdentifierId } from '../domain/ids.js';
import type { ObservationChannel } from '../domain/observations/observation.js';
import type { GraphStore } from '../store/graph-store.js';
import type { IdentityCrypto } from '../store/identity-crypto.js';

export interface ExplainedEnd {
  type: IdentifierType;
  hash: string;
  masked: string;
}

export interface ExplainedStep {
  linkId: string;
  /** Each end by its hash (what `overrides.*` and `identifiers.quarantine` take) and masked. */
  from: ExplainedEnd;
  to: ExplainedEnd;
  rule: LinkRule;
  observationId: string;
  channel: ObservationChannel | null;
  at: Date;
}

export interface Explanation {
  profileId: string;
  /** False when the two are not in this profile (then `steps` is empty). */
  connected: boolean;
  steps: ExplainedStep[];
}

/**
 * "Why are these one customer?": the shortest chain of links between two identifiers of the
 * profile, each step with the observation (sale, claim, order) that saw both ends together.
 */
export async function explainProfile(
  deps: { store: GraphStore; crypto: IdentityCrypto },
  tenantId: string,
  profileId: string,
  from: string,
  to: string,
): Promise<Explanation> {
  const { store, crypto } = deps;
  const profile = await store.profiles.resolveLive(profileId);
  if (!profile || profile.tenantId !== tenantId) {
    throw new AppError('profile.not_found', 'No such profile for this tenant', { kind: 'not_found' });
  }
  const members = new Set(profile.identifierIds);
  if (!members.has(from) || !members.has(to)) return { profileId: profile._id, connected: false, steps: [] };
  const documents = await store.identifiers.load(members);
  const links: EvidenceLink[] = [];
  for (const document of documents.values()) {
    for (const link of document.links) {
      const id = linkIdOf(document._id, link.to);
      if (document._id < link.to && members.has(link.to) && !document.cutLinkIds.includes(id)) {
        links.push({
          a: document._id,
          b: link.to,
          observationId: link.observationId,
          at: link.at,
          rule: link.rule,
        });
      }
    }
  }
  const path = evidencePath(from, to, links);
  if (!path) return { profileId: profile._id, connected: false, steps: [] };
  const show = (id: string): ExplainedEnd => {
    const document = documents.get(id);
    const parsed = parseIdentifierId(id);
    if (!document) return { type: parsed?.type ?? 'card', hash: parsed?.hash ?? '', masked: '••••' };
    return {
      type: document.type,
      hash: document.hash,
      masked: maskIdentifier({
        type: document.type,
        value: crypto.openValue(document.type, document.sealed),
      }),
    };
  };
  const observations = await store.observations.load(path.map((step) => step.observationId));
  return {
    profileId: profile._id,
    connected: true,
    steps: path.map((step) => ({
      linkId: linkIdOf(step.from, step.to),
      from: show(step.from),
      to: show(step.to),
      rule: step.rule,
      observationId: step.observationId,
      channel: observations.get(step.observationId)?.channel ?? null,
      at: step.at,
    })),
  };
}
