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
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, close } = await openTestStore(() => now));
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
