import { setTimeout as sleep } from 'node:timers/promises';

/** How long a member's sale took to show its points, as a customer would see them. */
export interface PointsVisibility {
  /** Member sales watched (one in `every` identified sales with a card). */
  sampled: number;
  /** Of those, how many showed their points before the deadline. */
  visible: number;
  /** Milliseconds from sending the sale to the loyalty service listing it as credited; null when none. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** A member's sale, as the till knows it. */
export interface WatchedSale {
  tenantId: string;
  cardNumber: string;
  /** The POS id printed on the slip. */
  transactionId: string;
}

export interface PointsWatchOptions {
  /** Watch one in this many card sales; 0 watches none. */
  every: number;
  /** Give up on a sale after this long (its card may be no member's). */
  deadlineMs: number;
  pollMs: number;
  /** Whether the sale's points are on the member's account yet. */
  credited: (sale: WatchedSale) => Promise<boolean>;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/**
 * Sale → points visible: for a sample of card sales, how long until the loyalty service shows the
 * sale among the member's credited ones (what the app's balance and history read). Polled outside
 * the run's request statistics.
 */
export function createPointsWatch(options: PointsWatchOptions) {
  const latencies: number[] = [];
  const watching: Promise<void>[] = [];
  let cardSales = 0;
  let sampled = 0;

  async function watch(sale: WatchedSale, sentAt: number): Promise<void> {
    const deadline = sentAt + options.deadlineMs;
    while (performance.now() < deadline) {
      try {
        if (await options.credited(sale)) {
          latencies.push(performance.now() - sentAt);
          return;
        }
      } catch {
        // A slow or refused poll is retried like an unanswered refresh.
      }
      await sleep(options.pollMs);
    }
  }

  return {
    /** After a card sale was accepted: maybe watch it until its points show. */
    cardSale(sale: WatchedSale, sentAt: number): void {
      if (options.every <= 0 || cardSales++ % options.every !== 0) return;
      sampled += 1;
      watching.push(watch(sale, sentAt));
    },
    /** Waits for the sales still watched (at most the deadline), then summarises. */
    async settle(): Promise<PointsVisibility> {
      await Promise.all(watching);
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (p: number) => {
        const value = percentile(sorted, p);
        return value === null ? null : Math.round(value);
      };
      return {
        sampled,
        visible: sorted.length,
        p50Ms: at(50),
        p95Ms: at(95),
        p99Ms: at(99),
        maxMs: sorted.length ? Math.round(sorted.at(-1) ?? 0) : null,
      };
    },
  };
}

export type PointsWatch = ReturnType<typeof createPointsWatch>;
