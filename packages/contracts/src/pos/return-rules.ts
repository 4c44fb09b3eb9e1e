import { formatMilli, quantityToMilli } from './decimal.js';
import { type ContractIssue, ruleIssue } from './issues.js';
import type { PosLine, PosReturn, PosSale } from './transaction-schema.js';

function isSameTransaction(a: PosReturn, b: PosReturn): boolean {
  return a.storeId === b.storeId && a.transactionId === b.transactionId;
}

/**
 * The most that returning `returnedMilli` thousandths of a sale line may refund in all, in minor
 * units: its share of what the line charged after its own discounts (`line.total`), rounded UP,
 * `ceil(total × returned / bought)`. The cap is on the running sum over every return of the line,
 * so the roundings never add up: returning all units, at once or one by one, may refund exactly
 * `line.total` and never a unit more, and a till that rounds each unit's refund half up (334, 333,
 * 333 of 1000 for 3 units) is not refused for a cent. Basket-level discounts are not spread over
 * lines by the contract, so they do not lower a line's cap.
 */
export function refundCap(saleLine: Pick<PosLine, 'quantity' | 'total'>, returnedMilli: bigint): bigint {
  const boughtMilli = quantityToMilli(saleLine.quantity);
  const returned = returnedMilli < boughtMilli ? returnedMilli : boughtMilli;
  return (BigInt(saleLine.total) * returned + boughtMilli - 1n) / boughtMilli;
}

interface LineTally {
  /** Thousandths returned. */
  quantity: bigint;
  /** Minor units refunded (the returns' `line.total`). */
  refunded: bigint;
}

/**
 * Rule 7, the part that needs no database: `returnTx` against the sale it names and the returns of
 * that sale already accepted. Finding the original (same tenant) is the caller's job. A retried
 * delivery of `returnTx` itself inside `previousReturns` is not counted twice. Quantities add up
 * exactly in thousandths, so 0.333 + 0.333 + 0.334 of 1 kg is a full return, not an excess; the
 * amounts refunded for a line add up against {@link refundCap} of the quantity returned so far.
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

  const saleLines = new Map(originalSale.lines.map((line) => [line.lineId, line]));
  const tallies = new Map<string, LineTally>();
  const add = (id: string, line: Pick<PosLine, 'quantity' | 'total'>): LineTally => {
    const before = tallies.get(id) ?? { quantity: 0n, refunded: 0n };
    const after = {
      quantity: before.quantity + quantityToMilli(line.quantity),
      refunded: before.refunded + BigInt(line.total),
    };
    tallies.set(id, after);
    return after;
  };
  const earlier = previousReturns.filter(
    (previous) =>
      previous.originalTransactionId === originalSale.transactionId && !isSameTransaction(previous, returnTx),
  );
  for (const line of earlier.flatMap((previous) => previous.lines)) add(line.originalLineId, line);

  const alreadyReturned = new Map(tallies);
  const flagged = new Set<string>();
  returnTx.lines.forEach((line, index) => {
    const id = line.originalLineId;
    const saleLine = saleLines.get(id);
    if (saleLine === undefined) {
      issues.push(
        ruleIssue(['lines', index, 'originalLineId'], 'return_line_unknown', `the sale has no line "${id}"`),
      );
      return;
    }
    const before = tallies.get(id) ?? { quantity: 0n, refunded: 0n };
    const after = add(id, line);
    if (flagged.has(id)) return;
    const boughtMilli = quantityToMilli(saleLine.quantity);
    if (after.quantity > boughtMilli) {
      flagged.add(id);
      const returned = alreadyReturned.get(id)?.quantity ?? 0n;
      const remaining = boughtMilli > returned ? boughtMilli - returned : 0n;
      issues.push(
        ruleIssue(
          ['lines', index, 'quantity'],
          'return_quantity_exceeded',
          `expected at most ${formatMilli(remaining)} of line "${id}" (bought ${formatMilli(boughtMilli)}, ` +
            `already returned ${formatMilli(returned)}), got ${formatMilli(after.quantity - returned)}`,
        ),
      );
      return;
    }
    const cap = refundCap(saleLine, after.quantity);
    if (after.refunded <= cap) return;
    flagged.add(id);
    const allowed = cap > before.refunded ? cap - before.refunded : 0n;
    issues.push(
      ruleIssue(
        ['lines', index, 'total'],
        'return_amount_exceeded',
        `expected at most ${allowed}: line "${id}" charged ${saleLine.total} for ${formatMilli(boughtMilli)}, ` +
          `${formatMilli(after.quantity)} of it returned in all and ${before.refunded} already refunded; got ${line.total}`,
      ),
    );
  });
  return issues;
}
