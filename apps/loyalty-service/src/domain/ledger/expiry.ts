import type { ProgramConfig } from '../program/program-config.js';
import type { BatchDates } from './entry.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `months` calendar months after `date` (UTC), on the last day of a shorter month if need be. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** When points earned at `earnedAt` expire under the program's rule; null when they never do. */
export function expiryOf(rule: ProgramConfig['ledger']['expiry'], earnedAt: Date): Date | null {
  switch (rule.kind) {
    case 'never':
      return null;
    case 'monthsAfterEarning':
      return addMonths(earnedAt, rule.months);
    case 'endOfFollowingYear':
      // The first instant after 31 December of the following year.
      return new Date(Date.UTC(earnedAt.getUTCFullYear() + 2, 0, 1));
  }
}

/** The dates of a batch earned at `earnedAt`: pending for the return window, then active until expiry. */
export function batchDates(ledger: ProgramConfig['ledger'], earnedAt: Date): BatchDates {
  return {
    earnedAt,
    activatesAt: addDays(earnedAt, ledger.pendingDays),
    expiresAt: expiryOf(ledger.expiry, earnedAt),
  };
}
