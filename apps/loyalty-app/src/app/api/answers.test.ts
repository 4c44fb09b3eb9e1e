import { describe, expect, it as test } from 'vitest';
import {
  type HistoryAnswer,
  type ReceiptsAnswer,
  type SummaryAnswer,
  cardsFrom,
  historyFrom,
  receiptsFrom,
  summaryFrom,
} from './answers.js';

const summary: SummaryAnswer = {
  memberId: 'mbr_a',
  balance: { active: 40, pending: 232, held: 10, available: 30, debt: 0 },
  tier: { code: 'BRONZE', name: 'Bronze', multiplier: 1, since: '2026-11-22T09:30:00.000Z' },
  progress: {
    basis: 'points',
    qualifying: 232,
    next: { code: 'SILVER', name: 'Silver', threshold: 500, missing: 268 },
    downgradeAt: null,
  },
  expiring: { points: 40, withinDays: 30, firstAt: '2026-12-01T00:00:00.000Z' },
};

describe('summaryFrom', () => {
  test('when the service answers a summary, then the home screen gets balance, expiry and tier progress', () => {
    expect(summaryFrom(summary)).toEqual({
      balance: { available: 30, pending: 232, held: 10, debt: 0 },
      expiring: { points: 40, firstAt: '2026-12-01T00:00:00.000Z' },
      tier: {
        name: 'Bronze',
        multiplier: 1,
        since: '2026-11-22T09:30:00.000Z',
        basis: 'points',
        qualifying: 232,
        next: { name: 'Silver', threshold: 500, missing: 268 },
        downgradeAt: null,
      },
      currency: 'EUR',
    });
  });

  test('when the tenant has no program (no tier), then no tier card is shown', () => {
    expect(summaryFrom({ ...summary, tier: null, progress: null }).tier).toBeNull();
  });
});

describe('historyFrom', () => {
  const answer: HistoryAnswer = {
    entries: [
      {
        id: 'mbr_a:0000000002',
        kind: 'gift',
        at: '2026-11-23T09:00:00.000Z',
        points: 5,
        pending: 0,
        active: 5,
        because: { kind: 'text', text: 'a kind added later' },
        lines: [],
      },
      {
        id: 'mbr_a:0000000001',
        kind: 'earn',
        at: '2026-11-22T09:30:00.000Z',
        points: 232,
        pending: 232,
        active: 0,
        because: {
          kind: 'earned',
          points: 232,
          transactionId: 'MI-001-T03-000123',
          storeId: 'MI-001',
          pendingUntil: '2026-12-06T09:15:30.000Z',
        },
        lines: [
          {
            lineId: '1',
            points: 156,
            because: {
              kind: 'earned',
              lineId: '1',
              points: 156,
              paid: { minor: 7838, currency: 'EUR' },
              rate: 1,
              factors: [{ kind: 'campaign', code: 'AUTUNNO', factor: 2 }],
              chainPoints: 156,
              bonuses: [],
              cap: null,
            },
          },
        ],
      },
    ],
    nextCursor: 'aDE6MQ',
  };

  test('when a page of history arrives, then each entry keeps its explanation data and lines, and the cursor is kept', () => {
    const page = historyFrom(answer);
    expect(page.nextCursor).toBe('aDE6MQ');
    expect(page.items[1]).toEqual({
      id: 'mbr_a:0000000001',
      kind: 'earn',
      at: '2026-11-22T09:30:00.000Z',
      pending: 232,
      active: 0,
      because: {
        kind: 'earned',
        points: 232,
        transactionId: 'MI-001-T03-000123',
        storeId: 'MI-001',
        pendingUntil: '2026-12-06T09:15:30.000Z',
      },
      lines: [
        {
          lineId: '1',
          points: 156,
          because: expect.objectContaining({
            kind: 'earned',
            factors: [{ kind: 'campaign', code: 'AUTUNNO', factor: 2 }],
          }) as unknown,
        },
      ],
    });
  });

  test('when the ledger has a kind this app does not know, then the entry is still shown, as a plain one', () => {
    expect(historyFrom(answer).items[0]?.kind).toBe('other');
  });
});

describe('receiptsFrom', () => {
  const receipt: ReceiptsAnswer['receipts'][number] = {
    receiptId: 'rcpt_1',
    transactionId: 'MI-001-T03-000123',
    type: 'sale',
    storeId: 'MI-001',
    storeName: 'Moda Rossi Milano Centro',
    occurredAt: '2026-11-22T09:15:30.000Z',
    currency: 'EUR',
    total: 15491,
    receiptUrl: 'https://receipts.example.com/r/token',
    claimed: false,
  };

  test('when the service names the store, then the list shows its name, not its code', () => {
    expect(receiptsFrom({ receipts: [receipt], nextCursor: null }).items[0]?.store).toBe(
      'Moda Rossi Milano Centro',
    );
    expect(
      receiptsFrom({ receipts: [{ ...receipt, storeName: '' }], nextCursor: null }).items[0]?.store,
    ).toBe('MI-001');
  });
});

describe('cardsFrom', () => {
  test('when `me.card` answers card numbers, then they are kept as the member’s cards', () => {
    expect(cardsFrom({ cards: [{ number: '2900000012345', addedAt: '2026-11-22T09:30:00Z' }] })).toEqual([
      { number: '2900000012345' },
    ]);
  });

  test('when the answer is not in that shape, or a number is not one, then no card is shown', () => {
    expect(cardsFrom(null)).toEqual([]);
    expect(cardsFrom({ cards: 'x' })).toEqual([]);
    expect(cardsFrom({ cards: [{ number: '•••• 2345' }, { number: 12345 }, null] })).toEqual([]);
  });
});
