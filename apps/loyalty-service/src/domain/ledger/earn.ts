import type { EarnEvaluation } from '../program/earning-contract.js';
import type { BatchDates, EarnedLineRecord, NewEntry } from './entry.js';
import { explained } from './entry-explanation.js';

export interface SaleToEarn {
  id: string;
  transactionId: string;
  storeId: string;
  occurredAt: Date;
  total: number;
  lines: { lineId: string; total: number }[];
}

/**
 * The earn entry of a sale: its points open a pending batch (the batch id is the entry's id) that
 * activates after the return window. A sale that earns nothing is recorded too, with its
 * explanation, so the member sees why and a replay still finds the key taken.
 */
export function earnEntry(input: {
  entryId: string;
  now: Date;
  sale: SaleToEarn;
  evaluation: EarnEvaluation;
  dates: BatchDates;
  via: 'card' | 'claim';
}): NewEntry {
  const { sale, evaluation } = input;
  const totals = new Map(sale.lines.map((line) => [line.lineId, line.total]));
  const lines: EarnedLineRecord[] = evaluation.lines.map((line) => ({
    lineId: line.lineId,
    sku: line.sku,
    quantity: line.quantity,
    points: line.points,
    total: totals.get(line.lineId) ?? 0,
    because: line.because,
    explanation: line.explanation,
  }));
  const points = evaluation.total;
  return {
    kind: 'earn',
    businessKey: earnKey(sale.id),
    at: input.now,
    pending: points,
    active: 0,
    debt: 0,
    moves: [
      {
        batchId: input.entryId,
        pending: points,
        active: 0,
        opens: { ...input.dates, saleId: sale.id, qualifying: { points, spend: sale.total } },
      },
    ],
    ...explained(
      points > 0
        ? {
            kind: 'earned',
            points,
            transactionId: sale.transactionId,
            storeId: sale.storeId,
            pendingUntil: input.dates.activatesAt.toISOString(),
          }
        : { kind: 'earned_nothing', transactionId: sale.transactionId, storeId: sale.storeId },
    ),
    sale: {
      id: sale.id,
      transactionId: sale.transactionId,
      storeId: sale.storeId,
      occurredAt: sale.occurredAt,
      total: sale.total,
    },
    programVersion: evaluation.programVersion,
    lines,
    notes: evaluation.notes,
    via: input.via,
  };
}

/** One earn per sale, whichever way it reaches the member (its event, a claimed receipt). */
export const earnKey = (saleId: string): string => `earn:${saleId}`;
