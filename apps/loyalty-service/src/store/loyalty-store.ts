import { ensureIndexes, erasureOutcomes, type ErasureOutcomes } from '@scontrino/db';
import type { Connection } from 'mongoose';
import { earlyClaimStore, type EarlyClaimStore } from './early-claims.js';
import { holdStore, type HoldStore } from './holds.js';
import { ledgerStore, type LedgerStore } from './ledger.js';
import { memberEnrolments, type MemberEnrolments } from './member-enrolments.js';
import { memberStore, type MemberStore } from './members.js';
import {
  pointsRollupModel,
  pointsRollups,
  type PointsRollups,
  tenantOfMember,
  withPointsRollups,
} from './points-rollups.js';
import { signInCodeStore, type SignInCodeStore } from './sign-in-codes.js';

/** The ledger helper's collections, as the use cases see them. */
export interface LoyaltyStore {
  members: MemberStore;
  /** Each `member.enrolled` with its outbox, for the reconciliation service. */
  enrolments: MemberEnrolments;
  ledger: LedgerStore;
  holds: HoldStore;
  signInCodes: SignInCodeStore;
  /** Receipts claimed before their address joined, for crediting on enrolment. */
  earlyClaims: EarlyClaimStore;
  /** What each `customer.erased` changed here, for the erasure report. */
  erasures: ErasureOutcomes;
  /** The back office's daily points figures, kept as the ledger is written. */
  pointsRollups: PointsRollups;
}

/**
 * Registers the models and waits for their indexes: the ledger's idempotency rests on the unique
 * business key, so nothing may be written before it exists.
 */
export async function openLoyaltyStore(
  connection: Connection,
  options: { clock?: () => Date } = {},
): Promise<LoyaltyStore> {
  const clock = options.clock ?? (() => new Date());
  const read = memberStore(connection);
  const tenants = tenantOfMember((memberId) => read.get(memberId));
  // The members read anyway tell the rollups their tenant.
  const seen = <T extends { id: string; tenantId: string } | null>(member: T): T => {
    tenants.remember(member);
    return member;
  };
  const members: MemberStore = {
    ...read,
    get: async (memberId) => seen(await read.get(memberId)),
    holderOf: async (tenantId, type, hash) => seen(await read.holderOf(tenantId, type, hash)),
    resolve: async (memberId) => seen(await read.resolve(memberId)),
  };
  const holds = holdStore(connection);
  const rollups = pointsRollups(
    pointsRollupModel(connection),
    {
      tenantOf: tenants.tenantOf,
      storeOfHold: async (holdId) => (await holds.get(holdId))?.storeId ?? null,
    },
    clock,
  );
  const store: LoyaltyStore = {
    members,
    enrolments: memberEnrolments(connection),
    ledger: withPointsRollups(ledgerStore(connection, clock), rollups),
    holds,
    pointsRollups: rollups,
    signInCodes: signInCodeStore(connection),
    earlyClaims: earlyClaimStore(connection),
    erasures: erasureOutcomes(connection),
  };
  await ensureIndexes(connection);
  return store;
}
