import { divideRoundHalfUp, MILLI, quantityToMilli } from './decimal.js';
import { type ContractIssue, ruleIssue } from './issues.js';
import { sumMinor } from './money.js';
import type { PosLine, PosTransaction } from './transaction-schema.js';

/** round(quantity × unitPrice), half up, computed exactly: 0.535 kg × 1299 = 694.965 → 695. */
export function lineAmount(quantity: number, unitPrice: number): bigint {
  return divideRoundHalfUp(quantityToMilli(quantity) * BigInt(unitPrice), MILLI);
}

/** Rule 1: what `line.total` must be; negative when the discounts exceed the line amount. */
export function expectedLineTotal(line: Pick<PosLine, 'quantity' | 'unitPrice' | 'discounts'>): bigint {
  return lineAmount(line.quantity, line.unitPrice) - sumMinor(line.discounts.map((d) => d.amount));
}

/** Rule 1: `line.total = round(quantity × unitPrice) − Σ line.discounts`, never negative. */
export function checkLineTotals(tx: PosTransaction): ContractIssue[] {
  const issues: ContractIssue[] = [];
  tx.lines.forEach((line, index) => {
    const expected = expectedLineTotal(line);
    const path = ['lines', index, 'total'];
    if (expected < 0n) {
      const amount = lineAmount(line.quantity, line.unitPrice);
      issues.push(
        ruleIssue(
          path,
          'line_total_negative',
          `discounts exceed the line amount: ${amount} − ${amount - expected} < 0`,
        ),
      );
    } else if (BigInt(line.total) !== expected) {
      issues.push(
        ruleIssue(
          path,
          'line_total_mismatch',
          `expected ${expected} (round(${line.quantity} × ${line.unitPrice}) − discounts), got ${line.total}`,
        ),
      );
    }
  });
  return issues;
}

/** Rule 5: `lineId` is unique inside the transaction (the line count is bounded by the schema). */
export function checkLineIds(tx: PosTransaction): ContractIssue[] {
  const firstIndexById = new Map<string, number>();
  const issues: ContractIssue[] = [];
  tx.lines.forEach((line, index) => {
    const first = firstIndexById.get(line.lineId);
    if (first === undefined) firstIndexById.set(line.lineId, index);
    else
      issues.push(
        ruleIssue(
          ['lines', index, 'lineId'],
          'duplicate_line_id',
          `lineId is already used by lines[${first}]`,
        ),
      );
  });
  return issues;
}
