import type { ProfilesMergedPayload, ProfilesUnmergedPayload } from '@scontrino/contracts';
import {
  type TransferReason,
  transferInEntry,
  transferInKey,
  transferOutEntry,
} from '../domain/ledger/transfer.js';
import { planMerge, profileAfterSplit } from '../domain/members/merge-plan.js';
import type { Member } from '../store/members.js';
import { entryOrThrow } from './ledger-errors.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { upkeep } from './member-upkeep.js';

const hashesOf = (member: Member) => [
  ...(member.email ? [member.email.hash] : []),
  ...member.cards.map((c) => c.hash),
];

/** Members holding any of these card or email hashes, or linked to these profiles. */
async function membersOf(
  deps: LoyaltyDeps,
  tenantId: string,
  profileIds: readonly string[],
  identifiers: readonly { type: string; hash: string }[],
): Promise<Member[]> {
  const found = new Map<string, Member>();
  for (const identifier of identifiers) {
    if (identifier.type !== 'card' && identifier.type !== 'email') continue;
    const memberId = await deps.store.members.findByKey(tenantId, identifier.type, identifier.hash);
    const member = memberId ? await deps.store.members.get(memberId) : null;
    if (member) found.set(member.id, member);
  }
  for (const member of await deps.store.members.withProfiles(tenantId, profileIds))
    found.set(member.id, member);
  return [...found.values()].filter((member) => member.erasedAt === null);
}

/**
 * Moves a ledger from one member to another: first the source is marked merged (new sales on its
 * cards go to the survivor from now on), then a transfer out on the source and the matching
 * transfer in on the target, each idempotent by its key and the second built from the first, so a
 * crash anywhere and a replay move every point exactly once.
 */
async function moveLedger(
  deps: LoyaltyDeps,
  input: {
    operationId: string;
    from: string;
    to: string;
    batchIds?: ReadonlySet<string>;
    why: TransferReason;
  },
) {
  const out = entryOrThrow(
    await deps.store.ledger.append(input.from, (state, context) =>
      transferOutEntry(state, {
        operationId: input.operationId,
        memberId: input.from,
        toMemberId: input.to,
        now: context.now,
        why: input.why,
        ...(input.batchIds && { batchIds: input.batchIds }),
      }),
    ),
  );
  if (out?.kind !== 'transfer_out') return;
  await deps.store.ledger.append(input.to, (_state, context) => transferInEntry(out, context.now, input.why));
}

/** `profiles.merged`: every member of the merged profiles moves its ledger into one survivor. */
export async function mergeMembers(deps: LoyaltyDeps, merge: ProfilesMergedPayload): Promise<void> {
  const candidates = await membersOf(
    deps,
    merge.tenantId,
    [merge.survivorId, ...merge.absorbedIds],
    merge.identifiers,
  );
  const plan = planMerge(
    candidates.map((member) => ({
      ...member,
      memberId: member.id,
      mergedInto: member.mergedInto?.memberId ?? null,
      identifierHashes: hashesOf(member),
    })),
    merge.survivorId,
  );
  if (!plan) return;
  await deps.store.members.setProfile(plan.survivor, merge.survivorId);
  for (const absorbed of plan.absorbed) {
    await deps.store.members.setMergedInto(absorbed, {
      memberId: plan.survivor,
      operationId: merge.mergeId,
      at: deps.clock(),
    });
    await deps.store.members.setProfile(absorbed, merge.survivorId);
    await moveLedger(deps, {
      operationId: merge.mergeId,
      from: absorbed,
      to: plan.survivor,
      why: { operation: 'merge', rule: merge.reason.rule },
    });
  }
  // Members merged by an earlier delivery of this event whose transfer in was interrupted.
  for (const member of candidates)
    if (member.mergedInto?.operationId === merge.mergeId)
      await moveLedger(deps, {
        operationId: merge.mergeId,
        from: member.id,
        to: member.mergedInto.memberId,
        why: { operation: 'merge', rule: merge.reason.rule },
      });
  await upkeep(deps, plan.survivor);
}

/**
 * `profiles.unmerged`: a member merged into another whose cards and email now belong to another
 * profile gets back what is left of the batches it brought (points spent while merged stay spent).
 */
export async function unmergeMembers(deps: LoyaltyDeps, unmerge: ProfilesUnmergedPayload): Promise<void> {
  const all = unmerge.profiles.flatMap((profile) => profile.identifiers);
  const members = await membersOf(
    deps,
    unmerge.tenantId,
    [unmerge.fromProfileId, ...unmerge.profiles.map((p) => p.profileId)],
    all,
  );
  for (const member of members) {
    const merged = member.mergedInto;
    if (!merged) continue;
    const survivor = await deps.store.members.get(merged.memberId);
    if (!survivor) continue;
    const own = profileAfterSplit(hashesOf(member), unmerge.profiles);
    const survivors = profileAfterSplit(hashesOf(survivor), unmerge.profiles);
    if (own === null || own === survivors) continue;
    const broughtIn = await deps.store.ledger.byBusinessKey(transferInKey(merged.operationId, member.id));
    const batchIds = new Set(broughtIn?.moves.map((move) => move.batchId) ?? []);
    await deps.store.members.setMergedInto(member.id, null);
    await deps.store.members.setProfile(member.id, own);
    await moveLedger(deps, {
      operationId: unmerge.unmergeId,
      from: survivor.id,
      to: member.id,
      batchIds,
      why: { operation: 'unmerge', rule: unmerge.reason.rule },
    });
    if (survivors !== null) await deps.store.members.setProfile(survivor.id, survivors);
    await upkeep(deps, member.id);
    await upkeep(deps, survivor.id);
  }
}
