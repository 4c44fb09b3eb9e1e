import { describe, expect, it } from 'vitest';
import { dryRun } from './dry-run.js';
import { evaluateEarn } from './earning.js';
import type { Campaign, ProgramConfig } from './program-config.js';
import { exampleSale, line, member, programVersion, saleOf } from './program-fixtures.js';

/**
 * The worked examples of docs/loyalty.md, number for number: when one changes, change the other.
 */
describe('docs/loyalty.md worked examples', () => {
  const basketNote = (amount: string) =>
    `basket discount of ${amount} EUR shared over the lines by value: points count what was paid`;

  it('example 1: the contract sale, a Bronze member, the demo program', () => {
    const result = evaluateEarn(programVersion(), exampleSale(), member());
    expect(result.lines.map((l) => l.explanation)).toEqual([
      'line 1: 156 pts = 78.38 EUR × 1 × campaign AUTUNNO ×2',
      'line 2: 76 pts = 76.53 EUR × 1',
    ]);
    expect(result.total).toBe(232);
    expect(result.byCampaign).toEqual({ AUTUNNO: 78 });
    expect(result.notes).toEqual([basketNote('5.00')]);
  });

  const welcome: Campaign = {
    code: 'WELCOME',
    name: 'Welcome: 100 points on the first purchase',
    startsAt: '2026-01-01T00:00:00+01:00',
    endsAt: '2027-01-01T00:00:00+01:00',
    storeIds: [],
    condition: { kind: 'firstPurchase' },
    reward: { kind: 'bonus', points: 100 },
  };

  it("example 2: the same sale, a Gold member's first purchase with a welcome bonus", () => {
    const program = programVersion((c) => ({ ...c, campaigns: [...c.campaigns, welcome] }));
    const result = evaluateEarn(
      program,
      exampleSale(),
      member({ tier: { code: 'GOLD', multiplier: 1.5 }, firstPurchase: true }),
    );
    expect(result.lines.map((l) => l.explanation)).toEqual([
      'line 1: 286 pts = 78.38 EUR × 1 × campaign AUTUNNO ×2 × tier GOLD ×1.5 = 235 + bonus WELCOME 51',
      'line 2: 163 pts = 76.53 EUR × 1 × tier GOLD ×1.5 = 114 + bonus WELCOME 49',
    ]);
    expect(result.total).toBe(449);
    expect(result.byCampaign).toEqual({ AUTUNNO: 118, WELCOME: 100 });
    expect(result.notes).toEqual([
      basketNote('5.00'),
      'bonus WELCOME: 100 pts shared over lines 1, 2 by value',
    ]);
  });

  it('example 3: a shirt and a gift card with a basket discount, a Bronze member', () => {
    const sale = saleOf(
      [
        line('1', 6_000, { sku: 'CAM-0090-AZZ-41', category: 'shirts' }),
        line('2', 4_000, { sku: 'GIFT-40', category: 'gift-cards' }),
      ],
      { totals: { subtotal: 10_000, discountTotal: 1_000, taxTotal: 0, total: 9_000 } },
    );
    const result = evaluateEarn(programVersion(), sale, member());
    expect(result.lines.map((l) => l.explanation)).toEqual([
      'line 1: 54 pts = 54.00 EUR × 1',
      'line 2: 0 pts, category gift-cards is excluded',
    ]);
    expect(result.total).toBe(54);
    expect(result.notes).toEqual([basketNote('10.00')]);
  });

  const capped = (config: ProgramConfig): ProgramConfig => ({
    ...config,
    earning: { ...config.earning, caps: { perDay: 250, perMonth: null } },
  });

  it('example 4: a jacket and a gift card, a Silver member, a daily cap of 250 with 40 already earned', () => {
    const sale = saleOf([
      line('1', 12_000, { sku: 'JKT-0500-NER-L', category: 'outerwear' }),
      line('2', 5_000, { sku: 'GIFT-50', category: 'gift-cards' }),
    ]);
    const result = evaluateEarn(
      programVersion(capped),
      sale,
      member({ tier: { code: 'SILVER', multiplier: 1.25 }, earnedToday: 40, earnedThisMonth: 40 }),
    );
    expect(result.lines.map((l) => l.explanation)).toEqual([
      'line 1: 210 pts = 120.00 EUR × 1 × campaign AUTUNNO ×2 × tier SILVER ×1.25 = 300, capped to 210 by the daily cap',
      'line 2: 0 pts, category gift-cards is excluded',
    ]);
    expect(result.total).toBe(210);
    expect(result.byCampaign).toEqual({ AUTUNNO: 105 });
    expect(result.notes).toEqual(['daily cap of 250 pts: 210 of 300 pts given (40 already earned today)']);
  });

  it('example 5: a dry run of a draft that adds triple points on shirts', () => {
    const current = programVersion(undefined, 7);
    const draft: ProgramConfig = {
      ...current.config,
      campaigns: [
        ...current.config.campaigns,
        {
          code: 'CAMICIE',
          name: 'Triple points on shirts',
          startsAt: '2026-11-01T00:00:00+01:00',
          endsAt: '2026-12-01T00:00:00+01:00',
          storeIds: ['MI-001'],
          condition: { kind: 'category', categories: ['shirts'] },
          reward: { kind: 'multiplier', factor: 3 },
        },
      ],
    };
    const report = dryRun({
      draft,
      current,
      sales: [
        { sale: exampleSale(), member: member({ memberId: 'mbr_anna' }) },
        {
          sale: saleOf([line('1', 4_500, { category: 'shirts' })], { id: 'txn_2', storeId: 'RM-002' }),
          member: member({ memberId: 'mbr_bruno', tier: { code: 'GOLD', multiplier: 1.5 } }),
        },
        {
          sale: saleOf([line('1', 2_990, { category: 'shirts' })], {
            id: 'txn_3',
            occurredAt: '2026-11-25T18:00:00+01:00',
          }),
          member: member({ memberId: 'mbr_anna' }),
        },
      ],
    });
    expect(report).toEqual({
      sales: 3,
      members: 2,
      currentVersion: 7,
      current: { total: 328, byCampaign: { AUTUNNO: 78 } },
      draft: { total: 541, byCampaign: { AUTUNNO: 78, CAMICIE: 213 } },
      delta: { total: 213, byCampaign: { AUTUNNO: 0, CAMICIE: 213 } },
      tierChanges: { upgrades: 0, downgrades: 0, moves: [] },
    });
  });
});
