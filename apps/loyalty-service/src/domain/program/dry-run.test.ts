import { describe, expect, it } from 'vitest';
import { dryRun, type DryRunSale } from './dry-run.js';
import type { ProgramConfig } from './program-config.js';
import { campaign, exampleSale, gold, line, member, programVersion, saleOf } from './program-fixtures.js';

const current = programVersion(undefined, 3);
const draftWith = (change: (config: ProgramConfig) => ProgramConfig) =>
  change(structuredClone(current.config));

const sale = (id: string, occurredAt: string, total: number) =>
  saleOf([line('1', total)], { id, occurredAt });

describe('dry run of a draft program', () => {
  it('when the draft adds a campaign, then the report gives its points, the totals of both sides and the delta', () => {
    const draft = draftWith((c) => ({
      ...c,
      campaigns: [
        ...c.campaigns,
        campaign({
          code: 'CAMICIE',
          condition: { kind: 'category', categories: ['shirts'] },
          reward: { kind: 'multiplier', factor: 3 },
        }),
      ],
    }));
    const sales: DryRunSale[] = [
      { sale: exampleSale(), member: member({ memberId: 'mbr_a' }) },
      { sale: sale('txn_2', '2026-11-23T10:00:00Z', 1000), member: member({ memberId: 'mbr_a' }) },
      { sale: sale('txn_3', '2026-11-24T10:00:00Z', 2000), member: member({ memberId: 'mbr_b' }) },
    ];
    const report = dryRun({ draft, current, sales });
    expect(report).toEqual({
      sales: 3,
      members: 2,
      currentVersion: 3,
      // The example sale earns on 78.38 + 76.53 paid (after its basket discount): 156 + 76, then 10 + 20.
      current: { total: 262, byCampaign: { AUTUNNO: 78 } },
      // 156 + 229 (76.53 × 3 = 229.59) + 30 + 60; CAMICIE adds (229 − 76) + 20 + 40.
      draft: { total: 475, byCampaign: { AUTUNNO: 78, CAMICIE: 213 } },
      delta: { total: 213, byCampaign: { AUTUNNO: 0, CAMICIE: 213 } },
      // 242 and 415 points for mbr_a, 20 and 60 for mbr_b: Bronze (below 500) on both sides.
      tierChanges: { upgrades: 0, downgrades: 0, moves: [] },
    });
  });

  it('when the draft drops a campaign, then its delta is negative', () => {
    const draft = draftWith((c) => ({ ...c, campaigns: [] }));
    const report = dryRun({
      draft,
      current,
      sales: [{ sale: exampleSale(), member: member({ memberId: 'mbr_a' }) }],
    });
    // AUTUNNO doubled the jacket's 78.38 paid: 156 with it, 78 without.
    expect(report.delta).toEqual({ total: -78, byCampaign: { AUTUNNO: -78 } });
  });

  it("when the draft changes a tier's multiplier, then the draft side uses it for members of that tier", () => {
    const draft = draftWith((c) => ({
      ...c,
      tiers: {
        ...c.tiers,
        levels: c.tiers.levels.map((t) => (t.code === 'GOLD' ? { ...t, multiplier: 2 } : t)),
      },
    }));
    const report = dryRun({
      draft,
      current,
      sales: [{ sale: sale('txn_1', '2026-10-01T10:00:00Z', 10_000), member: member({ tier: gold }) }],
    });
    expect([report.current.total, report.draft.total]).toEqual([150, 200]);
  });

  it('when the tenant has no program yet, then the current side is zero and the delta is the draft', () => {
    const report = dryRun({
      draft: current.config,
      current: null,
      sales: [{ sale: exampleSale(), member: member() }],
    });
    expect(report.currentVersion).toBeNull();
    expect(report.current).toEqual({ total: 0, byCampaign: {} });
    // 156 + 76, as the example sale earns under the demo program.
    expect(report.delta).toEqual({ total: 232, byCampaign: { AUTUNNO: 78 } });
  });

  it("when the draft gives more under a daily cap, then a member's later sales that day have the room the draft left", () => {
    const cap = (c: ProgramConfig): ProgramConfig => ({
      ...c,
      earning: { ...c.earning, caps: { perDay: 250, perMonth: null } },
    });
    const capped = programVersion(cap, 3);
    const draft = draftWith((c) => ({ ...cap(c), earning: { ...cap(c).earning, pointsPerUnit: 2 } }));
    // The ledger says the member had earned 100 before the second sale (the first, under the current version).
    const sales: DryRunSale[] = [
      {
        sale: sale('txn_2', '2026-10-01T15:00:00Z', 10_000),
        member: member({ memberId: 'mbr_a', earnedToday: 100, earnedThisMonth: 100 }),
      },
      { sale: sale('txn_1', '2026-10-01T09:00:00Z', 10_000), member: member({ memberId: 'mbr_a' }) },
    ];
    const report = dryRun({ draft, current: capped, sales });
    // Current: 100 + 100. Draft: 200 on the first sale, then 250 − (100 + 100 more than current) = 50.
    expect([report.current.total, report.draft.total]).toEqual([200, 250]);
  });

  it('when the drift comes from another day, then it does not narrow the daily cap but narrows the monthly one', () => {
    const cap = (c: ProgramConfig): ProgramConfig => ({
      ...c,
      earning: { ...c.earning, caps: { perDay: 1000, perMonth: 300 } },
    });
    const capped = programVersion(cap, 3);
    const draft = draftWith((c) => ({ ...cap(c), earning: { ...cap(c).earning, pointsPerUnit: 2 } }));
    const sales: DryRunSale[] = [
      { sale: sale('txn_1', '2026-10-01T09:00:00Z', 10_000), member: member({ memberId: 'mbr_a' }) },
      {
        sale: sale('txn_2', '2026-10-02T09:00:00Z', 10_000),
        member: member({ memberId: 'mbr_a', earnedThisMonth: 100 }),
      },
    ];
    // Draft: 200, then the month has 300 − (100 + 100) = 100 left.
    expect(dryRun({ draft, current: capped, sales }).draft.total).toBe(300);
  });

  it('when the draft lowers the thresholds, then the members the replayed sales lift into a higher tier are named', () => {
    const draft = draftWith((c) => ({
      ...c,
      tiers: {
        ...c.tiers,
        levels: c.tiers.levels.map((t) => ({ ...t, threshold: { SILVER: 300, GOLD: 550 }[t.code] ?? 0 })),
      },
    }));
    const sales: DryRunSale[] = [
      { sale: sale('txn_1', '2026-10-01T10:00:00Z', 40_000), member: member({ memberId: 'mbr_a' }) },
      { sale: sale('txn_2', '2026-10-02T10:00:00Z', 60_000), member: member({ memberId: 'mbr_b' }) },
      { sale: sale('txn_3', '2026-10-03T10:00:00Z', 10_000), member: member({ memberId: 'mbr_c' }) },
    ];
    // 400, 600 and 100 points: Bronze, Silver, Bronze now; Silver, Gold, Bronze under the draft.
    expect(dryRun({ draft, current, sales }).tierChanges).toEqual({
      upgrades: 2,
      downgrades: 0,
      moves: [
        { memberId: 'mbr_a', from: 'BRONZE', to: 'SILVER', currentQualifying: 400, draftQualifying: 400 },
        { memberId: 'mbr_b', from: 'SILVER', to: 'GOLD', currentQualifying: 600, draftQualifying: 600 },
      ],
    });
  });

  it('when the draft moves tiers to spend with a higher bar, then members who no longer reach theirs are downgrades', () => {
    const draft = draftWith((c) => ({
      ...c,
      tiers: {
        ...c.tiers,
        basis: 'spend',
        levels: c.tiers.levels.map((t) => ({
          ...t,
          threshold: { SILVER: 100_000, GOLD: 500_000 }[t.code] ?? 0,
        })),
      },
    }));
    const sales: DryRunSale[] = [
      { sale: sale('txn_1', '2026-10-01T10:00:00Z', 60_000), member: member({ memberId: 'mbr_b' }) },
      { sale: sale('txn_2', '2026-10-02T10:00:00Z', 1_000), member: member({ memberId: 'mbr_c' }) },
    ];
    // mbr_b: 600 points (Silver) now; 600.00 € spent is below the draft's 1,000.00 € for Silver.
    expect(dryRun({ draft, current, sales }).tierChanges).toEqual({
      upgrades: 0,
      downgrades: 1,
      moves: [
        { memberId: 'mbr_b', from: 'SILVER', to: 'BRONZE', currentQualifying: 600, draftQualifying: 60_000 },
      ],
    });
  });

  it('when contexts carry no member id, then each sale counts as its own member', () => {
    const sales = [
      { sale: exampleSale(), member: member() },
      { sale: exampleSale(), member: member() },
    ];
    expect(dryRun({ draft: current.config, current, sales }).members).toBe(2);
  });
});
