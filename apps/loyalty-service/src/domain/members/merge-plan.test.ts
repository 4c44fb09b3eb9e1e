import { describe, expect, it } from 'vitest';
import { type MergeCandidate, planMerge, profileAfterSplit } from './merge-plan.js';

const member = (
  memberId: string,
  day: number,
  profileId: string | null,
  mergedInto: string | null = null,
): MergeCandidate => ({
  memberId,
  profileId,
  enrolledAt: new Date(Date.UTC(2026, 0, day)),
  mergedInto,
  identifierHashes: [],
});

describe('merge plan', () => {
  it('when a member belongs to the surviving profile, then it keeps the ledger even if enrolled later', () => {
    expect(planMerge([member('mbr_a', 1, 'prf_b'), member('mbr_b', 5, 'prf_a')], 'prf_a')).toEqual({
      survivor: 'mbr_b',
      absorbed: ['mbr_a'],
    });
  });

  it('when no member has the surviving profile, then the first enrolled keeps the ledger', () => {
    expect(planMerge([member('mbr_b', 5, null), member('mbr_a', 1, null)], 'prf_x')).toEqual({
      survivor: 'mbr_a',
      absorbed: ['mbr_b'],
    });
  });

  it('when a member was already merged elsewhere, then it is left alone', () => {
    expect(planMerge([member('mbr_a', 1, null), member('mbr_b', 2, null, 'mbr_z')], 'prf_x')).toEqual({
      survivor: 'mbr_a',
      absorbed: [],
    });
  });

  it('after a split, a member belongs to the profile holding most of its identifiers', () => {
    const profiles = [
      { profileId: 'prf_a', identifiers: [{ hash: 'h1' }] },
      { profileId: 'prf_b', identifiers: [{ hash: 'h2' }, { hash: 'h3' }] },
    ];
    expect(profileAfterSplit(['h1', 'h2', 'h3'], profiles)).toBe('prf_b');
    expect(profileAfterSplit(['h9'], profiles)).toBeNull();
  });
});
