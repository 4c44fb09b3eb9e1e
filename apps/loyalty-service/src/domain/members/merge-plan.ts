/** A member as the merge rules see it. */
export interface MergeCandidate {
  memberId: string;
  profileId: string | null;
  enrolledAt: Date;
  mergedInto: string | null;
  /** Look-up hashes of the member's cards and email. */
  identifierHashes: string[];
}

export interface MergePlan {
  survivor: string;
  /** Members whose ledgers move into the survivor's. */
  absorbed: string[];
}

/**
 * Which member keeps the ledger when the reconciliation service merges profiles: the member of the
 * surviving profile, else the one enrolled first. Members already merged elsewhere stay where
 * they are (their ledger has moved already). Null when there is nothing to merge.
 */
export function planMerge(
  candidates: readonly MergeCandidate[],
  survivorProfileId: string,
): MergePlan | null {
  const live = candidates.filter((candidate) => candidate.mergedInto === null);
  if (live.length === 0) return null;
  const byAge = [...live].sort(
    (a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime() || (a.memberId < b.memberId ? -1 : 1),
  );
  const survivor = byAge.find((candidate) => candidate.profileId === survivorProfileId) ?? byAge[0];
  if (!survivor) return null;
  return {
    survivor: survivor.memberId,
    absorbed: byAge.filter((candidate) => candidate !== survivor).map((candidate) => candidate.memberId),
  };
}

/**
 * After a split, the profile a member now belongs to: the one holding most of its identifiers
 * (null when none holds any).
 */
export function profileAfterSplit(
  identifierHashes: readonly string[],
  profiles: readonly { profileId: string; identifiers: readonly { hash: string }[] }[],
): string | null {
  let best: { profileId: string; shared: number } | null = null;
  for (const profile of profiles) {
    const hashes = new Set(profile.identifiers.map((identifier) => identifier.hash));
    const shared = identifierHashes.filter((hash) => hashes.has(hash)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { profileId: profile.profileId, shared };
  }
  return best?.profileId ?? null;
}
