import type { EarnEvaluation } from '../program/earning-contract.js';
import type { BatchDates, EarnedLineRecord, NewEntry } from './entry.js';
import { pts } from './fifo.js';

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
    explanation:
      points > 0
        ? `${pts(points)} earned on sale ${sale.transactionId}, pending until ${day(input.dates.activatesAt)}`
        : `no points on sale ${sale.transactionId}${evaluation.notes[0] ? `: ${evaluation.notes[0]}` : ''}`,
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

export const day = (date: Date): string => date.toISOString().slice(0, 10);
