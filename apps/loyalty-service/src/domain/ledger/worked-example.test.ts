import { describe, expect, it } from 'vitest';
import { balanceAt } from './balance.js';
import { earnEntry } from './earn.js';
import { batchDates } from './expiry.js';
import { captureDecision, holdDecision } from './holds.js';
import { append, earnedLine, testProgram, emptyTestLedger, type TestLedger } from './ledger-fixtures.js';
import { nextDueEntry } from './maintenance.js';
import { linesToReverse, priorReversalsOf, reverseEntry } from './reversal.js';

/** The table of docs/loyalty-ledger.md, entry by entry. */
describe('the worked example of docs/loyalty-ledger.md', () => {
  const program = testProgram();
  const MEMBER = 'mbr_mario';
  const day = (iso: string) => new Date(`${iso}T10:00:00.000Z`);

  function earn(
    state: TestLedger,
    saleId: string,
    on: string,
    lines: { lineId: string; quantity: number; points: number }[],
  ) {
    return append(state, MEMBER, day(on), (_s, { entryId, now }) =>
      earnEntry({
        entryId,
        now,
        sale: {
          id: saleId,
          transactionId: saleId,
          storeId: 'MI-001',
          occurredAt: day(on),
          total: 0,
          lines: [],
        },
        evaluation: {
          programVersion: 1,
          total: lines.reduce((sum, line) => sum + line.points, 0),
          lines: lines.map((line) => earnedLine({ ...line, sku: 'X' })),
          byCampaign: {},
          notes: [],
        },
        dates: batchDates(program.ledger, day(on)),
        via: 'card',
      }),
    ).state;
  }

  function job(state: TestLedger, on: string): TestLedger {
    for (;;) {
      const next = append(state, MEMBER, day(on), (s, { now }) => nextDueEntry(s, now));
      if (!next.entry) return next.state;
      state = next.state;
    }
  }

  const row = (state: TestLedger, on: string) => {
    const { pending, active, debt } = balanceAt(state, day(on));
    return [pending, active, debt];
  };

  it('when Mario earns, spends, returns a shirt and earns again, then the balances are those of the table', () => {
    let state = earn(emptyTestLedger(), 'MI-001-T03-000123', '2026-11-22', [
      { lineId: '1', quantity: 1, points: 156 },
      { lineId: '2', quantity: 2, points: 76 },
    ]);
    expect(row(state, '2026-11-22')).toEqual([232, 0, 0]);
    state = job(state, '2026-12-06');
    expect(row(state, '2026-12-06')).toEqual([0, 232, 0]);
    const now = day('2026-12-10');
    state = append(state, MEMBER, now, (s) =>
      holdDecision(s, { holdId: 'h1', points: 220, expiresAt: day('2026-12-11'), now }),
    ).state;
    expect(balanceAt(state, now).available).toBe(12);
    state = append(state, MEMBER, now, (s) =>
      captureDecision(s, { holdId: 'h1', posTransactionId: 'MI-001-T01-000200', now }),
    ).state;
    expect(row(state, '2026-12-10')).toEqual([0, 12, 0]);
    const saleEntry = state.entries[0];
    if (saleEntry?.kind !== 'earn') throw new Error('entry 1 is the earn');
    state = append(state, MEMBER, day('2026-12-12'), (s, { now: at }) =>
      reverseEntry(s, {
        now: at,
        batchId: saleEntry.id,
        returnSale: {
          id: 'r1',
          transactionId: 'MI-002-T01-000045',
          originalSaleId: saleEntry.sale.id,
          originalTransactionId: saleEntry.sale.id,
        },
        lines: linesToReverse(
          saleEntry.lines,
          [{ lineId: '1', originalLineId: '2', quantity: 1, total: 3950 }],
          priorReversalsOf(s.batches.get(saleEntry.id)),
        ),
        policy: 'recover',
      }),
    ).state;
    expect(row(state, '2026-12-12')).toEqual([0, -26, 26]);
    state = earn(state, 'S2', '2027-01-03', [{ lineId: '1', quantity: 1, points: 60 }]);
    expect(row(state, '2027-01-03')).toEqual([60, -26, 26]);
    state = job(state, '2027-01-17');
    expect(row(state, '2027-01-17')).toEqual([0, 34, 0]);
    const before = state.entries.length;
    state = job(state, '2028-11-23');
    expect(state.entries.length).toBe(before);
    state = job(state, '2029-01-03');
    expect(row(state, '2029-01-03')).toEqual([0, 0, 0]);
    expect(state.entries.map((entry) => entry.kind)).toEqual([
      'earn',
      'activate',
      'hold',
      'redeem',
      'reverse',
      'earn',
      'activate',
      'expire',
    ]);
  });
});
