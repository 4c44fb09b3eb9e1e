import type { Verdict } from './checker.js';

export interface ChaosReport {
  seed: string;
  minutes: number;
  rate: number;
  verdicts: Verdict[];
  /** Copies of one delivery at the relay with the same Message-ID (at-least-once, recognisable). */
  duplicateCopies: number;
  sent: {
    total: number;
    sales: number;
    returns: number;
    /** Receipts claimed at their claim page, and web-shop orders. */
    claims: number;
    orders: number;
    retried: number;
    kept: number;
    attempts: number;
  };
  faults: {
    kind: string;
    count: number;
    worstRecoveryMs: number | null;
    worstFirstSaleMs: number | null;
    unrecovered: number;
  }[];
  resources: { service: string; start: string; end: string }[];
  drainMs: number | null;
  ok: boolean;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** The report as Markdown tables, as docs/operations.md shows it. */
export function formatReport(report: ChaosReport): string {
  const lines = [
    `seed \`${report.seed}\`, ${report.minutes} min at ${report.rate} arrivals/s: ${report.sent.total} transactions (${report.sent.sales} sales, ${report.sent.returns} returns), ${report.sent.claims} claims, ${report.sent.orders} web orders, ${report.sent.attempts} requests, ${report.sent.retried} retried, ${report.sent.kept} kept for later; queues drained in ${report.drainMs === null ? 'more than the bound' : `${Math.round(report.drainMs / 1000)} s`}; ${report.duplicateCopies} receipts reached the relay twice with one Message-ID`,
    '',
    '| invariant | checked | failures | first failure |',
    '| --- | ---: | ---: | --- |',
    ...report.verdicts.map(
      (row) => `| ${cell(row.invariant)} | ${row.checked} | ${row.failures} | ${cell(row.example ?? '')} |`,
    ),
    '',
    '| fault | played | worst recovery: all /readyz 200 | worst recovery: next sale accepted | not recovered |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...report.faults.map(
      (row) =>
        `| ${row.kind} | ${row.count} | ${seconds(row.worstRecoveryMs)} | ${seconds(row.worstFirstSaleMs)} | ${row.unrecovered} |`,
    ),
    '',
    '| service | RSS, open handles at start | at end |',
    '| --- | --- | --- |',
    ...report.resources.map((row) => `| ${row.service} | ${row.start} | ${row.end} |`),
    '',
    report.ok ? 'every invariant held' : 'SOME INVARIANTS BROKE',
  ];
  return lines.join('\n');
}
