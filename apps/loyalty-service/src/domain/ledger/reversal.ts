import type { Batch, LedgerState } from './balance.js';
import type { BatchMove, EarnedLineRecord, NewEntry, ReversedLine } from './entry.js';
import { explained } from './entry-explanation.js';
import { takeOldestFirst } from './fifo.js';

export interface ReturnLine {
  lineId: string;
  originalLineId: string | null;
  quantity: number;
  /** What the customer got back for the line (minor units). */
  total: number;
}

/** What earlier returns of the same sale already took back, per original line. */
export type PriorReversals = ReadonlyMap<string, { quantity: number; points: number }>;

/** The batch keeps what returns took back per line, wherever a merge moved it. */
export function priorReversalsOf(batch: Pick<Batch, 'returnedLines'> | undefined): PriorReversals {
  return new Map((batch?.returnedLines ?? []).map((line) => [line.lineId, line]));
}

/**
 * Points to take back per returned line: the line's earned points (multipliers, campaign bonuses
 * and caps included) in proportion to the quantity returned. Computed on the cumulative quantity
 * returned so far, so rounding never drifts across several partial returns: a line returned whole
 * gives back exactly what it earned, never more.
 */
export function linesToReverse(
  earned: readonly EarnedLineRecord[],
  returned: readonly ReturnLine[],
  prior: PriorReversals,
): ReversedLine[] {
  const byLine = new Map(earned.map((line) => [line.lineId, line]));
  const running = new Map([...prior].map(([lineId, seen]) => [lineId, { ...seen }]));
  const reversed: ReversedLine[] = [];
  for (const line of returned) {
    const original = line.originalLineId === null ? undefined : byLine.get(line.originalLineId);
    if (!original) continue;
    const seen = running.get(original.lineId) ?? { quantity: 0, points: 0 };
    const quantity = Math.min(line.quantity, Math.max(0, original.quantity - seen.quantity));
    const cumulative = seen.quantity + quantity;
    const target =
      cumulative >= original.quantity
        ? original.points
        : Math.round((original.points * cumulative) / original.quantity);
    const points = Math.max(0, Math.min(original.points - seen.points, target - seen.points));
    running.set(original.lineId, { quantity: cumulative, points: seen.points + points });
    reversed.push({
      lineId: line.lineId,
      originalLineId: original.lineId,
      quantity,
      points,
      spend: line.total,
    });
  }
  return reversed;
}

/**
 * The reverse entry of a return: from the sale's batch while it is pending, then from that batch's
 * active points, then from the oldest other batches. What is still missing was already spent:
 * `recover` records it as debt (the balance goes negative and later earnings repay it), `writeOff`
 * lets it go.
 */
export function reverseEntry(
  state: LedgerState,
  input: {
    now: Date;
    batchId: string;
    returnSale: { id: string; transactionId: string; originalSaleId: string; originalTransactionId: string };
    lines: ReversedLine[];
    policy: 'recover' | 'writeOff';
  },
): NewEntry {
  const total = input.lines.reduce((sum, line) => sum + line.points, 0);
  const batch = state.batches.get(input.batchId);
  const fromPending = Math.min(total, batch?.pending ?? 0);
  const fromBatch = Math.min(total - fromPending, batch?.active ?? 0);
  const moves: BatchMove[] = [];
  if (fromPending > 0 || fromBatch > 0)
    moves.push({ batchId: input.batchId, pending: -fromPending, active: -fromBatch });
  const others = takeOldestFirst(state, total - fromPending - fromBatch, new Set([input.batchId]));
  moves.push(...others.moves);
  const missing = others.shortfall;
  const debt = input.policy === 'recover' ? missing : 0;
  const writtenOff = input.policy === 'writeOff' ? missing : 0;
  const sale = input.returnSale;
  return {
    kind: 'reverse',
    businessKey: `reverse:${sale.id}`,
    at: input.now,
    pending: -fromPending,
    active: -(fromBatch + others.taken) - debt,
    debt,
    moves,
    ...explained({
      kind: 'reversed',
      points: total,
      transactionId: sale.transactionId,
      originalTransactionId: sale.originalTransactionId,
      recovered: debt,
      writtenOff,
    }),
    returnId: sale.id,
    batchId: input.batchId,
    transactionId: sale.transactionId,
    originalSaleId: sale.originalSaleId,
    lines: input.lines,
    writtenOff,
  };
}
