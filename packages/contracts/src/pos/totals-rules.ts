import { type ContractIssue, ruleIssue } from './issues.js';
import { sumMinor } from './money.js';
import type { PosTransaction } from './transaction-schema.js';

/**
 * Rule 2: `subtotal = Σ line.total`, `discountTotal = Σ discounts[].amount` (basket level) and
 * `total = subtotal − discountTotal ≥ 0`. Each identity is checked on the declared figures alone,
 * so every one that does not hold is reported, whichever figure the terminal got wrong.
 */
export function checkTotals(tx: PosTransaction): ContractIssue[] {
  const { subtotal, discountTotal, total } = tx.totals;
  const issues: ContractIssue[] = [];

  const linesSum = sumMinor(tx.lines.map((line) => line.total));
  if (BigInt(subtotal) !== linesSum) {
    issues.push(
      ruleIssue(
        ['totals', 'subtotal'],
        'subtotal_mismatch',
        `expected ${linesSum} (Σ lines[].total), got ${subtotal}`,
      ),
    );
  }

  const discountsSum = sumMinor(tx.discounts.map((discount) => discount.amount));
  if (BigInt(discountTotal) !== discountsSum) {
    issues.push(
      ruleIssue(
        ['totals', 'discountTotal'],
        'discount_total_mismatch',
        `expected ${discountsSum} (Σ discounts[].amount), got ${discountTotal}`,
      ),
    );
  }

  const expectedTotal = subtotal - discountTotal;
  if (expectedTotal < 0) {
    issues.push(
      ruleIssue(
        ['totals', 'total'],
        'total_negative',
        `basket discounts exceed the subtotal: ${subtotal} − ${discountTotal} < 0`,
      ),
    );
  } else if (total !== expectedTotal) {
    issues.push(
      ruleIssue(
        ['totals', 'total'],
        'total_mismatch',
        `expected ${expectedTotal} (subtotal − discountTotal), got ${total}`,
      ),
    );
  }
  return issues;
}
