import { describe, expect, it } from 'vitest';
import type { EarnEvaluation } from '../program/earning-contract.js';
import { balanceAt } from './balance.js';
import { adjustDecision } from './adjust.js';
import { earnEntry } from './earn.js';
import { batchDates } from './expiry.js';
import { captureDecision, holdDecision } from './holds.js';
import { append, at, earnedLine, testProgram, emptyTestLedger, type TestLedger } from './ledger-fixtures.js';
import { nextDueEntry } from './maintenance.js';
import { linesToReverse, priorReversalsOf, reverseEntry } from './reversal.js';

const program = testProgram();
const MEMBER = 'mbr_a';

function evaluation(lines: { lineId: string; quantity: number; points: number }[]): EarnEvaluation {
  return {
    programVersion: 1,
    total: lines.reduce((sum, line) => sum + line.points, 0),
    lines: lines.map(earnedLine),
    byCampaign: {},
    notes: [],
  };
}

function earn(
  state: TestLedger,
  saleId: string,
  day: string,
  lines: { lineId: string; quantity: number; points: number }[],
) {
  const occurredAt = at(day);
  return append(state, MEMBER, occurredAt, ({ lastSeq: _ }, { entryId, now }) =>
    earnEntry({
      entryId,
      now,
      sale: {
        id: saleId,
        transactionId: `T-${saleId}`,
        storeId: 'MI-001',
        occurredAt,
        total: 10_000,
        lines: lines.map((line) => ({ lineId: line.lineId, total: line.points * 100 })),
      },
      evaluation: evaluation(lines),
      dates: batchDates(program.ledger, occurredAt),
      via: 'card',
    }),
  );
}

function runJob(state: TestLedger, now: Date): TestLedger {
  for (;;) {
    const next = append(state, MEMBER, now, (s, context) => nextDueEntry(s, context.now));
    if (!next.entry) return state;
    state = next.state;
  }
}

describe('the ledger, earn to expiry', () => {
  it('when a sale earns, then its points are pending for the return window and then spendable', () => {
    let { state } = earn(emptyTestLedger(), 'txn_1', '2026-01-10', [
      { lineId: '1', quantity: 1, points: 120 },
    ]);
    expect(balanceAt(state, at('2026-01-10'))).toMatchObject({ pending: 120, active: 0, available: 0 });
    state = runJob(state, at('2026-01-23'));
    expect(state.pending).toBe(120);
    state = runJob(state, at('2026-01-24'));
    expect(balanceAt(state, at('2026-01-24'))).toMatchObject({ pending: 0, active: 120, available: 120 });
    expect(runJob(state, at('2026-01-25')).entries).toHaveLength(state.entries.length);
  });

  it('when points are redeemed, then the oldest batches go first and expiry takes only what is left', () => {
    let { state } = earn(emptyTestLedger(), 'txn_1', '2026-01-10', [
      { lineId: '1', quantity: 1, points: 100 },
    ]);
    ({ state } = earn(state, 'txn_2', '2026-02-10', [{ lineId: '1', quantity: 1, points: 300 }]));
    state = runJob(state, at('2026-03-01'));
    const now = at('2026-03-01');
    ({ state } = append(state, MEMBER, now, (s) =>
      holdDecision(s, { holdId: 'hold_1', points: 150, expiresAt: at('2026-03-02'), now }),
    ));
    const captured = append(state, MEMBER, now, (s) =>
      captureDecision(s, { holdId: 'hold_1', posTransactionId: 'POS-9', now }),
    );
    expect(captured.entry?.moves).toEqual([
      { batchId: 'mbr_a:0000000001', pending: 0, active: -100 },
      { batchId: 'mbr_a:0000000002', pending: 0, active: -50 },
    ]);
    state = runJob(captured.state, at('2028-02-10'));
    const expiries = state.entries.filter((entry) => entry.kind === 'expire');
    expect(expiries.map((entry) => entry.active)).toEqual([-250]);
    expect(balanceAt(state, at('2028-02-11'))).toMatchObject({ active: 0, pending: 0 });
  });

  it('when a partial return comes while the sale is pending, then exactly its share leaves the pending points', () => {
    const first = earn(emptyTestLedger(), 'txn_1', '2026-01-10', [
      { lineId: '1', quantity: 3, points: 100 },
      { lineId: '2', quantity: 1, points: 79 },
    ]);
    const sale = first.entry;
    if (sale?.kind !== 'earn') throw new Error('expected an earn');
    const lines = linesToReverse(
      sale.lines,
      [{ lineId: 'r1', originalLineId: '1', quantity: 1, total: 3000 }],
      new Map(),
    );
    expect(lines.map((line) => line.points)).toEqual([33]);
    const returned = append(first.state, MEMBER, at('2026-01-12'), (s, { now }) =>
      reverseEntry(s, {
        now,
        batchId: sale.id,
        returnSale: {
          id: 'txn_r1',
          transactionId: 'R1',
          originalSaleId: 'txn_1',
          originalTransactionId: 'T-txn_1',
        },
        lines,
        policy: 'recover',
      }),
    );
    expect(balanceAt(returned.state, at('2026-01-12'))).toMatchObject({ pending: 146, active: 0 });
  });

  it('when returned points were already spent, then recover lets the balance go negative and the next earnings repay it', () => {
    const first = earn(emptyTestLedger(), 'txn_1', '2026-01-10', [{ lineId: '1', quantity: 2, points: 200 }]);
    let state = first.state;
    const saleBatch = first.entry?.id ?? '';
    state = runJob(state, at('2026-02-01'));
    const now = at('2026-02-01');
    ({ state } = append(state, MEMBER, now, (s) =>
      holdDecision(s, { holdId: 'h', points: 200, expiresAt: at('2026-02-02'), now }),
    ));
    ({ state } = append(state, MEMBER, now, (s) =>
      captureDecision(s, { holdId: 'h', posTransactionId: 'P', now }),
    ));
    const reversed = append(state, MEMBER, at('2026-02-05'), (s, c) =>
      reverseEntry(s, {
        now: c.now,
        batchId: saleBatch,
        returnSale: { id: 'txn_r', transactionId: 'R', originalSaleId: 'txn_1', originalTransactionId: 'T' },
        lines: [{ lineId: 'r', originalLineId: '1', quantity: 1, points: 100, spend: 0 }],
        policy: 'recover',
      }),
    );
    expect(balanceAt(reversed.state, at('2026-02-05'))).toMatchObject({ active: -100, debt: 100 });
    ({ state } = earn(reversed.state, 'txn_2', '2026-02-06', [{ lineId: '1', quantity: 1, points: 150 }]));
    state = runJob(state, at('2026-03-01'));
    expect(balanceAt(state, at('2026-03-01'))).toMatchObject({ active: 50, debt: 0 });
    expect(state.entries.at(-1)).toMatchObject({ kind: 'activate', repaid: 100 });
  });

  it('when returned points were already spent and the program writes them off, then the balance stays at zero', () => {
    const first = earn(emptyTestLedger(), 'txn_1', '2026-01-10', [{ lineId: '1', quantity: 1, points: 100 }]);
    let state = runJob(first.state, at('2026-02-01'));
    const now = at('2026-02-01');
    ({ state } = append(state, MEMBER, now, (s) =>
      adjustDecision(s, {
        entryId: 'x',
        requestId: 'r1',
        points: -100,
        reason: 'test',
        actor: 'staff',
        dates: batchDates(program.ledger, now),
        now,
      }),
    ));
    const reversed = append(state, MEMBER, now, (s) =>
      reverseEntry(s, {
        now,
        batchId: first.entry?.id ?? '',
        returnSale: { id: 'txn_r', transactionId: 'R', originalSaleId: 'txn_1', originalTransactionId: 'T' },
        lines: [{ lineId: 'r', originalLineId: '1', quantity: 1, points: 100, spend: 0 }],
        policy: 'writeOff',
      }),
    );
    expect(balanceAt(reversed.state, now)).toMatchObject({ active: 0, debt: 0 });
    expect(reversed.entry).toMatchObject({ kind: 'reverse', writtenOff: 100 });
  });
});

describe('return reversal per line', () => {
  const earned = [{ lineId: '1', sku: 'A', quantity: 3, points: 100, total: 3000, explanation: '' }];

  it('when a line is returned one unit at a time, then the parts add up to exactly what it earned', () => {
    const taken: number[] = [];
    let returnedLines: { lineId: string; quantity: number; points: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const lines = linesToReverse(
        earned,
        [{ lineId: `r${i}`, originalLineId: '1', quantity: 1, total: 1000 }],
        priorReversalsOf({ returnedLines }),
      );
      taken.push(lines[0]?.points ?? 0);
      returnedLines = [{ lineId: '1', quantity: i + 1, points: taken.reduce((a, b) => a + b, 0) }];
    }
    expect(taken).toEqual([33, 34, 33]);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('when more is returned than was bought, then no more than the line earned is taken back', () => {
    const lines = linesToReverse(
      earned,
      [{ lineId: 'r', originalLineId: '1', quantity: 5, total: 5000 }],
      new Map([['1', { quantity: 2, points: 67 }]]),
    );
    expect(lines).toEqual([{ lineId: 'r', originalLineId: '1', quantity: 1, points: 33, spend: 5000 }]);
  });

  it('when a returned line names no earned line, then it takes nothing back', () => {
    expect(
      linesToReverse(earned, [{ lineId: 'r', originalLineId: '9', quantity: 1, total: 100 }], new Map()),
    ).toEqual([]);
  });
});
