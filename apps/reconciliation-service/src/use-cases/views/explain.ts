import { maskIdentifier, type IdentifierType } from '@scontrino/identity';
import { AppError } from '@scontrino/errors';
import type { LinkRule } from '../../domain/graph/types.js';
import { evidencePath, type EvidenceLink } from '../../domain/profile/evidence-path.js';
import { linkIdOf, parseIdentifierId } from '../../domain/ids.js';
import type { ObservationChannel } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import { AUTO_MERGE_ACTOR } from '../../domain/suggestions/match-model.js';

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
  /**
   * The observation that saw both ends; for a must-link (`staff-must-link`, or `auto-merge` when
   * the match model merged the pair) the override's id (`ml:<a>~<b>`).
   */
  observationId: string;
  channel: ObservationChannel | null;
  at: Date;
  /** For an automatic merge: its probability and what spoke for it; a staff member's note. */
  note: string | null;
}

/**
 * Why the profile is in a household rather than merged with its members: a card or payment
 * fingerprint they all used, while each holds person-level identifiers of their own (a phone, an
 * e-mail, a web account or a proven e-mail) that the others do not.
 */
export interface ExplainedHousehold {
  householdId: string;
  profileIds: string[];
  /** The shared identifiers (usually one loyalty card), by hash and masked. */
  shared: ExplainedEnd[];
  reason: 'shared-identifier-conflicting-persons';
  /**
   * What told the members apart at the shared identifier: `proven-emails` (each proved an
   * e-mail), `names` (each was given a different name on a web order or an identify), or a
   * type each holds a different one of (`phone`, `webAccount`). Empty for a household stored before
   * this was recorded.
   */
  toldApartBy: string[];
}

export interface Explanation {
  profileId: string;
  /** False when the two are not in this profile (then `steps` is empty). */
  connected: boolean;
  steps: ExplainedStep[];
  /** The household the profile belongs to, and why it is a household and not one person. */
  household: ExplainedHousehold | null;
}

/**
 * "Why are these one customer?": the shortest chain of links between two identifiers of the
 * profile, each step with the observation (sale, claim, order) that saw both ends together, or
 * the must-link (a staff decision, an automatic merge with its probability and reasons) that
 * joined them.
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
  const householdDocument = profile.householdId
    ? await store.profiles.getHousehold(profile.householdId)
    : null;
  const documents = await store.identifiers.load([
    ...members,
    ...(householdDocument?.sharedIdentifierIds ?? []),
  ]);
  const links: EvidenceLink[] = [];
  for (const document of documents.values()) {
    for (const link of document.links) {
      const id = linkIdOf(document._id, link.to);
      if (
        members.has(document._id) &&
        document._id < link.to &&
        members.has(link.to) &&
        !document.cutLinkIds.includes(id)
      ) {
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
  const notes = new Map<string, string | null>();
  const mustLinks = [...documents.values()].flatMap((d) =>
    members.has(d._id) ? d.overrideIds.filter((id) => id.startsWith('ml:')) : [],
  );
  for (const override of await store.staff.loadOverrides(new Set(mustLinks))) {
    if (override.kind !== 'must-link' || !members.has(override.a) || !members.has(override.b)) continue;
    notes.set(override._id, override.note);
    links.push({
      a: override.a,
      b: override.b,
      observationId: override._id,
      at: override.at,
      rule: override.actor === AUTO_MERGE_ACTOR ? 'auto-merge' : 'staff-must-link',
    });
  }
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
  const household: ExplainedHousehold | null = householdDocument && {
    householdId: householdDocument._id,
    profileIds: householdDocument.profileIds,
    shared: householdDocument.sharedIdentifierIds.map(show),
    reason: 'shared-identifier-conflicting-persons',
    toldApartBy: householdDocument.toldApartBy ?? [],
  };
  const path = members.has(from) && members.has(to) ? evidencePath(from, to, links) : null;
  if (!path) return { profileId: profile._id, connected: false, steps: [], household };
  const observations = await store.observations.load(path.map((step) => step.observationId));
  return {
    profileId: profile._id,
    connected: true,
    household,
    steps: path.map((step) => ({
      linkId: linkIdOf(step.from, step.to),
      from: show(step.from),
      to: show(step.to),
      rule: step.rule,
      observationId: step.observationId,
      channel: observations.get(step.observationId)?.channel ?? null,
      at: step.at,
      note: notes.get(step.observationId) ?? null,
    })),
  };
}
