import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import { historyItemOf } from './member-app.js';

const common = {
  id: 'mbr_a:0000000001',
  memberId: 'mbr_a',
  seq: 1,
  at: new Date('2026-11-22T09:30:00Z'),
  debt: 0,
  moves: [],
};

describe('historyItemOf', () => {
  it('when an entry was written before explanations were kept as data, then it is explained by its English sentence', () => {
    const old = {
      ...common,
      kind: 'earn',
      businessKey: 'earn:txn_1',
      pending: 76,
      active: 0,
      explanation: '76 pts earned on sale MI-001-T03-000123, pending until 2026-12-06',
      sale: {
        id: 'txn_1',
        transactionId: 'MI-001-T03-000123',
        storeId: 'MI-001',
        occurredAt: common.at,
        total: 7653,
      },
      programVersion: 1,
      lines: [
        {
          lineId: '1',
          sku: 'X',
          quantity: 1,
          points: 76,
          total: 7653,
          explanation: 'line 1: 76 pts = 76.53 EUR × 1',
        },
      ],
      notes: [],
      via: 'card',
    } satisfies LedgerEntry;
    expect(historyItemOf(old)).toMatchObject({
      because: { kind: 'text', text: '76 pts earned on sale MI-001-T03-000123, pending until 2026-12-06' },
      lines: [{ lineId: '1', points: 76, because: { kind: 'text', text: 'line 1: 76 pts = 76.53 EUR × 1' } }],
    });
  });

  it('when a return is read, then each line says what it took back from which line, as data', () => {
    const reverse = {
      ...common,
      kind: 'reverse',
      businessKey: 'reverse:txn_2',
      pending: -38,
      active: 0,
      because: {
        kind: 'reversed',
        points: 38,
        transactionId: 'MI-002-T01-000045',
        originalTransactionId: 'MI-001-T03-000123',
        recovered: 0,
        writtenOff: 0,
      },
      explanation:
        '38 pts taken back for items returned (transaction MI-002-T01-000045, bought in MI-001-T03-000123)',
      returnId: 'txn_2',
      batchId: 'mbr_a:0000000001',
      transactionId: 'MI-002-T01-000045',
      originalSaleId: 'txn_1',
      lines: [{ lineId: '1', originalLineId: '2', quantity: 1, points: 38, spend: 3950 }],
      writtenOff: 0,
    } satisfies LedgerEntry;
    expect(historyItemOf(reverse)).toMatchObject({
      points: -38,
      because: { kind: 'reversed', points: 38 },
      lines: [
        {
          lineId: '1',
          points: -38,
          because: { kind: 'returned', lineId: '1', points: 38, quantity: 1, originalLineId: '2' },
        },
      ],
    });
  });
});
