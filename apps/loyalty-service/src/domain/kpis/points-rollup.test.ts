import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../ledger/entry.js';
import { NO_STORE, pointsContribution, pointsKpis, sumPoints } from './points-rollup.js';

const at = new Date('2026-11-24T10:00:00Z');
const common = {
  id: 'm:1',
  memberId: 'm',
  seq: 1,
  businessKey: 'k',
  at,
  debt: 0,
  moves: [],
  explanation: '',
};
const entry = (fields: Record<string, unknown>) => ({ ...common, ...fields }) as unknown as LedgerEntry;

describe('points rollup', () => {
  it("counts each entry's points on its store: earns on the sale's, redemptions on the till's", () => {
    const sale = {
      id: 's',
      transactionId: 'T',
      storeId: 'MI-001',
      occurredAt: new Date('2026-11-23T18:00:00Z'),
      total: 6_000,
    };
    expect(pointsContribution(entry({ kind: 'earn', pending: 60, active: 0, sale, via: 'card' }))).toEqual({
      storeId: 'MI-001',
      at: sale.occurredAt,
      figures: { issued: 60, issuedAtTill: 60 },
    });
    expect(
      pointsContribution(entry({ kind: 'earn', pending: 40, active: 0, sale, via: 'claim' }))?.figures,
    ).toEqual({
      issued: 40,
      issuedByClaim: 40,
    });
    expect(
      pointsContribution(entry({ kind: 'redeem', pending: 0, active: -100, points: 100 }), 'MI-002'),
    ).toMatchObject({
      storeId: 'MI-002',
      figures: { redeemed: 100 },
    });
    expect(pointsContribution(entry({ kind: 'expire', pending: 0, active: -30 }))).toMatchObject({
      storeId: NO_STORE,
      figures: { expired: 30 },
    });
    expect(pointsContribution(entry({ kind: 'reverse', pending: -20, active: 0 }))?.figures).toEqual({
      reversed: 20,
    });
    expect(
      pointsContribution(entry({ kind: 'adjust', pending: 0, active: -5, points: -5 }))?.figures,
    ).toEqual({
      adjusted: -5,
    });
    expect(pointsContribution(entry({ kind: 'activate', pending: -60, active: 60 }))).toBeNull();
  });

  it('gives the redemption rate and the share issued by QR claims, none over nothing', () => {
    const figures = sumPoints([
      { issued: 100, issuedAtTill: 75, issuedByClaim: 25 },
      { redeemed: 40, expired: 10 },
    ]);
    expect(pointsKpis(figures)).toMatchObject({
      issued: 100,
      redeemed: 40,
      redemptionRate: 0.4,
      claimShare: 0.25,
    });
    expect(pointsKpis(sumPoints([]))).toMatchObject({ redemptionRate: null, claimShare: null });
  });
});
