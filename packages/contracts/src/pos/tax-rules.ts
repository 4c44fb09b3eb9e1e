import { divideRoundHalfUp, formatMilli, MILLI, rateToMilli } from './decimal.js';
import { type ContractIssue, ruleIssue } from './issues.js';
import { sumMinor } from './money.js';
import type { PosTransaction } from './transaction-schema.js';

/** How far a declared tax may sit from the computed one, per rate (POS rounding modes differ). */
export const TAX_TOLERANCE = 1n;

const HUNDRED_PERCENT = 100n * MILLI;

/** VAT contained in a gross amount: round(taxable × rate / (100 + rate)), half up, exact. */
export function expectedTax(taxable: number, rate: string): bigint {
  const rateMilli = rateToMilli(rate);
  return divideRoundHalfUp(BigInt(taxable) * rateMilli, HUNDRED_PERCENT + rateMilli);
}

/**
 * Rule 4: per rate `tax = round(taxable × rate / (100 + rate))` ± 1, one entry per rate,
 * `Σ taxes[].taxable = totals.total`, `totals.taxTotal = Σ taxes[].tax`, and every line's
 * rate has its entry. Rates compare by value: "5.5" and "5.50" are the same rate.
 */
export function checkTaxes(tx: PosTransaction): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const indexByRate = new Map<bigint, number>();

  tx.taxes.forEach((entry, index) => {
    const rate = rateToMilli(entry.rate);
    const first = indexByRate.get(rate);
    if (first === undefined) indexByRate.set(rate, index);
    else {
      issues.push(
        ruleIssue(
          ['taxes', index, 'rate'],
          'duplicate_tax_rate',
          `rate ${formatMilli(rate)} already has taxes[${first}]`,
        ),
      );
    }
    const expected = expectedTax(entry.taxable, entry.rate);
    const difference = BigInt(entry.tax) - expected;
    if (difference > TAX_TOLERANCE || difference < -TAX_TOLERANCE) {
      issues.push(
        ruleIssue(
          ['taxes', index, 'tax'],
          'tax_mismatch',
          `expected ${expected} ± ${TAX_TOLERANCE} (round(${entry.taxable} × ${entry.rate} / (100 + ${entry.rate}))), got ${entry.tax}`,
        ),
      );
    }
  });

  tx.lines.forEach((line, index) => {
    if (!indexByRate.has(rateToMilli(line.taxRate))) {
      issues.push(
        ruleIssue(
          ['lines', index, 'taxRate'],
          'line_tax_rate_missing',
          `no taxes[] entry for rate ${line.taxRate}`,
        ),
      );
    }
  });

  const taxableSum = sumMinor(tx.taxes.map((entry) => entry.taxable));
  if (taxableSum !== BigInt(tx.totals.total)) {
    issues.push(
      ruleIssue(
        ['taxes'],
        'taxable_sum_mismatch',
        `expected Σ taxable = ${tx.totals.total} (totals.total), got ${taxableSum}`,
      ),
    );
  }

  const taxSum = sumMinor(tx.taxes.map((entry) => entry.tax));
  if (taxSum !== BigInt(tx.totals.taxTotal)) {
    issues.push(
      ruleIssue(
        ['totals', 'taxTotal'],
        'tax_total_mismatch',
        `expected ${taxSum} (Σ taxes[].tax), got ${tx.totals.taxTotal}`,
      ),
    );
  }
  return issues;
}
