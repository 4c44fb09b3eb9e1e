import { type ContractIssue, ruleIssue } from './issues.js';
import { checkLineIds, checkLineTotals } from './line-rules.js';
import { checkPayments } from './payment-rules.js';
import { checkTaxes } from './tax-rules.js';
import { checkTotals } from './totals-rules.js';
import type { PosTransaction } from './transaction-schema.js';

/** Tolerated lead of a terminal's clock over the server's. */
export const MAX_CLOCK_LEAD_MS = 5 * 60_000;

export interface RuleOptions {
  /** The server's clock; injected so that the rules stay pure. */
  now: Date;
}

/**
 * Rule 6: `occurredAt` is at most 5 minutes ahead of `now`. There is no bound in the past: a
 * terminal that was offline sends its sales later. The format (offset required) is the schema's.
 */
export function checkOccurredAt(tx: PosTransaction, { now }: RuleOptions): ContractIssue[] {
  const leadMs = Date.parse(tx.occurredAt) - now.getTime();
  if (leadMs <= MAX_CLOCK_LEAD_MS) return [];
  return [
    ruleIssue(
      ['occurredAt'],
      'occurred_at_future',
      `expected at most 5 minutes after ${now.toISOString()}, got ${tx.occurredAt} (${Math.ceil(leadMs / 1000)} s ahead)`,
    ),
  ];
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
