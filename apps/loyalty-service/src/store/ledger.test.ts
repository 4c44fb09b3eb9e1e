import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceAt } from '../domain/ledger/balance.js';
import { adjustDecision } from '../domain/ledger/adjust.js';
import { addDays, batchDates } from '../domain/ledger/expiry.js';
import { holdDecision } from '../domain/ledger/holds.js';
import { testProgram } from '../domain/ledger/ledger-fixtures.js';
import type { LoyaltyStore } from './loyalty-store.js';
import { openTestStore } from './store-test-support.js';

const now = new Date('2026-03-01T10:00:00Z');
let store: LoyaltyStore;
let database: Connection;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, database, close } = await openTestStore(() => now));
});
afterAll(() => close());

const credit = (memberId: string, requestId: string, points: number) =>
  store.ledger.append(memberId, (state, context) =>
    adjustDecision(state, {
      entryId: context.entryId,
      requestId,
      points,
      reason: 'welcome',
      actor: 'test',
      dates: batchDates(testProgram().ledger, context.now),
      now: context.now,
    }),
  );

const hold = (memberId: string, holdId: string, points: number) =>
  store.ledger.append(memberId, (state, context) =>
    holdDecision(state, { holdId, points, expiresAt: addDays(context.now, 1), now: context.now }),
  );

describe('ledger store on the real database', () => {
  it('when the same write is sent twice, then the second answers with the first entry', async () => {
    const first = await credit('mbr_replay', 'req-1', 100);
    const second = await credit('mbr_replay', 'req-1', 100);
    expect(first.status).toBe('written');
    expect(second).toMatchObject({ status: 'replayed', entry: { id: 'mbr_replay:0000000001' } });
    expect((await store.ledger.entriesOf('mbr_replay')).map((entry) => entry.businessKey)).toEqual([
      'adjust:req-1',
    ]);
  });

  it('when ten holds race on one member, then exactly as many are written as the balance allows', async () => {
    await credit('mbr_race', 'seed', 350);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => hold('mbr_race', `hold_${i}`, 100)),
    );
    expect(results.filter((result) => result.status === 'written')).toHaveLength(3);
    expect(results.filter((result) => result.status === 'refused')).toHaveLength(7);
    const state = await store.ledger.stateOf('mbr_race');
    expect(balanceAt(state, now)).toMatchObject({ active: 350, held: 300, available: 50 });
    expect(state.lastSeq).toBe(4);
    expect((await store.ledger.entriesOf('mbr_race')).map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
  });

  it('when writers race with the same business key, then one entry is written and all answer with it', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => credit('mbr_same', 'req-same', 40)));
    const ids = new Set(results.map((result) => ('entry' in result ? result.entry.id : null)));
    expect(ids).toEqual(new Set(['mbr_same:0000000001']));
    expect(await store.ledger.entriesOf('mbr_same')).toHaveLength(1);
  });

  it('when an entry is stored, then its explanation comes back as data beside the English sentence', async () => {
    await credit('mbr_explained', 'req-explained', 25);
    const [entry] = await store.ledger.entriesOf('mbr_explained');
    expect(entry).toMatchObject({
      because: { kind: 'adjusted', points: 25, actor: 'test', reason: 'welcome' },
      explanation: '25 pts added by test: welcome',
    });
  });

  it('when a business key was written on another member, then it is found there and not written again', async () => {
    await credit('mbr_first', 'req-shared', 10);
    const again = await credit('mbr_second', 'req-shared', 10);
    expect(again).toMatchObject({ status: 'replayed', entry: { memberId: 'mbr_first' } });
    expect(await store.ledger.entriesOf('mbr_second')).toEqual([]);
  });
});

const adjustment = (memberId: string, requestId: string, points: number) => ({
  memberId,
  decide: (state: Parameters<typeof adjustDecision>[0], context: { entryId: string; now: Date }) =>
    adjustDecision(state, {
      entryId: context.entryId,
      requestId,
      points,
      reason: 'welcome',
      actor: 'test',
      dates: batchDates(testProgram().ledger, context.now),
      now: context.now,
    }),
});

const holding = (memberId: string, holdId: string, points: number) => ({
  memberId,
  decide: (state: Parameters<typeof holdDecision>[0], context: { now: Date }) =>
    holdDecision(state, { holdId, points, expiresAt: addDays(context.now, 1), now: context.now }),
});

/** The ledger folded from its entries agrees with the stored folded ledger, and seqs have no gap. */
async function expectConsistent(memberId: string, entries: number) {
  const stored = await store.ledger.entriesOf(memberId);
  expect(stored.map((entry) => entry.seq)).toEqual(Array.from({ length: entries }, (_, i) => i + 1));
  expect((await store.ledger.stateOf(memberId)).lastSeq).toBe(entries);
}

describe('ledger store, many writes at once', () => {
  it('when several members write together, two on one member, then each gets its entries in order, as alone', async () => {
    await credit('mbr_all_b', 'seed-b', 100);
    const results = await store.ledger.appendAll([
      adjustment('mbr_all_a', 'a-1', 10),
      adjustment('mbr_all_b', 'b-1', 20),
      adjustment('mbr_all_a', 'a-2', 30),
      holding('mbr_all_b', 'hold_all_b', 110),
    ]);
    expect(results.map((result) => (result instanceof Error ? result.message : result.status))).toEqual([
      'written',
      'written',
      'written',
      'written',
    ]);
    expect((await store.ledger.entriesOf('mbr_all_a')).map((entry) => entry.businessKey)).toEqual([
      'adjust:a-1',
      'adjust:a-2',
    ]);
    await expectConsistent('mbr_all_a', 2);
    await expectConsistent('mbr_all_b', 3);
    expect(balanceAt(await store.ledger.stateOf('mbr_all_b'), now)).toMatchObject({
      active: 120,
      held: 110,
      available: 10,
    });
  });

  it('when a write is refused or was made before, then that one answers as alone and the others are written', async () => {
    await credit('mbr_all_c', 'c-1', 50);
    const results = await store.ledger.appendAll([
      adjustment('mbr_all_c', 'c-1', 50),
      holding('mbr_all_d', 'hold_all_d', 10),
      adjustment('mbr_all_e', 'e-1', 5),
    ]);
    expect(results[0]).toMatchObject({ status: 'replayed', entry: { id: 'mbr_all_c:0000000001' } });
    expect(results[1]).toMatchObject({ status: 'refused', refusal: { refused: 'insufficient_points' } });
    expect(results[2]).toMatchObject({ status: 'written' });
    await expectConsistent('mbr_all_c', 1);
    await expectConsistent('mbr_all_e', 1);
  });

  it('when another writer took the next seq behind a stale folded ledger, then the batch reads on and loses nothing', async () => {
    await credit('mbr_all_f', 'f-1', 100);
    // A writer whose folded ledger was never written back (a crash between its two writes).
    const heads = database.collection('ledger_heads');
    const stale = await heads.findOne({ _id: 'mbr_all_f' as never });
    await credit('mbr_all_f', 'f-2', 100);
    await heads.replaceOne({ _id: 'mbr_all_f' as never }, stale!);

    const results = await store.ledger.appendAll([
      adjustment('mbr_all_f', 'f-3', 1),
      adjustment('mbr_all_g', 'g-1', 1),
      holding('mbr_all_f', 'hold_all_f', 150),
    ]);
    expect(results).toMatchObject([{ status: 'written' }, { status: 'written' }, { status: 'written' }]);
    expect(results[0]).toMatchObject({ entry: { seq: 3 } });
    await expectConsistent('mbr_all_f', 4);
    expect(balanceAt(await store.ledger.stateOf('mbr_all_f'), now)).toMatchObject({ active: 201, held: 150 });
  });
});
