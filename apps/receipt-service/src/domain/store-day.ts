/**
 * A store's calendar day as an interval of UTC instants: what "receipts of 22 November at Milano
 * Centro" means when times are stored in UTC and printed in the store's zone.
 */
export interface DayInterval {
  /** Inclusive. */
  start: Date;
  /** Exclusive: the next day's start (23 or 25 hours later on a DST change). */
  end: Date;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far ahead of UTC the zone's wall clock is at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((found) => found.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of the zone's midnight starting `day` (YYYY-MM-DD). */
function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Twice: the offset at the guess can differ from the offset at the answer across a DST change.
  const first = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(first, timeZone));
}

/** `day` (YYYY-MM-DD) in `timeZone` (an IANA zone or `UTC`); null for a date that does not exist. */
export function storeDayInterval(day: string, timeZone: string): DayInterval | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return {
    start: localMidnight(year, month, date, timeZone),
    end: localMidnight(year, month, date + 1, timeZone),
  };
}
