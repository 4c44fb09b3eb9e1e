/**
 * How the loyalty service explains a history entry and a sale line: as data (a kind and its
 * figures), which the app words in the member's language (`format/explanation.ts`). Instants are
 * ISO strings, amounts minor units of their currency. `text` is an entry written before the
 * service kept explanations as data: its English sentence, shown as it is.
 */

export interface Amount {
  minor: number;
  currency: string;
}

export type EntryExplanation =
  | { kind: 'earned'; points: number; transactionId: string; storeId: string; pendingUntil: string }
  | { kind: 'earned_nothing'; transactionId: string; storeId: string }
  | { kind: 'activated'; points: number; earnedAt: string; repaid: number }
  | { kind: 'held'; points: number }
  | { kind: 'redeemed'; points: number; posTransactionId: string }
  | { kind: 'released'; points: number }
  | {
      kind: 'reversed';
      points: number;
      transactionId: string;
      originalTransactionId: string;
      recovered: number;
      writtenOff: number;
    }
  | { kind: 'expired'; points: number; earnedAt: string }
  | { kind: 'adjusted'; points: number; actor: string; reason: string }
  | { kind: 'moved_out'; points: number; toMemberId: string; operation: 'merge' | 'unmerge'; rule: string }
  | { kind: 'moved_in'; points: number; fromMemberId: string; operation: 'merge' | 'unmerge'; rule: string }
  | { kind: 'text'; text: string };

export type NoPointsReason =
  | { kind: 'excluded_sku'; sku: string }
  | { kind: 'excluded_category'; category: string }
  | { kind: 'return' }
  | { kind: 'other_currency'; saleCurrency: string; programCurrency: string }
  | { kind: 'below_minimum'; basket: Amount; minimum: Amount };

export type LineExplanation =
  | {
      kind: 'earned';
      lineId: string;
      points: number;
      paid: Amount;
      rate: number;
      factors: { kind: 'sku' | 'category' | 'campaign' | 'tier'; code: string; factor: number }[];
      chainPoints: number;
      bonuses: { code: string; points: number }[];
      cap: { period: 'daily' | 'monthly'; uncapped: number } | null;
    }
  | { kind: 'no_points'; lineId: string; reason: NoPointsReason }
  | { kind: 'returned'; lineId: string; points: number; quantity: number; originalLineId: string }
  | { kind: 'text'; text: string };
