import type { HistoryEntry, HistoryKind } from '../api/views.js';

/** How a history entry reads at a glance: its amount, colour and whether it is still pending. */
export interface Movement {
  /** Points the entry adds (positive) or takes (negative); 0 when it moves none. */
  amount: number;
  tone: 'gain' | 'loss' | 'neutral' | 'muted';
  /** The points moved are pending ones (an earn in the return window, or its reversal). */
  pending: boolean;
}

/** Kinds that lose points by time or rule, not by the member's action: shown quieter than a loss. */
const quietLosses: ReadonlySet<HistoryKind> = new Set(['expire', 'transfer_out']);

export function movementOf(entry: Pick<HistoryEntry, 'kind' | 'pending' | 'active'>): Movement {
  // Activation moves points from pending to active: the balance does not grow, so no gain colour.
  if (entry.kind === 'activate') return { amount: entry.active, tone: 'neutral', pending: false };
  const amount = entry.pending + entry.active;
  const pending = entry.pending !== 0 && entry.active === 0;
  if (amount > 0) return { amount, tone: 'gain', pending };
  if (amount < 0) return { amount, tone: quietLosses.has(entry.kind) ? 'muted' : 'loss', pending };
  return { amount: 0, tone: 'neutral', pending: false };
}

const knownKinds: ReadonlySet<string> = new Set<HistoryKind>([
  'earn',
  'activate',
  'hold',
  'release',
  'redeem',
  'reverse',
  'expire',
  'adjust',
  'transfer_out',
  'transfer_in',
]);

/** A kind the app has a label for, or `other` for one added to the ledger after this app. */
export function historyKindOf(kind: string): HistoryKind {
  return knownKinds.has(kind) ? (kind as HistoryKind) : 'other';
}
