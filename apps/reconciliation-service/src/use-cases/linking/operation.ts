import type { LinkRule } from '../../domain/graph/types.js';

/**
 * One graph mutation: an observation being linked, or a staff action. Its id seeds the ids of
 * what it creates (new profiles, merge and unmerge records), so a replay after a crash repeats
 * the same writes instead of inventing new ones.
 */
export interface GraphOperation {
  id: string;
  tenantId: string;
  /** Who asked, for staff actions; null for observations. */
  actor: string | null;
  /** The rule named in `profiles.unmerged` if the operation splits a profile. */
  splitRule: string;
  /** The rule a merge made by a must-link is told under (`auto-merge` for a scored pair); else `staff-must-link`. */
  mustLinkRule?: LinkRule | undefined;
  /**
   * For an observation linked again (stored before, not marked linked: a replay after a crash), its rule:
   * an earlier attempt may have left new profiles that no identifier points at (see `recompute.ts`).
   */
  replayRule?: LinkRule | undefined;
  at: Date;
}
