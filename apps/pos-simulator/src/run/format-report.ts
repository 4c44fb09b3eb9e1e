import type { KindReport } from './metrics.js';
import type { PointsVisibility } from './points-watch.js';
import type { SimulationReport } from './report.js';

const counts = (record: Record<string, number>, separator = ' · ') =>
  Object.keys(record).length === 0
    ? '—'
    : Object.entries(record)
        .map(([key, count]) => `${key} ${count}`)
        .join(separator);

const statusCounts = (record: Record<string, number>) =>
  Object.keys(record).length === 0
    ? '0'
    : Object.entries(record)
        .map(([key, count]) => `${count}×${key}`)
        .join(' ');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}

function requestRow(kind: string, report: KindReport): string[] {
  const latency = report.latencyMs;
  const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(1));
  return [
    kind,
    String(report.requests),
    String(report.accepted),
    statusCounts(report.rejected),
    statusCounts(report.failed),
    ms(latency?.p50),
    ms(latency?.p95),
    ms(latency?.p99),
    ms(latency?.max),
  ];
}

function pointsLine(points: PointsVisibility): string {
  const ms = (value: number | null) => (value === null ? '—' : String(value));
  return (
    `sale → points visible: ${points.visible} of ${points.sampled} sampled card sales, ` +
    `p50 ${ms(points.p50Ms)} ms, p95 ${ms(points.p95Ms)} ms, p99 ${ms(points.p99Ms)} ms, max ${ms(points.maxMs)} ms`
  );
}

/** The report as a person reads it at the end of a run. */
export function formatReport(report: SimulationReport): string {
  const { run, target, arrivals, totals } = report;
  const goal = target.count !== null ? `${target.count} arrivals` : `${target.durationS ?? 0} s`;
  const services = Object.entries(run.services)
    .map(([name, url]) => `${name} ${url ?? 'off'}`)
    .join(', ');
  const rows = [
    ['request', 'total', 'accepted', 'rejected', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ...Object.entries(report.requests).map(([kind, kindReport]) => requestRow(kind, kindReport)),
  ];
  const codes = Object.entries(report.requests)
    .filter(([, kindReport]) => Object.keys(kindReport.codes).length > 0)
    .map(([kind, kindReport]) => `  ${kind}: ${counts(kindReport.codes, ', ')}`);
  return [
    `POS simulation ${run.runId} (seed ${run.seed}) on ${run.stores.join(', ')}`,
    `services: ${services}; ${run.setup.terminalKeys} till keys issued in ${run.setup.ms} ms`,
    `target ${target.rate}/s for ${goal}: ${arrivals.started} of ${arrivals.due} arrivals started` +
      ` (${arrivals.dropped} dropped at the in-flight limit), ${arrivals.achievedRate}/s achieved,` +
      ` max start lag ${arrivals.maxStartLagMs} ms, ${arrivals.elapsedS} s in all`,
    `scenarios: ${counts(arrivals.byScenario)}`,
    `notes: ${counts(report.notes)}`,
    '',
    table(rows),
    '',
    `${totals.requests} requests (${totals.requestsPerSecond}/s): ${totals.accepted} accepted, ` +
      `${totals.rejected} rejected, ${totals.failed} failed`,
    ...(codes.length > 0 ? ['refusals by code:', ...codes] : []),
    ...(report.pointsVisible ? [pointsLine(report.pointsVisible)] : []),
    report.unexpectedFailures === 0
      ? 'no unexpected failures'
      : `${report.unexpectedFailures} UNEXPECTED FAILURES (5xx, no answer or crashed arrivals)`,
  ].join('\n');
}
