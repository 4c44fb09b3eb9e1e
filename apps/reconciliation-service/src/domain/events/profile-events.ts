import type { EventOf, IdentifierRef, OnlineOrderPlacedPayload } from '@scontrino/contracts';
import type { ProfileMerge, ProfileSplit } from '../graph/types.js';
import { parseIdentifierId } from '../ids.js';

export const PROFILES_MERGED_VERSION = 1;
export const PROFILES_UNMERGED_VERSION = 1;
export const CUSTOMER_ERASED_VERSION = 1;
export const ONLINE_ORDER_PLACED_VERSION = 1;

/** `{ type, hash }` of stored identifier ids: what events carry instead of values. */
export function identifierRefs(identifierIds: readonly string[]): IdentifierRef[] {
  return identifierIds.flatMap((id) => {
    const parsed = parseIdentifierId(id);
    return parsed ? [{ type: parsed.type, hash: parsed.hash }] : [];
  });
}

export function profilesMergedEvent(
  tenantId: string,
  mergeId: string,
  merge: ProfileMerge,
  actor: string | null,
  mergedAt: Date,
): EventOf<'profiles.merged'> {
  return {
    id: `${mergeId}.merged`,
    type: 'profiles.merged',
    version: PROFILES_MERGED_VERSION,
    occurredAt: mergedAt.toISOString(),
    payload: {
      tenantId,
      mergeId,
      survivorId: merge.survivorId,
      absorbedIds: merge.absorbedIds,
      identifiers: identifierRefs(merge.identifierIds),
      reason: { rule: merge.rule, observationId: merge.observationId, actor },
      mergedAt: mergedAt.toISOString(),
    },
  };
}

export function profilesUnmergedEvent(
  tenantId: string,
  unmergeId: string,
  split: ProfileSplit,
  reason: { rule: string; actor: string | null },
  unmergedAt: Date,
): EventOf<'profiles.unmerged'> {
  return {
    id: `${unmergeId}.unmerged`,
    type: 'profiles.unmerged',
    version: PROFILES_UNMERGED_VERSION,
    occurredAt: unmergedAt.toISOString(),
    payload: {
      tenantId,
      unmergeId,
      fromProfileId: split.fromProfileId,
      profiles: split.parts.map((part) => ({
        profileId: part.profileId,
        identifiers: identifierRefs(part.identifierIds),
      })),
      reason,
      unmergedAt: unmergedAt.toISOString(),
    },
  };
}

export function customerErasedEvent(
  tenantId: string,
  erasureId: string,
  profileId: string,
  identifiers: IdentifierRef[],
  erasedAt: Date,
): EventOf<'customer.erased'> {
  return {
    id: `${erasureId}.erased`,
    type: 'customer.erased',
    version: CUSTOMER_ERASED_VERSION,
    occurredAt: erasedAt.toISOString(),
    payload: { tenantId, erasureId, profileId, identifiers, erasedAt: erasedAt.toISOString() },
  };
}

/** One order, one event: the observation id makes the event id. */
export function onlineOrderPlacedEvent(
  payload: OnlineOrderPlacedPayload,
  recordedAt: Date,
): EventOf<'online.order.placed'> {
  return {
    id: `${payload.observationId}.placed`,
    type: 'online.order.placed',
    version: ONLINE_ORDER_PLACED_VERSION,
    occurredAt: recordedAt.toISOString(),
    payload,
  };
}
