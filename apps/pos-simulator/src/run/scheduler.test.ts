import { describe, expect, it } from 'vitest';
import { runSchedule } from './scheduler.js';

/** A clock that only moves when the scheduler waits, and arrivals that end when the test says. */
function fakeTime() {
  let now = 0;
  return {
    now: () => now,
    wait: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('open-model schedule', () => {
  it('when arrivals take longer than the interval, then later ones still start on time', async () => {
    const time = fakeTime();
    const startedAt: number[] = [];
    const ends: (() => void)[] = [];
    const result = await runSchedule(
      { rate: 10, count: 5, maxInFlight: 100, now: time.now, wait: time.wait },
      () => {
        startedAt.push(time.now());
        return new Promise<void>((resolve) => {
          ends.push(resolve);
          // Nothing ends until all five have started: a closed loop would stall here.
          if (ends.length === 5) for (const end of ends) end();
        });
      },
    );
    expect(startedAt).toEqual([0, 100, 200, 300, 400]);
    expect(result).toMatchObject({
      due: 5,
      started: 5,
      dropped: 0,
      crashed: 0,
      maxStartLagMs: 0,
      startSpanMs: 400,
    });
  });

  it('when the in-flight limit is reached, then arrivals due meanwhile are dropped and counted', async () => {
    const time = fakeTime();
    const pending: (() => void)[] = [];
    const result = await runSchedule(
      { rate: 100, count: 10, maxInFlight: 3, now: time.now, wait: time.wait },
      (index) =>
        new Promise<void>((resolve) => {
          pending.push(resolve);
          if (index === 9 || pending.length === 3) pending.splice(0).forEach((end) => end());
        }),
    );
    expect(result.due).toBe(10);
    expect(result.started + result.dropped).toBe(10);
    expect(result.dropped).toBeGreaterThan(0);
  });

  it('when a duration is given, then arrivals stop once it is scheduled', async () => {
    const time = fakeTime();
    const result = await runSchedule(
      { rate: 4, durationMs: 2000, maxInFlight: 10, now: time.now, wait: time.wait },
      () => Promise.resolve(),
    );
    expect(result.started).toBe(8);
  });

  it('when the clock is late, then due arrivals start at once and the lag is reported', async () => {
    const time = fakeTime();
    const result = await runSchedule(
      { rate: 10, count: 3, maxInFlight: 10, now: time.now, wait: time.wait },
      () => {
        time.advance(250);
        return Promise.resolve();
      },
    );
    expect(result.started).toBe(3);
    expect(result.maxStartLagMs).toBe(300);
  });

  it('when stopped by the signal or an arrival throws, then the run ends and says so', async () => {
    const time = fakeTime();
    const stop = new AbortController();
    const result = await runSchedule(
      { rate: 10, count: 100, maxInFlight: 10, signal: stop.signal, now: time.now, wait: time.wait },
      (index) => {
        if (index === 4) stop.abort();
        return index === 2 ? Promise.reject(new Error('bug')) : Promise.resolve();
      },
    );
    expect(result).toMatchObject({ started: 5, crashed: 1 });
  });

  it('when neither count nor duration is given, then it refuses to run for ever', async () => {
    await expect(runSchedule({ rate: 1, maxInFlight: 1 }, () => Promise.resolve())).rejects.toThrow(
      'give a count or a duration',
    );
  });
});
