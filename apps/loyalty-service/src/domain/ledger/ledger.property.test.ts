import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableAt,
  balanceAt,
  emptyLedger,
  fifoOrder,
  foldLedger,
  heldAt,
  type LedgerState,
} from './balance.js';
import type { Decide } from './decision.js';
import { earnEntry } from './earn.js';
import { explained } from './entry-explanation.js';
import type { LedgerEntry } from './entry.js';
import { addDays, batchDates } from './expiry.js';
import { captureDecision, holdDecision, releaseDecision } from './holds.js';
import { append, earnedLine, emptyTestLedger, testProgram, type TestLedger } from './ledger-fixtures.js';
import { nextDueEntry } from './maintenance.js';
import { linesToReverse, priorReversalsOf, reverseEntry } from './reversal.js';

const MEMBER = 'mbr_p';
const START = new Date('2026-01-01T09:00:00.000Z');

type Op =
  | { op: 'earn'; lines: { quantity: number; points: number }[] }
  | { op: 'return'; sale: number; line: number; quantity: number }
  | { op: 'hold'; points: number }
  | { op: 'capture'; hold: number; posTransactionId: string }
  | { op: 'void'; hold: number }
  | { op: 'wait'; days: number }
  | { op: 'replay'; step: number };

// Weighted so that most runs build several batches, spend across them and see some expire.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('earn' as const),
      lines: fc.array(
        fc.record({ quantity: fc.integer({ min: 1, max: 5 }), points: fc.integer({ min: 0, max: 300 }) }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('return' as const),
      sale: fc.nat(20),
      line: fc.nat(3),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('hold' as const), points: fc.integer({ min: 1, max: 800 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('capture' as const),
      hold: fc.nat(3),
      posTransactionId: fc.constantFrom('P1', 'P2'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), hold: fc.nat(3) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('wait' as const),
      days: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }) },
        fc.integer({ min: 0, max: 800 }),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replay' as const), step: fc.nat(60) }) },
);

interface World {
  state: TestLedger;
  now: Date;
  sales: LedgerEntry[];
  holds: string[];
  /** Each step's write, so a replay can send the very same decision again. */
  decisions: { decide: Decide; now: Date }[];
}

function checkInvariants(world: World): void {
  const { state, now } = world;
  // The balance is the sum of the entries, and folding from scratch gives the same state.
  const sum = (pick: (entry: LedgerEntry) => number) =>
    state.entries.reduce((total, entry) => total + pick(entry), 0);
  expect(state.pending).toBe(sum((entry) => entry.pending));
  expect(state.active).toBe(sum((entry) => entry.active));
  expect(state.debt).toBe(sum((entry) => entry.debt));
  const batches = [...state.batches.values()];
  expect(state.pending).toBe(batches.reduce((total, batch) => total + batch.pending, 0));
  expect(state.active).toBe(batches.reduce((total, batch) => total + batch.active, 0) - state.debt);
  expect(balanceAt(foldLedger(state.entries), now)).toEqual(balanceAt(state, now));
  for (const batch of batches) {
    expect(batch.pending).toBeGreaterThanOrEqual(0);
    expect(batch.active).toBeGreaterThanOrEqual(0);
  }
  expect(state.debt).toBeGreaterThanOrEqual(0);
  // No double credit: one entry per business key, one earn per sale.
  const keys = state.entries.map((entry) => entry.businessKey);
  expect(new Set(keys).size).toBe(keys.length);
  // A return never takes back more than its line earned, across all returns of the sale.
  for (const sale of world.sales) {
    if (sale.kind !== 'earn') continue;
    const prior = priorReversalsOf(state.batches.get(sale.id));
    for (const line of sale.lines)
      expect(prior.get(line.lineId)?.points ?? 0).toBeLessThanOrEqual(line.points);
  }
}

/** A redemption took no points from a batch while an older batch still had some. */
function checkFifo(before: LedgerState, entry: LedgerEntry): void {
  if (entry.kind !== 'redeem') return;
  const consumed = new Set(entry.moves.map((move) => move.batchId));
  const spendable = [...before.batches.values()].filter((batch) => batch.active > 0).sort(fifoOrder);
  let sawPartial = false;
  for (const batch of spendable) {
    const move = entry.moves.find((m) => m.batchId === batch.batchId);
    if (sawPartial) expect(consumed.has(batch.batchId)).toBe(false);
    if (!move || -move.active < batch.active) sawPartial = true;
  }
}

function step(world: World, op: Op, index: number): World {
  const program = testProgram();
  const { now } = world;
  let decide: Decide | null = null;
  switch (op.op) {
    case 'earn': {
      const saleId = `txn_${index}`;
      decide = (_state, context) =>
        earnEntry({
          entryId: context.entryId,
          now: context.now,
          sale: {
            id: saleId,
            transactionId: `T${index}`,
            storeId: 'S',
            occurredAt: now,
            total: 1000,
            lines: op.lines.map((line, i) => ({ lineId: String(i + 1), total: line.points })),
          },
          evaluation: {
            programVersion: 1,
            total: op.lines.reduce((total, line) => total + line.points, 0),
            lines: op.lines.map((line, i) => earnedLine({ lineId: String(i + 1), sku: 'X', ...line })),
            byCampaign: {},
            notes: [],
          },
          dates: batchDates(program.ledger, now),
          via: 'card',
        });
      break;
    }
    case 'return': {
      const sale = world.sales[op.sale % Math.max(1, world.sales.length)];
      if (sale?.kind !== 'earn') break;
      const returnId = `txn_r${index}`;
      decide = (state, context) => {
        const prior = priorReversalsOf(state.batches.get(sale.id));
        const line = sale.lines[op.line % sale.lines.length];
        const lines = linesToReverse(
          sale.lines,
          [{ lineId: 'r1', originalLineId: line?.lineId ?? null, quantity: op.quantity, total: 10 }],
          prior,
        );
        return reverseEntry(state, {
          now: context.now,
          batchId: sale.id,
          returnSale: {
            id: returnId,
            transactionId: returnId,
            originalSaleId: sale.sale.id,
            originalTransactionId: 'T',
          },
          lines,
          policy: 'recover',
        });
      };
      break;
    }
    case 'hold': {
      const holdId = `hold_${index}`;
      world = { ...world, holds: [...world.holds, holdId] };
      decide = (state, context) =>
        holdDecision(state, {
          holdId,
          points: op.points,
          expiresAt: addDays(context.now, 1),
          now: context.now,
        });
      break;
    }
    case 'capture': {
      const holdId = world.holds.at(-1 - (op.hold % Math.max(1, world.holds.length)));
      if (holdId)
        decide = (state, context) =>
          captureDecision(state, { holdId, posTransactionId: op.posTransactionId, now: context.now });
      break;
    }
    case 'void': {
      const holdId = world.holds.at(-1 - (op.hold % Math.max(1, world.holds.length)));
      if (holdId) decide = (state, context) => releaseDecision(state, { holdId, now: context.now });
      break;
    }
    case 'wait': {
      let state = world.state;
      const later = addDays(now, op.days);
      for (;;) {
        const next = append(state, MEMBER, later, (s, context) => nextDueEntry(s, context.now));
        if (!next.entry) break;
        state = next.state;
      }
      return { ...world, state, now: later };
    }
    case 'replay': {
      const earlier = world.decisions[op.step % Math.max(1, world.decisions.length)];
      if (!earlier) return world;
      const before = world.state.entries.length;
      const replayed = append(world.state, MEMBER, earlier.now, earlier.decide);
      // The same business key is found taken: nothing new, whatever the ledger looks like now.
      if (!replayed.refusal) expect(replayed.state.entries.length).toBe(before);
      return world;
    }
  }
  if (!decide) return world;
  const before = world.state;
  const heldBefore = heldAt(before, now);
  const { state, entry } = append(before, MEMBER, now, decide);
  if (entry && entry.kind === 'hold') expect(heldBefore + entry.points).toBeLessThanOrEqual(before.active);
  if (entry) checkFifo(before, entry);
  return {
    ...world,
    state,
    sales: entry?.kind === 'earn' && state !== before ? [...world.sales, entry] : world.sales,
    // Only writes can be replayed: a refused hold asked again later is a new request.
    decisions: entry ? [...world.decisions, { decide, now }] : world.decisions,
  };
}

describe('ledger properties', () => {
  it('under any sequence of earn, return, hold, capture, void, expiry and replay, the ledger stays consistent', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let world: World = { state: emptyTestLedger(), now: START, sales: [], holds: [], decisions: [] };
        ops.forEach((op, index) => {
          world = step(world, op, index);
          checkInvariants(world);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('when holds race on one ledger, then exactly as many succeed as the available points allow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 12 }),
        (balance, points, racers) => {
          const now = START;
          let state = append(emptyLedger(), MEMBER, now, (_s, c) => ({
            kind: 'adjust',
            businessKey: 'adjust:seed',
            at: now,
            pending: 0,
            active: balance,
            debt: 0,
            moves: [
              {
                batchId: c.entryId,
                pending: 0,
                active: balance,
                opens: { ...batchDates(testProgram().ledger, now), qualifying: { points: 0, spend: 0 } },
              },
            ],
            ...explained({ kind: 'adjusted', points: balance, actor: 'test', reason: 'seed' }),
            points: balance,
            reason: 'seed',
            actor: 'test',
          })).state;
          // The store lets one insert win each seq and makes the losers decide again on the
          // ledger as it is then: in effect the racers' decisions are applied one after another.
          const pending = Array.from({ length: racers }, (_, i) => `hold_${i}`);
          let succeeded = 0;
          for (const holdId of pending) {
            const result = append(state, MEMBER, now, (s) =>
              holdDecision(s, { holdId, points, expiresAt: addDays(now, 1), now }),
            );
            if (result.entry) succeeded += 1;
            state = result.state;
          }
          expect(succeeded).toBe(Math.min(racers, Math.floor(balance / points)));
          expect(heldAt(state, now)).toBeLessThanOrEqual(balance);
          expect(availableAt(state, now)).toBe(balance - succeeded * points);
        },
      ),
      { numRuns: 300 },
    );
  });
});
