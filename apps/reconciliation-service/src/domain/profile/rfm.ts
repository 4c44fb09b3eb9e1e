/** What RFM scoring needs of one customer. */
export interface RfmInput {
  daysSinceLastPurchase: number;
  purchases: number;
  spend: number;
}

export interface RfmCutoffs {
  /** Four ascending thresholds per measure (20th…80th percentile); null with no customers. */
  recency: number[];
  frequency: number[];
  monetary: number[];
  customers: number;
}

export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
  /** E.g. "545". */
  segment: string;
}

function quintileCutoffs(values: number[]): number[] {
  const sorted = [...values].sort((x, y) => x - y);
  return [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

/** The quintile thresholds over a retailer's customers who bought at least once. */
export function rfmCutoffs(customers: readonly RfmInput[]): RfmCutoffs {
  const buyers = customers.filter((c) => c.purchases > 0);
  return {
    recency: quintileCutoffs(buyers.map((c) => c.daysSinceLastPurchase)),
    frequency: quintileCutoffs(buyers.map((c) => c.purchases)),
    monetary: quintileCutoffs(buyers.map((c) => c.spend)),
    customers: buyers.length,
  };
}

/** 1 + the number of thresholds the value is above: 1 (lowest fifth) to 5 (highest fifth). */
function quintile(value: number, cutoffs: readonly number[]): number {
  return 1 + cutoffs.filter((cutoff) => value > cutoff).length;
}

/** Scores 1–5, 5 best: recent, frequent, big spenders (recency counts fewer days as better). */
export function rfmScores(customer: RfmInput, cutoffs: RfmCutoffs): RfmScores | null {
  if (customer.purchases === 0 || cutoffs.customers === 0) return null;
  const recency = 6 - quintile(customer.daysSinceLastPurchase, cutoffs.recency);
  const frequency = quintile(customer.purchases, cutoffs.frequency);
  const monetary = quintile(customer.spend, cutoffs.monetary);
  return { recency, frequency, monetary, segment: `${recency}${frequency}${monetary}` };
}
