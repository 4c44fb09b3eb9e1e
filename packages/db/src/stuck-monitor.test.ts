import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reviveStuckMonitor } from './stuck-monitor.js';

/** A client whose one server's monitor hangs on a closed connection, as mongodb 6.20 leaves it. */
function stuckClient(connectOutcomes: ('fails' | 'connects')[]) {
  const stuckTopology = {
    s: {
      servers: new Map([
        [
          'db:27017',
          {
            description: { type: 'Unknown' },
            monitor: { s: { state: 'monitoring' }, connection: { closed: true } },
          },
        ],
      ]),
    },
  };
  const client = {
    topology: stuckTopology as object | undefined,
    closes: 0,
    connects: 0,
    close: vi.fn(() => {
      client.closes += 1;
      client.topology = undefined;
      return Promise.resolve();
    }),
    connect: vi.fn(() => {
      client.connects += 1;
      if (connectOutcomes.shift() === 'fails') return Promise.reject(new Error('connect ECONNREFUSED'));
      client.topology = { s: { servers: new Map() } };
      return Promise.resolve();
    }),
  };
  return client;
}

describe('the stuck monitor watch', () => {
  afterEach(() => vi.useRealTimers());

  it('when connecting again fails (the database still out of reach), then it tries again at every look until connected', async () => {
    vi.useFakeTimers();
    const client = stuckClient(['fails', 'fails', 'connects']);
    const connection = { getClient: () => client } as unknown as Connection;
    const stop = reviveStuckMonitor(connection, pino({ level: 'silent' }));
    // Two looks stuck, then closed and a connection tried: refused.
    await vi.advanceTimersByTimeAsync(10_000);
    expect([client.closes, client.connects, client.topology]).toEqual([1, 1, undefined]);
    // The client is left closed: the next looks connect it again, without closing it twice.
    await vi.advanceTimersByTimeAsync(5_000);
    expect([client.closes, client.connects, client.topology]).toEqual([1, 2, undefined]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect([client.closes, client.connects]).toEqual([1, 3]);
    expect(client.topology).toBeDefined();
    // Connected and no longer stuck: nothing more.
    await vi.advanceTimersByTimeAsync(30_000);
    expect([client.closes, client.connects]).toEqual([1, 3]);
    stop();
  });
});
