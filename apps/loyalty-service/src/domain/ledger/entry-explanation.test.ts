import { describe, expect, it } from 'vitest';
import { describeEntry, type EntryExplanation } from './entry-explanation.js';

describe('describeEntry', () => {
  it.each<[EntryExplanation, string]>([
    [
      {
        kind: 'earned',
        points: 245,
        transactionId: 'MI-001-T03-000123',
        storeId: 'MI-001',
        pendingUntil: '2026-12-06T09:15:30.000Z',
      },
      '245 pts earned on sale MI-001-T03-000123, pending until 2026-12-06',
    ],
    [
      { kind: 'earned_nothing', transactionId: 'MI-001-T03-000124', storeId: 'MI-001' },
      'no points on sale MI-001-T03-000124',
    ],
    [
      { kind: 'activated', points: 245, earnedAt: '2026-11-22T09:15:30.000Z', repaid: 20 },
      '245 pts earned on 2026-11-22 are now spendable (20 pts repaid returned points already spent)',
    ],
    [{ kind: 'held', points: 1 }, '1 pt reserved at the till'],
    [
      { kind: 'redeemed', points: 100, posTransactionId: 'MI-001-T01-000900' },
      '100 pts spent at the till (transaction MI-001-T01-000900)',
    ],
    [{ kind: 'released', points: 100 }, '100 pts reserved at the till released'],
    [
      {
        kind: 'reversed',
        points: 38,
        transactionId: 'MI-002-T01-000045',
        originalTransactionId: 'MI-001-T03-000123',
        recovered: 12,
        writtenOff: 0,
      },
      '38 pts taken back for items returned (transaction MI-002-T01-000045, bought in MI-001-T03-000123); 12 pts already spent will be recovered from future points',
    ],
    [
      { kind: 'expired', points: 40, earnedAt: '2024-11-22T09:15:30.000Z' },
      '40 pts earned on 2024-11-22 expired',
    ],
    [
      { kind: 'adjusted', points: -50, actor: 'support@brand', reason: 'double credit' },
      '50 pts removed by support@brand: double credit',
    ],
    [
      { kind: 'moved_out', points: 300, toMemberId: 'mbr_b', operation: 'merge', rule: 'same_email' },
      '300 pts moved to member mbr_b (profiles merged (same_email))',
    ],
    [
      { kind: 'moved_in', points: 300, fromMemberId: 'mbr_a', operation: 'unmerge', rule: 'manual_cut' },
      '300 pts moved in from member mbr_a (profiles split (manual_cut))',
    ],
  ])('words %j for staff in English, as the ledger always has', (because, english) => {
    expect(describeEntry(because)).toBe(english);
  });
});
