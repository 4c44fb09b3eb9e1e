import { formatMilli, quantityToMilli } from './decimal.js';
import { type ContractIssue, ruleIssue } from './issues.js';
import type { PosReturn, PosSale } from './transaction-schema.js';

function isSameTransaction(a: PosReturn, b: PosReturn): boolean {
  return a.storeId === b.storeId && a.transactionId === b.transactionId;
}

/**
 * Rule 7, the part that needs no database: `returnTx` against the sale it names and the returns of
 * that sale already accepted. Finding the original (same tenant) is the caller's job. A retried
 * delivery of `returnTx` itself inside `previousReturns` is not counted twice. Quantities add up
 * exactly in thousandths, so 0.333 + 0.333 + 0.334 of 1 kg is a full return, not an excess.
 */
export function checkReturnAgainstSale(
  returnTx: PosReturn,
  originalSale: PosSale,
  previousReturns: readonly PosReturn[],
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  if (returnTx.originalTransactionId !== originalSale.transactionId) {
    issues.push(
      ruleIssue(
        ['originalTransactionId'],
        'return_wrong_original',
        `expected the sale ${originalSale.transactionId}, got ${returnTx.originalTransactionId}`,
      ),
    );
  }
  if (returnTx.currency !== originalSale.currency) {
    issues.push(
      ruleIssue(
        ['currency'],
        'return_currency_mismatch',
        `expected ${originalSale.currency} (the sale's currency), got ${returnTx.currency}`,
      ),
    );
  }

  const bought = new Map<string, bigint>(
    originalSale.lines.map((line) => [line.lineId, quantityToMilli(line.quantity)]),
  );
  const returned = new Map<string, bigint>();
  const earlier = previousReturns.filter(
    (previous) =>
      previous.originalTransactionId === originalSale.transactionId && !isSameTransaction(previous, returnTx),
  );
  for (const line of earlier.flatMap((previous) => previous.lines)) {
    returned.set(
      line.originalLineId,
      (returned.get(line.originalLineId) ?? 0n) + quantityToMilli(line.quantity),
    );
  }

  const alreadyReturned = new Map(returned);
  const flagged = new Set<string>();
  returnTx.lines.forEach((line, index) => {
    const id = line.originalLineId;
    const boughtMilli = bought.get(id);
    if (boughtMilli === undefined) {
      issues.push(
        ruleIssue(['lines', index, 'originalLineId'], 'return_line_unknown', `the sale has no line "${id}"`),
      );
      return;
    }
    const total = (returned.get(id) ?? 0n) + quantityToMilli(line.quantity);
    returned.set(id, total);
    if (total <= boughtMilli || flagged.has(id)) return;
    flagged.add(id);
    const before = alreadyReturned.get(id) ?? 0n;
    const remaining = boughtMilli > before ? boughtMilli - before : 0n;
    issues.push(
      ruleIssue(
        ['lines', index, 'quantity'],
        'return_quantity_exceeded',
        `expected at most ${formatMilli(remaining)} of line "${id}" (bought ${formatMilli(boughtMilli)}, ` +
          `already returned ${formatMilli(before)}), got ${formatMilli(total - before)}`,
      ),
    );
  });
  return issues;
}
