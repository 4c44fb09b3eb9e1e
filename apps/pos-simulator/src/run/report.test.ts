import { describe, expect, it } from 'vitest';
import { formatReport } from './format-report.js';
import { createMetrics } from './metrics.js';
import { buildReport } from './report.js';
import { createTally } from './tally.js';

function sampleReport() {
  const metrics = createMetrics();
  const tally = createTally();
  for (const latency of [10, 20, 30, 40, 500])
    metrics.record('sale', { kind: 'accepted', status: 201 }, latency);
  metrics.record('sale', { kind: 'rejected', status: 422, code: 'transaction.invalid' }, 15);
  metrics.record('return', { kind: 'failed', reason: 'http_503', status: 503, code: 'transaction.busy' }, 5);
  metrics.record('claim', { kind: 'failed', reason: 'network' }, null);
  tally.arrival('identified_sale');
  tally.arrival('return');
  tally.note('claimed');
  const report = buildReport({
    run: {
      runId: 'r1',
      seed: 's',
      startedAt: '2026-11-22T10:00:00.000Z',
      finishedAt: '2026-11-22T10:00:02.000Z',
      stores: ['MI-001'],
      services: { receipt: 'http://127.0.0.1:4001', loyalty: null, reconciliation: null },
      setup: { terminalKeys: 3, ms: 12 },
    },
    target: { rate: 2, count: 2, durationS: null },
    schedule: {
      due: 2,
      started: 2,
      dropped: 0,
      crashed: 0,
      maxStartLagMs: 1,
      startSpanMs: 500,
      elapsedMs: 2000,
    },
    tally,
    metrics,
  });
  metrics.close();
  return report;
}

describe('report', () => {
  const report = sampleReport();

  it('when requests ended every way, then each kind’s counts add up and the totals sum the kinds', () => {
    expect(report.requests.sale).toEqual({
      requests: 6,
      accepted: 5,
      rejected: { '422': 1 },
      failed: {},
      codes: { '422 transaction.invalid': 1 },
      latencyMs: { p50: 20, p95: 500, p99: 500, max: 500 },
    });
    expect(report.requests.claim).toMatchObject({ requests: 1, failed: { network: 1 }, latencyMs: null });
    expect(report.totals).toEqual({ requests: 8, accepted: 5, rejected: 1, failed: 2, requestsPerSecond: 4 });
    expect(report.unexpectedFailures).toBe(2);
    expect(report.arrivals).toMatchObject({ achievedRate: 2, byScenario: { identified_sale: 1, return: 1 } });
  });

  it('when printed for a person, then it shows the table, the refusals and the failures', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^sale\s+6\s+5\s+1×422\s+0\s+20\.0\s+500\.0\s+500\.0\s+500\.0$/m);
    expect(text).toContain('return: 503 transaction.busy 1');
    expect(text).toContain('2 UNEXPECTED FAILURES');
  });
});
