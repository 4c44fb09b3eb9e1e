import { type ContractIssue, ruleIssue } from './issues.js';
import { sumMinor } from './money.js';
import type { PosTransaction } from './transaction-schema.js';

/**
 * Rule 3: `Σ payments[].amount − Σ payments[].change = totals.total`; change is handed back on
 * cash only, and never more than the cash tendered by that payment.
 */
export function checkPayments(tx: PosTransaction): ContractIssue[] {
  const issues: ContractIssue[] = [];
  tx.payments.forEach((payment, index) => {
    // A zero change is no change: terminals that always send the field are fine.
    if (payment.change === undefined || payment.change === 0) return;
    const path = ['payments', index, 'change'];
    if (payment.method !== 'cash') {
      issues.push(
        ruleIssue(path, 'change_not_cash', `change is only given on cash payments, not on ${payment.method}`),
      );
    } else if (payment.change > payment.amount) {
      issues.push(
        ruleIssue(
          path,
          'change_exceeds_amount',
          `change ${payment.change} exceeds the cash tendered ${payment.amount}`,
        ),
      );
    }
  });

  const tendered = sumMinor(tx.payments.map((payment) => payment.amount));
  const change = sumMinor(tx.payments.map((payment) => payment.change ?? 0));
  if (tendered - change !== BigInt(tx.totals.total)) {
    issues.push(
      ruleIssue(
        ['payments'],
        'payments_mismatch',
        `expected Σ amount − Σ change = ${tx.totals.total} (totals.total), got ${tendered} − ${change} = ${tendered - change}`,
      ),
    );
  }
  return issues;
}
