import type { Batch } from '../ledger/balance.js';
import { addMonths } from '../ledger/expiry.js';

/**
 * A stretch during which some points (or spend) count towards the member's tier: from when they
 * were earned until they leave the rolling window.
 */
export interface Contribution {
  from: Date;
  until: Date;
  value: number;
}

/**
 * What counts towards tiers, from the member's batches. Returned points never count: a return
 * takes its points out of the original batch's contribution from the day it was earned, so no tier
 * rests on points that went back to the shop.
 */
export function contributionsOf(
  batches: Iterable<Batch>,
  basis: 'points' | 'spend',
  windowMonths: number,
): Contribution[] {
  const contributions: Contribution[] = [];
  for (const batch of batches) {
    const returned = batch.returns.reduce((sum, r) => sum + (basis === 'points' ? r.points : r.spend), 0);
    const value = (basis === 'points' ? batch.qualifying.points : batch.qualifying.spend) - returned;
    if (value > 0)
      contributions.push({ from: batch.earnedAt, until: addMonths(batch.earnedAt, windowMonths), value });
  }
  return contributions;
}

/** Qualifying value at `at`: what was earned in the window ending then. */
export function qualifyingAt(contributions: readonly Contribution[], at: Date): number {
  let total = 0;
  for (const c of contributions) if (c.from <= at && at < c.until) total += c.value;
  return total;
}

/** Times at which the qualifying value can change, strictly after `after` and up to `until`. */
export function changePoints(contributions: readonly Contribution[], after: Date, until: Date): Date[] {
  const times = new Set<number>();
  for (const c of contributions)
    for (const t of [c.from.getTime(), c.until.getTime()])
      if (t > after.getTime() && t <= until.getTime()) times.add(t);
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * The earliest return after `since` without which the value at `at` would have reached
 * `threshold`: when a tier reached on points later returned stops being deserved.
 */
export function returnThatUndid(
  batches: Iterable<Batch>,
  basis: 'points' | 'spend',
  windowMonths: number,
  at: Date,
  threshold: number,
): Date | null {
  const all = [...batches];
  const returns = all
    .flatMap((batch) => batch.returns.map((r) => r.at))
    .sort((a, b) => a.getTime() - b.getTime());
  for (const returnedAt of returns) {
    const upTo = all.map((batch) => ({ ...batch, returns: batch.returns.filter((r) => r.at <= returnedAt) }));
    if (qualifyingAt(contributionsOf(upTo, basis, windowMonths), at) < threshold) return returnedAt;
  }
  return null;
}
