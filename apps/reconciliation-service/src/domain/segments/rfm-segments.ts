import type { RfmScores } from '../profile/rfm.js';

/**
 * The named RFM segments, from the recency and frequency scores (1–5, 5 best; the usual R×F
 * grid of retail CRM). Monetary is kept in each member's scores but does not move a customer
 * between named segments: a champion is someone who bought recently and often.
 */
export const rfmSegmentNames = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegmentName = (typeof rfmSegmentNames)[number];

/**
 * The grid, recency down (R1…R5), frequency across (F1…F5):
 *
 * | R \ F | 1              | 2                   | 3                   | 4         | 5         |
 * |-------|----------------|---------------------|---------------------|-----------|-----------|
 * | 5     | new            | potential loyalists | potential loyalists | champions | champions |
 * | 4     | promising      | potential loyalists | potential loyalists | loyal     | loyal     |
 * | 3     | about to sleep | about to sleep      | need attention      | loyal     | loyal     |
 * | 2     | hibernating    | hibernating         | at risk             | at risk   | can't lose|
 * | 1     | lost           | hibernating         | at risk             | at risk   | can't lose|
 */
export function rfmSegmentOf(scores: Pick<RfmScores, 'recency' | 'frequency'>): RfmSegmentName {
  const { recency: r, frequency: f } = scores;
  if (r >= 4) {
    if (f >= 4) return r === 5 ? 'champions' : 'loyal';
    if (f >= 2) return 'potential_loyalists';
    return r === 5 ? 'new' : 'promising';
  }
  if (r === 3) {
    if (f >= 4) return 'loyal';
    return f === 3 ? 'need_attention' : 'about_to_sleep';
  }
  if (f === 5) return 'cant_lose';
  if (f >= 3) return 'at_risk';
  return r === 1 && f === 1 ? 'lost' : 'hibernating';
}

/** A customer's place on a snapshot date. */
export interface SegmentMember {
  profileId: string;
  segment: RfmSegmentName;
  recency: number;
  frequency: number;
  monetary: number;
}

/** Customers per segment, every segment named (0 when empty). */
export type SegmentCounts = Record<RfmSegmentName, number>;

export function segmentCounts(members: readonly Pick<SegmentMember, 'segment'>[]): SegmentCounts {
  const counts = Object.fromEntries(rfmSegmentNames.map((name) => [name, 0])) as SegmentCounts;
  for (const member of members) counts[member.segment] += 1;
  return counts;
}

/** `none`: not a customer on that date (no purchase yet, or merged into another profile, or erased). */
export type MovementPlace = RfmSegmentName | 'none';

/** One cell of the movement matrix: how many customers were in `from` on the first date and in `to` on the second. */
export interface MovementCell {
  from: MovementPlace;
  to: MovementPlace;
  customers: number;
}

/**
 * From segment → to segment between two snapshots, one cell per pair that has customers (a
 * customer who stayed counts in the diagonal). Profiles are matched by id: one merged away since
 * the first date moves to `none`, its survivor keeps its own id.
 */
export function segmentMovement(
  before: ReadonlyMap<string, RfmSegmentName>,
  after: ReadonlyMap<string, RfmSegmentName>,
): MovementCell[] {
  const cells = new Map<string, MovementCell>();
  const count = (from: MovementPlace, to: MovementPlace) => {
    const key = `${from}>${to}`;
    const cell = cells.get(key) ?? { from, to, customers: 0 };
    cell.customers += 1;
    cells.set(key, cell);
  };
  for (const [profileId, from] of before) count(from, after.get(profileId) ?? 'none');
  for (const [profileId, to] of after) if (!before.has(profileId)) count('none', to);
  const order = (place: MovementPlace) =>
    place === 'none' ? rfmSegmentNames.length : rfmSegmentNames.indexOf(place);
  return [...cells.values()].sort((x, y) => order(x.from) - order(y.from) || order(x.to) - order(y.to));
}

/** The channels a segment is exported for. */
export const marketingChannels = ['email', 'sms', 'app'] as const;
export type MarketingChannel = (typeof marketingChannels)[number];

/**
 * One customer's consent on a channel from what each of their identifiers' owners decided: a
 * refusal anywhere wins (someone said no), else a grant counts, else nobody was asked (null).
 */
export function customerConsent(decisions: readonly (boolean | null)[]): boolean | null {
  if (decisions.includes(false)) return false;
  return decisions.includes(true) ? true : null;
}
