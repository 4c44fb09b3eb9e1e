import type { Scenario } from '../generate/traffic-mix.js';
import type { KindReport, Metrics } from './metrics.js';
import type { PointsVisibility } from './points-watch.js';
import type { RequestKind } from './request-kinds.js';
import type { ScheduleResult } from './scheduler.js';
import type { Tally } from './tally.js';

export interface SimulationReport {
  run: {
    runId: string;
    seed: string;
    startedAt: string;
    finishedAt: string;
    stores: string[];
    services: { receipt: string; loyalty: string | null; reconciliation: string | null };
    setup: { terminalKeys: number; ms: number };
  };
  target: { rate: number; count: number | null; durationS: number | null };
  arrivals: {
    due: number;
    started: number;
    /** Due while the in-flight limit was reached: the service could not keep up. */
    dropped: number;
    /** Threw instead of reporting: a simulator bug. */
    crashed: number;
    /** Arrivals started per second over the schedule. */
    achievedRate: number;
    maxStartLagMs: number;
    elapsedS: number;
    byScenario: Partial<Record<Scenario, number>>;
  };
  /** Detours: claims skipped or refused, redemptions without points, returns of refused sales… */
  notes: Record<string, number>;
  requests: Partial<Record<RequestKind, KindReport>>;
  totals: { requests: number; accepted: number; rejected: number; failed: number; requestsPerSecond: number };
  /** Requests answered 5xx or not at all, plus crashed arrivals: the run exits non-zero when above 0. */
  unexpectedFailures: number;
  /** Sale → points visible on the receipt (and in the app), sampled; null when not watched. */
  pointsVisible: PointsVisibility | null;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

export function buildReport(input: {
  run: SimulationReport['run'];
  target: SimulationReport['target'];
  schedule: ScheduleResult;
  tally: Tally;
  metrics: Metrics;
  pointsVisible?: PointsVisibility | null;
}): SimulationReport {
  const { schedule } = input;
  const requests = input.metrics.report();
  const kinds = Object.values(requests);
  const totals = {
    requests: kinds.reduce((sum, kind) => sum + kind.requests, 0),
    accepted: kinds.reduce((sum, kind) => sum + kind.accepted, 0),
    rejected: kinds.reduce((sum, kind) => sum + total(kind.rejected), 0),
    failed: kinds.reduce((sum, kind) => sum + total(kind.failed), 0),
  };
  const elapsedS = schedule.elapsedMs / 1000;
  // n arrivals on time span (n - 1) intervals.
  const achievedRate = schedule.started > 1 ? (schedule.started - 1) / (schedule.startSpanMs / 1000) : 0;
  return {
    run: input.run,
    target: input.target,
    arrivals: {
      due: schedule.due,
      started: schedule.started,
      dropped: schedule.dropped,
      crashed: schedule.crashed,
      achievedRate: round(achievedRate),
      maxStartLagMs: round(schedule.maxStartLagMs, 1),
      elapsedS: round(elapsedS),
      byScenario: input.tally.arrivals(),
    },
    notes: input.tally.notes(),
    requests,
    totals: { ...totals, requestsPerSecond: elapsedS > 0 ? round(totals.requests / elapsedS) : 0 },
    unexpectedFailures: totals.failed + schedule.crashed,
    pointsVisible: input.pointsVisible ?? null,
  };
}
