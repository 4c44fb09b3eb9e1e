import type { EarnedLine } from '../program/earning-contract.js';
import { describeLine, type LineExplanation } from '../program/explanation.js';
import type { ProgramConfig } from '../program/program-config.js';
import { applyEntry, emptyLedger, type LedgerState } from './balance.js';
import { type Decide, isRefusal, type Refusal } from './decision.js';
import { entryId, type LedgerEntry } from './entry.js';

/** A folded ledger with the entries it was folded from, as the tests look at it. */
export type TestLedger = LedgerState & { entries: LedgerEntry[] };

/**
 * What the store does, in memory: decide on the ledger as it is, give the entry the next seq; a
 * business key already written answers with its entry (the store's unique index does that).
 * For unit and property tests of the ledger rules.
 */
export function append(
  state: LedgerState & { entries?: LedgerEntry[] },
  memberId: string,
  now: Date,
  decide: Decide,
): { state: TestLedger; entry: LedgerEntry | null; refusal: Refusal | null } {
  const entries = state.entries ?? [];
  const unchanged = { ...state, entries };
  const seq = state.lastSeq + 1;
  const id = entryId(memberId, seq);
  const decision = decide(state, { entryId: id, now });
  if (decision === null) return { state: unchanged, entry: null, refusal: null };
  if (isRefusal(decision)) return { state: unchanged, entry: null, refusal: decision };
  const written = entries.find((entry) => entry.businessKey === decision.businessKey);
  if (written) return { state: unchanged, entry: written, refusal: null };
  const entry: LedgerEntry = { ...decision, id, memberId, seq };
  return { state: { ...applyEntry(state, entry), entries: [...entries, entry] }, entry, refusal: null };
}

/** An evaluated sale line that earned `points` at 1 pt per euro, explained as the engine would. */
export function earnedLine(line: {
  lineId: string;
  quantity: number;
  points: number;
  sku?: string;
}): EarnedLine {
  const because: LineExplanation = {
    kind: 'earned',
    lineId: line.lineId,
    points: line.points,
    paid: { minor: line.points * 100, currency: 'EUR' },
    rate: 1,
    factors: [],
    chainPoints: line.points,
    bonuses: [],
    cap: null,
  };
  return {
    lineId: line.lineId,
    sku: line.sku ?? `SKU-${line.lineId}`,
    quantity: line.quantity,
    points: line.points,
    because,
    explanation: describeLine(because),
  };
}

export const at = (iso: string): Date => new Date(`${iso}T12:00:00.000Z`);

/** A program like the demo one: 1 pt per euro, 14 pending days, 24 months expiry. */
export function testProgram(overrides: Partial<ProgramConfig['ledger']> = {}): ProgramConfig {
  return {
    currency: 'EUR',
    earning: {
      pointsPerUnit: 1,
      rounding: 'down',
      minimumBasket: 0,
      excluded: { skus: [], categories: ['gift-cards'] },
      multipliers: { categories: [], skus: [] },
      caps: { perDay: null, perMonth: null },
    },
    campaigns: [],
    ledger: {
      pendingDays: 14,
      expiry: { kind: 'monthsAfterEarning', months: 24 },
      spentPointsOnReturn: 'recover',
      retroClaimDays: 30,
      ...overrides,
    },
    tiers: {
      basis: 'points',
      windowMonths: 12,
      gracePeriodDays: 90,
      levels: [
        { code: 'BRONZE', name: 'Bronze', threshold: 0, multiplier: 1 },
        { code: 'SILVER', name: 'Silver', threshold: 500, multiplier: 1.25 },
        { code: 'GOLD', name: 'Gold', threshold: 2000, multiplier: 1.5 },
      ],
    },
    redemption: { pointValue: 1, minimumPoints: 100, maxShareOfBasket: 0.5, holdMinutes: 15 },
  };
}

export const emptyTestLedger = (): TestLedger => ({ ...emptyLedger(), entries: [] });
