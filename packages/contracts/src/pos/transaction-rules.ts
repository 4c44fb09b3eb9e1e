import { type ContractIssue, ruleIssue } from './issues.js';
import { checkLineIds, checkLineTotals } from './line-rules.js';
import { checkPayments } from './payment-rules.js';
import { checkTaxes } from './tax-rules.js';
import { checkTotals } from './totals-rules.js';
import type { PosTransaction } from './transaction-schema.js';

/** Tolerated lead of a terminal's clock over the server's. */
export const MAX_CLOCK_LEAD_MS = 5 * 60_000;

const DAY_MS = 86_400_000;

/** How far `occurredAt` may lie from the server's clock, back and ahead. */
export interface OccurredAtWindow {
  maxAgeMs: number;
  maxLeadMs: number;
}

/**
 * 400 days back: a till offline for weeks still sends its sales, and a year's returns fit; a
 * sale dated 1970 or 2099 is a broken clock, not a sale. 5 minutes ahead: clocks drift.
 */
export const DEFAULT_OCCURRED_AT_WINDOW: OccurredAtWindow = {
  maxAgeMs: 400 * DAY_MS,
  maxLeadMs: MAX_CLOCK_LEAD_MS,
};

export interface RuleOptions {
  /** The server's clock; injected so that the rules stay pure. */
  now: Date;
  /** Default {@link DEFAULT_OCCURRED_AT_WINDOW}; the receipt service reads it from its environment. */
  occurredAtWindow?: OccurredAtWindow;
}

/** `90 days`, `5 minutes`, `30 s`: a window as a person reads it. */
function describeSpan(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} days`;
  if (ms % 60_000 === 0) return `${ms / 60_000} minutes`;
  return `${Math.round(ms / 1000)} s`;
}

/**
 * Rule 6: `occurredAt` lies within the window around `now`: at most `maxLeadMs` ahead (clock
 * drift) and at most `maxAgeMs` back (a terminal that was offline sends its sales late, but not
 * decades late). The format (offset required) is the schema's.
 */
export function checkOccurredAt(tx: PosTransaction, options: RuleOptions): ContractIssue[] {
  const { now } = options;
  const { maxAgeMs, maxLeadMs } = options.occurredAtWindow ?? DEFAULT_OCCURRED_AT_WINDOW;
  const leadMs = Date.parse(tx.occurredAt) - now.getTime();
  if (leadMs > maxLeadMs)
    return [
      ruleIssue(
        ['occurredAt'],
        'occurred_at_future',
        `expected at most ${describeSpan(maxLeadMs)} after ${now.toISOString()}, got ${tx.occurredAt} (${Math.ceil(leadMs / 1000)} s ahead)`,
      ),
    ];
  if (-leadMs > maxAgeMs)
    return [
      ruleIssue(
        ['occurredAt'],
        'occurred_at_past',
        `expected at most ${describeSpan(maxAgeMs)} before ${now.toISOString()}, got ${tx.occurredAt} (${Math.floor(-leadMs / DAY_MS)} days ago)`,
      ),
    ];
  return [];
}

/** Every cross-field rule (1–6) of a transaction whose shape already parsed; all violations, in rule order. */
export function checkTransactionRules(tx: PosTransaction, options: RuleOptions): ContractIssue[] {
  return [
    ...checkLineTotals(tx),
    ...checkTotals(tx),
    ...checkPayments(tx),
    ...checkTaxes(tx),
    ...checkLineIds(tx),
    ...checkOccurredAt(tx, options),
  ];
}
