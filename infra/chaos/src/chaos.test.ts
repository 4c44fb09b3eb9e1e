import { silentLogger } from '@scontrino/stack';
import { describe, expect, it } from 'vitest';
import { runChaos } from './run-chaos.js';
import { formatReport } from './table.js';

/**
 * A short chaos run, as CI runs it: the stack as processes behind Toxiproxy, tills selling, a
 * fixed seed's faults for about a minute and a half (service kills, one during e-mail sends, Redis
 * and the database restarted, the relay refusing, a cut and a slowed database link), then every
 * invariant of the checker must hold.
 */
describe('pnpm chaos, short schedule', () => {
  it(
    'when services, Redis, the relay and the database fail while tills sell, then nothing is lost or doubled',
    async () => {
      const report = await runChaos(
        {
          minutes: 1.5,
          seed: 'ci',
          rate: 2,
          members: 15,
          faults: [
            'kill-receipt',
            'kill-loyalty',
            'kill-reconciliation',
            'kill-receipt-during-send',
            'redis-restart',
            'smtp-refuse',
            'database-outage',
            'database-restart',
            'latency-database',
          ],
          drainBoundMs: 120_000,
        },
        silentLogger,
      );
      console.log(formatReport(report));

      expect(report.sent.total).toBeGreaterThan(50);
      expect(report.faults.length).toBeGreaterThan(3);
      expect(report.verdicts.filter((row) => row.failures > 0)).toEqual([]);
      expect(report.faults.filter((row) => row.unrecovered > 0)).toEqual([]);
    },
    10 * 60_000,
  );
});
