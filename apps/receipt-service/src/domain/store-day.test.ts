import { describe, expect, it } from 'vitest';
import { storeDayInterval } from './store-day.js';

describe("a store's day in UTC", () => {
  it("when the store is in Rome, then its day starts at the previous evening's 23:00 UTC in winter and 22:00 in summer", () => {
    expect(storeDayInterval('2026-11-22', 'Europe/Rome')).toEqual({
      start: new Date('2026-11-21T23:00:00Z'),
      end: new Date('2026-11-22T23:00:00Z'),
    });
    expect(storeDayInterval('2026-07-01', 'Europe/Rome')).toEqual({
      start: new Date('2026-06-30T22:00:00Z'),
      end: new Date('2026-07-01T22:00:00Z'),
    });
  });

  it('when the clocks change that day, then the day lasts 23 or 25 hours', () => {
    const spring = storeDayInterval('2026-03-29', 'Europe/Rome')!;
    expect(spring.start).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const autumn = storeDayInterval('2026-10-25', 'Europe/Rome')!;
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
  });

  it('when the zone is UTC or west of it, then the bounds follow', () => {
    expect(storeDayInterval('2026-11-22', 'UTC')).toEqual({
      start: new Date('2026-11-22T00:00:00Z'),
      end: new Date('2026-11-23T00:00:00Z'),
    });
    expect(storeDayInterval('2026-11-22', 'America/New_York')?.start).toEqual(
      new Date('2026-11-22T05:00:00Z'),
    );
  });

  it('when the date does not exist, then there is no interval', () => {
    for (const day of ['2026-02-30', '2026-13-01', '22/11/2026', ''])
      expect(storeDayInterval(day, 'UTC')).toBeNull();
  });
});
