import { describe, expect, it } from 'vitest';
import { evaluateTiers, type TierChange } from '../tiers/tier-timeline.js';
import { balanceAt, foldLedger, SPENT_BATCH_MONTHS } from './balance.js';
import { earnEntry } from './earn.js';
import { earningContextOf } from './earning-context.js';
import { addDays, addMonths, batchDates } from './expiry.js';
import { captureDecision, holdDecision } from './holds.js';
import { append, earnedLine, emptyTestLedger, testProgram, type TestLedger } from './ledger-fixtures.js';
import { nextDueEntry } from './maintenance.js';
import { ledgerFromSnapshot, snapshotOf } from './snapshot.js';

const program = testProgram();
const MEMBER = 'mbr_years';
const START = new Date('2020-01-06T10:00:00.000Z');

function earn(state: TestLedger, saleId: string, on: Date, points: number): TestLedger {
  return append(state, MEMBER, on, (_s, { entryId, now }) =>
    earnEntry({
      entryId,
      now,
      sale: {
        id: saleId,
        transactionId: saleId,
        storeId: 'MI-001',
        occurredAt: on,
        total: points * 100,
        lines: [],
      },
      evaluation: {
        programVersion: 1,
        total: points,
        lines: [earnedLine({ lineId: '1', sku: 'X', quantity: 1, points })],
        byCampaign: {},
        notes: [],
      },
      dates: batchDates(program.ledger, on),
      via: 'card',
    }),
  ).state;
}

function job(state: TestLedger, now: Date): TestLedger {
  for (;;) {
    const next = append(state, MEMBER, now, (s, context) => nextDueEntry(s, context.now));
    if (!next.entry) return next.state;
    state = next.state;
  }
}

/** A member who buys every week for ten years and spends 100 points at the till every month. */
function tenYearsOfShopping(): TestLedger {
  let state = emptyTestLedger();
  for (let week = 0; week < 520; week++) {
    const now = addDays(START, week * 7);
    state = job(state, now);
    state = earn(state, `txn_${week}`, now, 250);
    if (week % 4 !== 0 || balanceAt(state, now).available < 100) continue;
    const holdId = `hold_${week}`;
    ({ state } = append(state, MEMBER, now, (s) =>
      holdDecision(s, { holdId, points: 100, expiresAt: addDays(now, 1), now }),
    ));
    ({ state } = append(state, MEMBER, now, (s) =>
      captureDecision(s, { holdId, posTransactionId: `POS-${week}`, now }),
    ));
  }
  return state;
}

describe('the folded ledger a member keeps', () => {
  const state = tenYearsOfShopping();
  const now = state.entries.at(-1)?.at ?? START;

  it('when a member has shopped for ten years, then it holds the last five years of batches and no old holds', () => {
    expect(state.entries.filter((entry) => entry.kind === 'earn')).toHaveLength(520);
    const oldest = Math.min(...[...state.batches.values()].map((batch) => batch.earnedAt.getTime()));
    expect(oldest).toBeGreaterThanOrEqual(addMonths(now, -SPENT_BATCH_MONTHS).getTime());
    expect(state.batches.size).toBeLessThan(270);
    expect(state.holds.size).toBeLessThanOrEqual(1);
    expect(state.droppedUntil).not.toBeNull();
    expect(state.firstEarnAt).toEqual(START);
  });

  it('when it is saved and read back, then it is the same ledger, and folding every entry again gives it too', () => {
    const { entries: _entries, ...folded } = state;
    expect(ledgerFromSnapshot(structuredClone(snapshotOf(state)))).toEqual(folded);
    expect(foldLedger(state.entries)).toEqual(folded);
  });

  it('when a batch it forgot was the first purchase, then a new sale is still not a first purchase', () => {
    expect(
      earningContextOf(state, {
        memberId: MEMBER,
        program,
        tierCode: 'GOLD',
        saleAt: now,
        saleId: 'txn_new',
      }).firstPurchase,
    ).toBe(false);
  });

  it('when the tier was reached years ago and kept since, then the forgotten batches do not make it drop', () => {
    // 250 points a week is 13,000 a year: Gold from the eighth week, every year since.
    const history: TierChange[] = [
      { from: null, to: 'BRONZE', at: START, reason: 'enrolled' },
      { from: 'BRONZE', to: 'GOLD', at: addDays(START, 7 * 7), reason: 'upgrade' },
    ];
    const tiers = (droppedUntil: Date | null) =>
      evaluateTiers({ rules: program.tiers, batches: state.batches.values(), history, now, droppedUntil });
    expect(tiers(state.droppedUntil)).toMatchObject({ changes: [], tier: { code: 'GOLD' } });
    // Without knowing what was forgotten, the replay from 2020 would see too few points then.
    expect(tiers(null).changes).not.toEqual([]);
  });
});
