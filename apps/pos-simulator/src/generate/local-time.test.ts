import { describe, expect, it } from 'vitest';
import { localIsoDateTime } from './local-time.js';

describe('local ISO date-time', () => {
  it('when a sale happens in Rome, then its time carries the offset of that day', () => {
    expect(localIsoDateTime(new Date('2026-11-22T09:15:30.750Z'), 'Europe/Rome')).toBe(
      '2026-11-22T10:15:30+01:00',
    );
    expect(localIsoDateTime(new Date('2026-07-01T22:30:00Z'), 'Europe/Rome')).toBe(
      '2026-07-02T00:30:00+02:00',
    );
  });

  it('when the clocks go forward, then the offset changes at the right instant', () => {
    expect(localIsoDateTime(new Date('2026-03-29T00:59:59Z'), 'Europe/Rome')).toBe(
      '2026-03-29T01:59:59+01:00',
    );
    expect(localIsoDateTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Rome')).toBe(
      '2026-03-29T03:00:00+02:00',
    );
  });

  it('when the zone is west of Greenwich or UTC, then the sign follows', () => {
    expect(localIsoDateTime(new Date('2026-01-10T12:00:00Z'), 'America/New_York')).toBe(
      '2026-01-10T07:00:00-05:00',
    );
    expect(localIsoDateTime(new Date('2026-01-10T12:00:00Z'), 'UTC')).toBe('2026-01-10T12:00:00+00:00');
  });
});
