import { createRandom, type Random } from '@scontrino/pos-simulator';

/**
 * Every fault `pnpm chaos` knows. `kill-*`: SIGKILL of a service, restarted after `downMs`;
 * `kill-receipt-during-send`: the relay holds its answers, the receipt service is killed while
 * e-mails are being sent; `redis-restart`: Redis saves and stops, down for `downMs`;
 * `smtp-refuse`: the relay answers 451 for `downMs`; `database-outage`: the link to the database
 * cut for `downMs`; `database-restart`: the database process stopped and started again;
 * `latency-*` / `stall-*`: answers on a link slowed or held for `downMs`.
 */
export const FAULT_KINDS = [
  'kill-receipt',
  'kill-loyalty',
  'kill-reconciliation',
  'kill-receipt-during-send',
  'redis-restart',
  'smtp-refuse',
  'database-outage',
  'database-restart',
  'latency-database',
  'latency-services',
  'stall-database',
  'stall-services',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlannedFault {
  kind: FaultKind;
  /** How long the fault lasts (a killed service's time down, a cut link's, a slowed link's). */
  downMs: number;
  /** For latency: added to each answer on the link, ± a tenth as jitter. */
  latencyMs: number;
  /** Calm before the next fault. */
  gapMs: number;
}

const DOWN_MS: Readonly<Record<FaultKind, [number, number]>> = {
  'kill-receipt': [500, 4_000],
  'kill-loyalty': [500, 4_000],
  'kill-reconciliation': [500, 4_000],
  'kill-receipt-during-send': [500, 2_000],
  'redis-restart': [2_000, 8_000],
  'smtp-refuse': [3_000, 15_000],
  'database-outage': [2_000, 10_000],
  'database-restart': [0, 0],
  'latency-database': [5_000, 15_000],
  'latency-services': [5_000, 15_000],
  'stall-database': [2_000, 6_000],
  'stall-services': [2_000, 6_000],
};

function planOne(random: Random, kind: FaultKind): PlannedFault {
  const [min, max] = DOWN_MS[kind];
  return {
    kind,
    downMs: random.int(min, max),
    latencyMs: kind.startsWith('latency') ? random.int(100, 1_500) : 0,
    gapMs: random.int(2_000, 8_000),
  };
}

/**
 * The faults of a run, in order, from `seed` alone (so a seed replays the same faults): every
 * kind of `kinds` once in a shuffled order, then, while `count` asks for more, kinds drawn again
 * (service kills twice as often as the rest). The runner plays them one after the other.
 */
export function planFaults(seed: string, kinds: readonly FaultKind[], count: number): PlannedFault[] {
  const random = createRandom(`chaos/${seed}`);
  const shuffled = [...kinds];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as FaultKind, shuffled[i] as FaultKind];
  }
  const weights = Object.fromEntries(kinds.map((kind) => [kind, kind.startsWith('kill') ? 2 : 1])) as Record<
    FaultKind,
    number
  >;
  const plan = shuffled.slice(0, count).map((kind) => planOne(random, kind));
  while (plan.length < count) plan.push(planOne(random, random.weighted(weights)));
  return plan;
}
