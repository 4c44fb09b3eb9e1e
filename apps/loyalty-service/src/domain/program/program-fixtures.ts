import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { demoProgramConfig } from '@scontrino/contracts';
import type { MemberEarningContext, SaleForEarning } from './earning-contract.js';
import type { Campaign, ProgramConfig, ProgramVersion } from './program-config.js';

type Line = SaleForEarning['lines'][number];

/** A version of the demo program with parts replaced, for the rules' tests. */
export function programVersion(
  change: (config: ProgramConfig) => ProgramConfig = (config) => config,
  version = 1,
): ProgramVersion {
  return {
    tenantId: 'tenant-1',
    version,
    config: change(structuredClone(demoProgramConfig)),
    activatedAt: new Date('2026-01-01T00:00:00Z'),
    activatedBy: 'crm@test',
    note: null,
  };
}

export const withEarning =
  (earning: Partial<ProgramConfig['earning']>) =>
  (config: ProgramConfig): ProgramConfig => ({ ...config, earning: { ...config.earning, ...earning } });

export const withCampaigns =
  (...campaigns: Campaign[]) =>
  (config: ProgramConfig): ProgramConfig => ({ ...config, campaigns });

export function campaign(overrides: Partial<Campaign> & Pick<Campaign, 'code'>): Campaign {
  return {
    name: overrides.code,
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2027-01-01T00:00:00Z',
    storeIds: [],
    condition: { kind: 'all' },
    reward: { kind: 'multiplier', factor: 2 },
    ...overrides,
  };
}

export function line(lineId: string, total: number, overrides: Partial<Line> = {}): Line {
  return {
    lineId,
    sku: `SKU-${lineId}`,
    category: 'shirts',
    quantity: 1,
    unitPrice: total,
    total,
    originalLineId: null,
    ...overrides,
  };
}

/** A sale whose totals follow from its lines (no basket discount). */
export function saleOf(lines: Line[], overrides: Partial<SaleForEarning> = {}): SaleForEarning {
  const subtotal = lines.reduce((sum, l) => sum + l.total, 0);
  return {
    id: 'txn_1',
    storeId: 'MI-001',
    occurredAt: '2026-11-22T10:15:30+01:00',
    currency: 'EUR',
    totals: { subtotal, discountTotal: 0, taxTotal: 0, total: subtotal },
    lines,
    ...overrides,
  };
}

/** A sale of `lines` with `discountTotal` off the basket (on top of the lines' own discounts). */
export function discountedSale(lines: Line[], discountTotal: number): SaleForEarning {
  const sale = saleOf(lines);
  return { ...sale, totals: { ...sale.totals, discountTotal, total: sale.totals.subtotal - discountTotal } };
}

/** The contract's example sale (pos-transaction.md) as the loyalty service receives it. */
export function exampleSale(): SaleForEarning {
  return saleOf(
    [
      line('1', 8091, { sku: 'JKT-0420-BLU-M', category: 'outerwear', unitPrice: 8990 }),
      line('2', 7900, { sku: 'CAM-0077-BIA-40', category: 'shirts', quantity: 2, unitPrice: 3950 }),
    ],
    { totals: { subtotal: 15991, discountTotal: 500, taxTotal: 2793, total: 15491 } },
  );
}

export function member(overrides: Partial<MemberEarningContext> = {}): MemberEarningContext {
  return {
    tier: { code: 'BRONZE', multiplier: 1 },
    earnedToday: 0,
    earnedThisMonth: 0,
    firstPurchase: false,
    ...overrides,
  };
}

export const gold: MemberEarningContext['tier'] = { code: 'GOLD', multiplier: 1.5 };

/** A `transaction.recorded` payload: the contract's example sale as the event carries it. */
export function recordedSale(
  overrides: Partial<TransactionRecordedPayload> = {},
): TransactionRecordedPayload {
  const sale = exampleSale();
  return {
    ...sale,
    occurredAt: '2026-11-22T09:15:30.000Z',
    receiptId: 'rcpt_1',
    transactionId: 'MI-001-T03-000123',
    tenantId: 'tenant-1',
    type: 'sale',
    identifiers: [],
    original: null,
    pointsRedeemed: 0,
    ...overrides,
  };
}
