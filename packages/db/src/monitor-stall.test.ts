import { testDatabaseUri } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import { hasStuckMonitor } from './stuck-monitor.js';
import { stallableLink } from './test-support/stalling-link.js';

describe('a database link that stalls, then is cut', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /*
   * mongodb 6.20 on FerretDB: the first round leaves the driver's monitor hung on its closed
   * connection (server Unknown, pool paused, no socket opened again); without the revival in
   * connectDatabase the reads below never answer again.
   */
  it('when the link stalls during heartbeats and every connection is then closed, then reads work again once the link is back', async () => {
    const link = await stallableLink(testDatabaseUri('db_monitor_stall'));
    cleanups.push(() => link.close());
    const connection = await connectDatabase({
      uri: link.uri,
      logger: pino({ level: 'silent' }),
      socketTimeoutMs: 5_000,
    });
    cleanups.push(() => closeDatabase(connection));
    const notes = connection.collection<{ _id: string }>('notes');
    await notes.insertOne({ _id: 'n1' });
    for (let round = 0; round < 3; round++) {
      link.stall(true);
      const during = notes.findOne({ _id: 'n1' }).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 1_500 + round * 700));
      link.closeAll();
      link.stall(false);
      await during;
      await expect
        .poll(() => notes.findOne({ _id: 'n1' }).catch(() => null), { timeout: 30_000, interval: 500 })
        .toMatchObject({ _id: 'n1' });
      expect(hasStuckMonitor(connection)).toBe(false);
    }
  }, 120_000);
});
