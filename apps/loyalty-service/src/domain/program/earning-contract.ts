import type { TransactionRecordedPayload } from '@scontrino/contracts';
import type { LineExplanation } from './explanation.js';
import type { ProgramVersion } from './program-config.js';

/**
 * The parts of a sale the earning rules read. `type` is optional: a return handed over by mistake
 * earns nothing (the ledger reverses the points of the lines it returns instead).
 */
export type SaleForEarning = Pick<
  TransactionRecordedPayload,
  'id' | 'storeId' | 'occurredAt' | 'currency' | 'totals' | 'lines'
> &
  Partial<Pick<TransactionRecordedPayload, 'type'>>;

/** What the rules need to know about the member at the time of the sale. */
export interface MemberEarningContext {
  /**
   * Whose context this is. The rules do not read it; the dry run counts distinct members by it and
   * carries each member's caps from one sale to the next (without it every sale counts as its own
   * member).
   */
  memberId?: string;
  /** The multiplier of the member's tier at the time of the sale (1 without a tier benefit). */
  tier: { code: string; multiplier: number };
  /** Points already earned (net of reversals) on the sale's UTC day and month: for the caps. */
  earnedToday: number;
  earnedThisMonth: number;
  /** True when the member has never earned on a sale before this one. */
  firstPurchase: boolean;
}

export interface EarnedLine {
  lineId: string;
  sku: string;
  /** Units bought (the return reversal divides by it). */
  quantity: number;
  /** Final points of the line, its share of sale-level bonuses and of any cap included. */
  points: number;
  /** How the line came to its points, as data (the app words it in the member's language). */
  because: LineExplanation;
  /** `because` in English: `line 2: 158 pts = 79.00 EUR × 1 × campaign AUTUNNO ×2`, or why it earned nothing. */
  explanation: string;
}

export interface EarnEvaluation {
  programVersion: number;
  /** Sum of `lines[].points`. */
  total: number;
  lines: EarnedLine[];
  /** Points per campaign code (multiplier extra and bonuses), for reports and the dry run. */
  byCampaign: Record<string, number>;
  /** Sale-level sentences: minimum basket not reached, bonus shared out, cap applied. */
  notes: string[];
}

/**
 * The earning rules: pure, deterministic, the same answer for the same inputs. Implemented in
 * `earning.ts`.
 */
export type EvaluateEarn = (
  program: ProgramVersion,
  sale: SaleForEarning,
  member: MemberEarningContext,
) => EarnEvaluation;
