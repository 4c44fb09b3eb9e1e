import { testDatabaseUri } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import { stallableLink } from './test-support/stalling-link.js';

describe('connectDatabase over a link that stalls', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('when the link stalls during a read, then the read fails within the socket timeout, and reads work once the link is back', async () => {
    const link = await stallableLink(testDatabaseUri('db_stall'));
    cleanups.push(() => link.close());
    const connection = await connectDatabase({
      uri: link.uri,
      logger: pino({ level: 'silent' }),
      // Long enough for an answer on a busy machine, far below the driver's "for ever".
      socketTimeoutMs: 5_000,
    });
    cleanups.push(() => closeDatabase(connection));
    const notes = connection.collection<{ _id: string; text: string }>('notes');
    await notes.insertOne({ _id: 'n1', text: 'scontrino' });

    link.stall(true);
    const duringStall = await notes.findOne({ _id: 'n1' }).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
    link.stall(false);

    // Without a socket timeout the driver waits for the dropped answer for ever: the test times out.
    expect(duringStall).toMatch(/^Mongo/);
    await expect
      .poll(() => notes.findOne({ _id: 'n1' }).catch(() => null), { timeout: 15_000 })
      .toMatchObject({
        text: 'scontrino',
      });
  });

  it('when every pooled connection is stuck, then a command waiting for one fails after its wait (out of reach: a 503 to a caller) instead of queueing for ever', async () => {
    const link = await stallableLink(testDatabaseUri('db_wait_queue'));
    cleanups.push(() => link.close());
    const uri = new URL(link.uri);
    uri.searchParams.set('maxPoolSize', '1');
    const connection = await connectDatabase({
      uri: uri.toString(),
      logger: pino({ level: 'silent' }),
      socketTimeoutMs: 8_000,
      waitQueueTimeoutMs: 1_000,
    });
    cleanups.push(() => closeDatabase(connection));
    const notes = connection.collection<{ _id: string }>('notes');
    await notes.insertOne({ _id: 'n1' });

    link.stall(true);
    // The only connection waits for an answer the stalled link dropped…
    const stuck = notes.findOne({ _id: 'n1' }).catch(() => null);
    // …so the next command cannot get one: it fails once its wait is up (a 503 to a caller).
    const waiting = await notes.findOne({ _id: 'n1' }).then(
      () => null,
      (error: unknown) => error,
    );
    link.stall(false);
    expect((waiting as Error | null)?.name).toBe('MongoWaitQueueTimeoutError');
    await stuck;
  });
});
