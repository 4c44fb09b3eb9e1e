import type { Batch } from '../ledger/balance.js';
import { addDays, addMonths } from '../ledger/expiry.js';
import type { ProgramConfig, Tier } from '../program/program-config.js';
import { changePoints, contributionsOf, qualifyingAt, returnThatUndid } from './qualifying.js';

export type TierRules = ProgramConfig['tiers'];

export interface TierChange {
  from: string | null;
  to: string;
  at: Date;
  reason: 'enrolled' | 'upgrade' | 'downgrade' | 'returned';
}

export interface TierEvaluation {
  /** Changes after the last one of the history given, oldest first (empty: nothing changed). */
  changes: TierChange[];
  tier: Tier;
  since: Date;
  qualifying: number;
  /** When the member would drop one tier if nothing is earned meanwhile; null when not below. */
  downgradeAt: Date | null;
}

function levelFor(levels: readonly Tier[], value: number): number {
  let index = 0;
  levels.forEach((level, i) => {
    if (value >= level.threshold) index = i;
  });
  return index;
}

/**
 * Replays the tier rules from the member's last tier change up to `now`, at every moment the
 * qualifying value changes: up at once when a threshold is reached (to the highest tier reached),
 * down one tier only after `gracePeriodDays` below the current tier's threshold, and back at once
 * when the tier was reached on points later returned. Pure and deterministic: every change's time
 * comes from the ledger, so evaluating twice (the earn handler and the daily job) gives the same
 * history.
 *
 * `droppedUntil` (from the ledger snapshot): spent batches earned until then are no longer given,
 * so the qualifying value is known only once their window has passed. A replay from a change older
 * than that starts there instead, in the tier the history says; a downgrade due before it would
 * have been recorded by the daily job, which evaluates every member every day.
 */
export function evaluateTiers(input: {
  rules: TierRules;
  batches: Iterable<Batch>;
  history: readonly TierChange[];
  now: Date;
  droppedUntil?: Date | null;
}): TierEvaluation {
  const { rules, now } = input;
  const { levels } = rules;
  const batches = [...input.batches];
  const contributions = contributionsOf(batches, rules.basis, rules.windowMonths);
  const q = (at: Date) => qualifyingAt(contributions, at);
  const last = input.history.at(-1);
  const changes: TierChange[] = [];
  const knownFrom = input.droppedUntil ? addMonths(input.droppedUntil, rules.windowMonths) : null;
  const lateStart = last !== undefined && knownFrom !== null && knownFrom > last.at;
  let t = last?.at ?? now;
  if (lateStart && knownFrom) t = knownFrom < now ? knownFrom : now;
  let current = levels.findIndex((level) => level.code === last?.to);
  if (current < 0) current = levelFor(levels, q(t));
  let since = last && levels[current]?.code === last.to ? last.at : t;
  const record = (to: number, at: Date, reason: TierChange['reason']) => {
    changes.push({ from: levels[current]?.code ?? null, to: levels[to]?.code ?? '', at, reason });
    current = to;
    since = at;
  };

  if (
    !lateStart &&
    last?.reason === 'upgrade' &&
    current > 0 &&
    q(last.at) < (levels[current]?.threshold ?? 0)
  ) {
    const undoneAt = returnThatUndid(
      batches,
      rules.basis,
      rules.windowMonths,
      last.at,
      levels[current]?.threshold ?? 0,
    );
    if (undoneAt && undoneAt <= now) {
      const before = levels.findIndex((level) => level.code === last.from);
      t = undoneAt > last.at ? undoneAt : last.at;
      record(before >= 0 && before < current ? before : current - 1, t, 'returned');
    }
  }

  let belowSince: Date | null = null;
  const evaluateAt = (at: Date) => {
    const reached = levelFor(levels, q(at));
    if (reached > current) {
      record(reached, at, 'upgrade');
      belowSince = null;
    } else if (reached < current) belowSince ??= at > since ? at : since;
    else belowSince = null;
  };
  evaluateAt(t);
  const points = changePoints(contributions, t, now);
  let next = 0;
  for (;;) {
    const deadline: Date | null = belowSince ? addDays(belowSince, rules.gracePeriodDays) : null;
    const change = points[next];
    if (deadline && deadline <= now && (!change || deadline < change)) {
      record(current - 1, deadline, 'downgrade');
      belowSince = null;
      evaluateAt(deadline);
      continue;
    }
    if (!change) break;
    next += 1;
    evaluateAt(change);
  }

  const tier = levels[current] ?? levels[0];
  if (!tier) throw new Error('a program has at least one tier');
  return {
    changes,
    tier,
    since,
    qualifying: q(now),
    downgradeAt: belowSince ? addDays(belowSince, rules.gracePeriodDays) : null,
  };
}

/** The member's tier at a past moment (the multiplier a sale earned under), from its history. */
export function tierAt(history: readonly TierChange[], at: Date): string | null {
  let code: string | null = null;
  for (const change of history) if (change.at <= at) code = change.to;
  return code ?? history[0]?.to ?? null;
}
