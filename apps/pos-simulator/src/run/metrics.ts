import { build, type Histogram } from 'hdr-histogram-js';
import { type Outcome, type RequestKind, requestKinds } from './request-kinds.js';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface KindReport {
  requests: number;
  accepted: number;
  /** 4xx answers by status, e.g. `{ "422": 2 }`. */
  rejected: Record<string, number>;
  /** 5xx answers and requests without an answer, by reason (`http_503`, `network`, `timeout`). */
  failed: Record<string, number>;
  /** Rejections and failures by status and error code, e.g. `{ "409 transaction.conflict": 1 }`. */
  codes: Record<string, number>;
  /** Milliseconds, over every request that got an answer. */
  latencyMs: LatencySummary | null;
}

interface KindCounters {
  requests: number;
  accepted: number;
  rejected: Map<string, number>;
  failed: Map<string, number>;
  codes: Map<string, number>;
  latency: Histogram;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const toRecord = (map: Map<string, number>) =>
  Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
// In ms to 0.1: below that the numbers are noise, above 100 ms the histogram keeps 3 digits anyway.
const ms = (micros: number) => Math.round(micros / 100) / 10;

/** A percentile from the histogram: the top of its bucket, which may lie above the largest value recorded. */
function percentile(latency: Histogram, percent: number): number {
  return Math.min(latency.getValueAtPercentile(percent), latency.maxValue);
}

/** Counts and latency histograms (HDR, microseconds, 3 significant digits) per kind of request. */
export function createMetrics() {
  const byKind = new Map<RequestKind, KindCounters>();

  function countersOf(kind: RequestKind): KindCounters {
    let counters = byKind.get(kind);
    if (!counters) {
      counters = {
        requests: 0,
        accepted: 0,
        rejected: new Map(),
        failed: new Map(),
        codes: new Map(),
        latency: build({ numberOfSignificantValueDigits: 3 }),
      };
      byKind.set(kind, counters);
    }
    return counters;
  }

  return {
    /** One request's end; `latencyMs` null when no answer came. */
    record(kind: RequestKind, outcome: Outcome, latencyMs: number | null): void {
      const counters = countersOf(kind);
      counters.requests++;
      if (latencyMs !== null) counters.latency.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
      switch (outcome.kind) {
        case 'accepted':
          counters.accepted++;
          return;
        case 'rejected':
          bump(counters.rejected, String(outcome.status));
          bump(counters.codes, `${outcome.status} ${outcome.code ?? 'no code'}`);
          return;
        case 'failed':
          bump(counters.failed, outcome.reason);
          if (outcome.status !== undefined)
            bump(counters.codes, `${outcome.status} ${outcome.code ?? 'no code'}`);
          return;
      }
    },
    /** Kinds in the report's order; kinds never requested are left out. */
    report(): Partial<Record<RequestKind, KindReport>> {
      const report: Partial<Record<RequestKind, KindReport>> = {};
      for (const kind of requestKinds) {
        const counters = byKind.get(kind);
        if (!counters) continue;
        const { latency } = counters;
        report[kind] = {
          requests: counters.requests,
          accepted: counters.accepted,
          rejected: toRecord(counters.rejected),
          failed: toRecord(counters.failed),
          codes: toRecord(counters.codes),
          latencyMs:
            latency.totalCount === 0
              ? null
              : {
                  p50: ms(percentile(latency, 50)),
                  p95: ms(percentile(latency, 95)),
                  p99: ms(percentile(latency, 99)),
                  max: ms(latency.maxValue),
                },
        };
      }
      return report;
    },
    /** Requests that failed unexpectedly (5xx or no answer), all kinds together. */
    failures(): number {
      let failures = 0;
      for (const counters of byKind.values()) for (const count of counters.failed.values()) failures += count;
      return failures;
    },
    close(): void {
      for (const counters of byKind.values()) counters.latency.destroy();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
