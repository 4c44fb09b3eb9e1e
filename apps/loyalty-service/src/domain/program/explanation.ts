import { formatAmount } from './money.js';

/** An amount in minor units of its currency, as an explanation carries it. */
export interface Amount {
  minor: number;
  currency: string;
}

/** One factor of a line's chain: `SKU <sku>`, `category <name>`, `campaign <CODE>`, `tier <CODE>`. */
export interface Factor {
  kind: 'sku' | 'category' | 'campaign' | 'tier';
  code: string;
  factor: number;
}

/** Why a line, or a whole sale, earns nothing. */
export type NoPointsReason =
  | { kind: 'excluded_sku'; sku: string }
  | { kind: 'excluded_category'; category: string }
  | { kind: 'return' }
  | { kind: 'other_currency'; saleCurrency: string; programCurrency: string }
  | { kind: 'below_minimum'; basket: Amount; minimum: Amount };

/**
 * How a line came to its points, as data: each reader words it in its own language (the app in
 * the member's, {@link describeLine} in English for staff, the dry run and the ledger's record).
 * Plain JSON, so it is stored and sent as it is.
 */
export type LineExplanation =
  | {
      kind: 'earned';
      lineId: string;
      /** Final points, bonuses and caps included. */
      points: number;
      /** What was paid for the line (after its share of the basket discount). */
      paid: Amount;
      /** Points per unit of currency. */
      rate: number;
      /** After the rate: product multiplier, campaign, tier; only those that apply. */
      factors: Factor[];
      /** The chain's points, before bonuses and caps. */
      chainPoints: number;
      /** The line's share of sale-level bonus campaigns (those of 0 points included). */
      bonuses: { code: string; points: number }[];
      /** The cap that cut the line, and its points before the cut. */
      cap: { period: 'daily' | 'monthly'; uncapped: number } | null;
    }
  | { kind: 'no_points'; lineId: string; reason: NoPointsReason }
  /** A returned line of a return: the points it took back from the line it returns. */
  | { kind: 'returned'; lineId: string; points: number; quantity: number; originalLineId: string };

const factorLabel = (factor: Factor) =>
  factor.kind === 'sku' ? `SKU ${factor.code}` : `${factor.kind} ${factor.code}`;

/** Why nothing was earned, in English: `category gift-cards is excluded`. */
export function describeNoPoints(reason: NoPointsReason): string {
  switch (reason.kind) {
    case 'excluded_sku':
      return `SKU ${reason.sku} is excluded`;
    case 'excluded_category':
      return `category ${reason.category} is excluded`;
    case 'return':
      return "a return earns nothing (the ledger reverses the sale's points)";
    case 'other_currency':
      return `the sale is in ${reason.saleCurrency} and the program counts ${reason.programCurrency}`;
    case 'below_minimum':
      return `the basket (${formatAmount(reason.basket.minor, reason.basket.currency)}) is below the minimum of ${formatAmount(reason.minimum.minor, reason.minimum.currency)}`;
  }
}

/**
 * A line's explanation in English, in the order its points were computed:
 * `line 2: 158 pts = 79.00 EUR × 1 × campaign AUTUNNO ×2`, then, when they apply, its share of
 * sale-level bonuses (`= 158 + bonus WELCOME 20`) and a cut by a cap
 * (`= 178, capped to 120 by the daily cap`). Intermediate sums appear only when something follows
 * them, so the common line reads as one product. A line that earns nothing says why:
 * `line 3: 0 pts, category gift-cards is excluded`.
 */
export function describeLine(line: LineExplanation): string {
  switch (line.kind) {
    case 'no_points':
      return `line ${line.lineId}: 0 pts, ${describeNoPoints(line.reason)}`;
    case 'returned':
      return `line ${line.lineId}: ${line.points} pts taken back for ${line.quantity} returned of line ${line.originalLineId}`;
    case 'earned': {
      const chain = [
        `${formatAmount(line.paid.minor, line.paid.currency)} × ${line.rate}`,
        ...line.factors.map((factor) => `${factorLabel(factor)} ×${factor.factor}`),
      ].join(' × ');
      let text = `line ${line.lineId}: ${line.points} pts = ${chain}`;
      const bonuses = line.bonuses.filter((bonus) => bonus.points > 0);
      if (bonuses.length > 0)
        text += ` = ${line.chainPoints}${bonuses.map((bonus) => ` + bonus ${bonus.code} ${bonus.points}`).join('')}`;
      if (line.cap) {
        if (bonuses.length > 0) text += ` = ${line.cap.uncapped}`;
        else text += ` = ${line.chainPoints}`;
        text += `, capped to ${line.points} by the ${line.cap.period} cap`;
      }
      return text;
    }
  }
}
