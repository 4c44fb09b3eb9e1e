import type { LedgerEntry } from '../ledger/entry.js';

/**
 * The loyalty service's daily points figures per tenant and store (the back office's dashboard
 * reads these, never the ledger): counters a ledger entry adds to once. Pure: the store applies a
 * contribution with `$inc`, guarded by the entry's id (points-rollups.ts).
 */
export const pointsCounters = [
  /** Points earned by sales (their earn entries), wherever the sale reached the member. */
  'issued',
  /** Of those, earned by the card shown at the till. */
  'issuedAtTill',
  /** Of those, earned by a receipt claimed from its QR code. */
  'issuedByClaim',
  /** Points spent at a till (captured holds). */
  'redeemed',
  /** Points that expired unused. */
  'expired',
  /** Points taken back by returns. */
  'reversed',
  /** Points added (or, negative, taken) by staff corrections. */
  'adjusted',
] as const;

export type PointsCounter = (typeof pointsCounters)[number];
export type PointsFigures = Record<PointsCounter, number>;

export const emptyPointsFigures = (): PointsFigures =>
  Object.fromEntries(pointsCounters.map((name) => [name, 0])) as PointsFigures;

/** The store an entry counts in: the sale's for earns, the till's for redemptions; `''` for none. */
export const NO_STORE = '';

/** What an entry adds, and to which store and instant; null when it adds nothing. */
export function pointsContribution(
  entry: LedgerEntry,
  redemptionStore: string | null = null,
): { storeId: string; at: Date; figures: Partial<PointsFigures> } | null {
  switch (entry.kind) {
    case 'earn': {
      const points = entry.pending + entry.active;
      return {
        storeId: entry.sale.storeId,
        at: new Date(entry.sale.occurredAt),
        figures: {
          issued: points,
          ...(entry.via === 'claim' ? { issuedByClaim: points } : { issuedAtTill: points }),
        },
      };
    }
    case 'redeem':
      return { storeId: redemptionStore ?? NO_STORE, at: entry.at, figures: { redeemed: entry.points } };
    case 'expire':
      return { storeId: NO_STORE, at: entry.at, figures: { expired: -(entry.pending + entry.active) } };
    case 'reverse':
      return { storeId: NO_STORE, at: entry.at, figures: { reversed: -(entry.pending + entry.active) } };
    case 'adjust':
      return { storeId: NO_STORE, at: entry.at, figures: { adjusted: entry.points } };
    case 'activate':
    case 'hold':
    case 'release':
    case 'transfer_out':
    case 'transfer_in':
      // Points moving between states or members: none issued, spent or lost.
      return null;
  }
}

/** The dashboard's points figures; a ratio is null when its denominator is zero. */
export interface PointsKpis extends PointsFigures {
  /** Points redeemed over points issued in the same days. */
  redemptionRate: number | null;
  /** Points issued by QR claims over points issued. */
  claimShare: number | null;
}

export function pointsKpis(figures: PointsFigures): PointsKpis {
  return {
    ...figures,
    redemptionRate: figures.issued === 0 ? null : figures.redeemed / figures.issued,
    claimShare: figures.issued === 0 ? null : figures.issuedByClaim / figures.issued,
  };
}

export function sumPoints(days: readonly Partial<PointsFigures>[]): PointsFigures {
  const total = emptyPointsFigures();
  for (const day of days) for (const name of pointsCounters) total[name] += day[name] ?? 0;
  return total;
}
