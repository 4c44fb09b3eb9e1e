import type { Batch, LedgerState } from './balance.js';
import { explained } from './entry-explanation.js';
import type { NewEntry } from './entry.js';

/**
 * The next activation or expiry that is due at `now`, earliest first, or null when the ledger is
 * up to date. Applying them one at a time in time order keeps FIFO and debt repayment exact however
 * late the job runs; each has its own business key, so running the job twice writes nothing new.
 */
export function nextDueEntry(state: LedgerState, now: Date): NewEntry | null {
  let due: { at: Date; entry: () => NewEntry } | null = null;
  const consider = (at: Date, entry: () => NewEntry) => {
    if (at <= now && (!due || at < due.at)) due = { at, entry };
  };
  for (const batch of state.batches.values()) {
    if (batch.pending > 0) consider(batch.activatesAt, () => activation(state, batch, now));
    else if (batch.active > 0 && batch.expiresAt) consider(batch.expiresAt, () => expiry(batch, now));
  }
  return (due as { entry: () => NewEntry } | null)?.entry() ?? null;
}

/** Pending points become spendable; a debt left by an earlier return is repaid from them first. */
function activation(state: LedgerState, batch: Batch, now: Date): NewEntry {
  const points = batch.pending;
  const repaid = Math.min(state.debt, points);
  return {
    kind: 'activate',
    businessKey: `activate:${batch.batchId}`,
    at: now,
    pending: -points,
    active: points,
    debt: -repaid,
    moves: [{ batchId: batch.batchId, pending: -points, active: points - repaid }],
    ...explained({ kind: 'activated', points, earnedAt: batch.earnedAt.toISOString(), repaid }),
    batchId: batch.batchId,
    repaid,
  };
}

/** A batch expires once, and only what is left of it. */
function expiry(batch: Batch, now: Date): NewEntry {
  return {
    kind: 'expire',
    businessKey: `expire:${batch.batchId}`,
    at: now,
    pending: 0,
    active: -batch.active,
    debt: 0,
    moves: [{ batchId: batch.batchId, pending: 0, active: -batch.active }],
    ...explained({ kind: 'expired', points: batch.active, earnedAt: batch.earnedAt.toISOString() }),
    batchId: batch.batchId,
  };
}

/** Spendable points that expire after `now` and by `until`, and the first such date (the app's warning). */
export function expiringBetween(
  state: LedgerState,
  now: Date,
  until: Date,
): { points: number; firstAt: Date | null } {
  let points = 0;
  let firstAt: Date | null = null;
  for (const batch of state.batches.values()) {
    if (!batch.expiresAt || batch.active <= 0 || batch.expiresAt <= now || batch.expiresAt > until) continue;
    points += batch.active;
    if (!firstAt || batch.expiresAt < firstAt) firstAt = batch.expiresAt;
  }
  return { points, firstAt };
}
