import { AppError } from '@scontrino/errors';
import { type IdentifierType, maskIdentifier } from '@scontrino/identity';
import { rfmCutoffs, rfmScores } from '../../domain/profile/rfm.js';
import {
  type MovementCell,
  rfmSegmentOf,
  type RfmSegmentName,
  segmentCounts,
  type SegmentMember,
  segmentMovement,
} from '../../domain/segments/rfm-segments.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import type { SegmentSnapshotDocument } from '../../store/segment-snapshots.js';
import { rfmInputsFromCustomerFacts } from './rfm-from-customer-facts.js';

export interface SegmentDeps {
  store: GraphStore;
  crypto: IdentityCrypto;
  clock: () => Date;
}

/** The UTC day of an instant, as snapshots are named. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Scores every live profile of the tenant on the quintiles of the day (see docs/identity.md,
 * "RFM segments") and keeps the day's snapshot: counts per named segment and the members, page by
 * page. Taking the same day again replaces it, so a job run twice leaves one snapshot.
 */
export async function takeSegmentSnapshot(
  deps: SegmentDeps,
  tenantId: string,
): Promise<SegmentSnapshotDocument> {
  const now = deps.clock();
  // The customers' facts, not their purchases: the caller refreshed them first (jobs/segment-snapshots.ts).
  const facts = await rfmInputsFromCustomerFacts(deps.store, tenantId, now);
  const cutoffs = rfmCutoffs([...facts.values()]);
  const members: SegmentMember[] = [];
  for (const [profileId, input] of facts) {
    const scores = rfmScores(input, cutoffs);
    if (scores)
      members.push({
        profileId,
        segment: rfmSegmentOf(scores),
        recency: scores.recency,
        frequency: scores.frequency,
        monetary: scores.monetary,
      });
  }
  return deps.store.segments.put(
    {
      tenantId,
      date: utcDay(now),
      takenAt: now,
      cutoffs,
      customers: members.length,
      counts: segmentCounts(members),
    },
    members,
  );
}

async function snapshotOf(deps: Pick<SegmentDeps, 'store'>, tenantId: string, date: string) {
  const snapshot = await deps.store.segments.get(tenantId, date);
  if (!snapshot)
    throw new AppError('segments.no_snapshot', `No segment snapshot of ${date} for this tenant`, {
      kind: 'not_found',
    });
  return snapshot;
}

/** The snapshot of a day (counts and cut-offs) and the days that have one. */
export async function segmentSummary(
  deps: Pick<SegmentDeps, 'store'>,
  tenantId: string,
  date: string | null,
) {
  const dates = await deps.store.segments.dates(tenantId, 400);
  const day = date ?? dates[0];
  const snapshot = day === undefined ? null : await snapshotOf(deps, tenantId, day);
  return { dates, snapshot };
}

/**
 * From segment → to segment between the snapshots of two days. Computed once from both member
 * lists and kept; taking the later day again computes it anew.
 */
export async function segmentMovementBetween(
  deps: Pick<SegmentDeps, 'store'>,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ from: string; to: string; cells: MovementCell[] }> {
  const [before, after] = [await snapshotOf(deps, tenantId, from), await snapshotOf(deps, tenantId, to)];
  const kept = await deps.store.segments.getMovement(from, to, tenantId);
  if (
    kept &&
    kept.toTakenAt.getTime() === after.takenAt.getTime() &&
    kept.fromTakenAt.getTime() === before.takenAt.getTime()
  )
    return { from, to, cells: kept.cells };
  const cells = segmentMovement(
    await deps.store.segments.segmentsOf(before),
    await deps.store.segments.segmentsOf(after),
  );
  await deps.store.segments.putMovement({
    tenantId,
    from,
    to,
    fromTakenAt: before.takenAt,
    toTakenAt: after.takenAt,
    cells,
  });
  return { from, to, cells };
}

/** A member as staff see it: scores, and identifiers masked with their look-up hashes. */
export interface SegmentMemberView extends SegmentMember {
  identifiers: { type: IdentifierType; hash: string; masked: string }[];
}

/** One page of a segment's members on a day, masked (`m•••o@e•••.it`); erased profiles are left out. */
export async function segmentMembersPage(
  deps: SegmentDeps,
  tenantId: string,
  date: string,
  segment: RfmSegmentName,
  page: number,
): Promise<{ members: SegmentMemberView[]; pages: number }> {
  const snapshot = await snapshotOf(deps, tenantId, date);
  const members = await deps.store.segments.page(snapshot, segment, page);
  const profiles = await deps.store.profiles.load(members.map((m) => m.profileId));
  const identifierIds = [...profiles.values()].flatMap((p) => p.identifierIds);
  const identifiers = await deps.store.identifiers.load(identifierIds);
  const views: SegmentMemberView[] = [];
  for (const member of members) {
    const profile = profiles.get(member.profileId);
    if (!profile || profile.tenantId !== tenantId || profile.erasedAt !== null) continue;
    views.push({
      ...member,
      identifiers: profile.identifierIds.flatMap((id) => {
        const document = identifiers.get(id);
        if (!document) return [];
        const value = deps.crypto.openValue(document.type, document.sealed);
        return [
          {
            type: document.type,
            hash: document.hash,
            masked: maskIdentifier({ type: document.type, value }),
          },
        ];
      }),
    });
  }
  return { members: views, pages: snapshot.pages[segment] ?? 0 };
}
