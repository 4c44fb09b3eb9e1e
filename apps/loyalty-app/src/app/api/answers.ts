import { historyKindOf } from '../format/movement.js';
import type { LoyaltyClients } from './loyalty-client.js';
import type { HistoryEntry, MemberCard, Page, ReceiptSummary, Summary } from './views.js';

type Me = LoyaltyClients['typed']['me'];
export type SummaryAnswer = Awaited<ReturnType<Me['summary']['query']>>;
export type HistoryAnswer = Awaited<ReturnType<Me['history']['query']>>;
export type ReceiptsAnswer = Awaited<ReturnType<Me['receipts']['query']>>;

/** Tiers on spend count minor units of the tenant's currency; the summary does not name it yet. */
const DEFAULT_CURRENCY = 'EUR';

export function summaryFrom(answer: SummaryAnswer): Summary {
  const { balance, tier, progress, expiring } = answer;
  return {
    balance: {
      available: balance.available,
      pending: balance.pending,
      held: balance.held,
      debt: balance.debt,
    },
    expiring: { points: expiring.points, firstAt: expiring.firstAt },
    tier: tier && {
      name: tier.name,
      multiplier: tier.multiplier,
      since: tier.since,
      basis: progress?.basis ?? 'points',
      qualifying: progress?.qualifying ?? 0,
      next: progress?.next
        ? { name: progress.next.name, threshold: progress.next.threshold, missing: progress.next.missing }
        : null,
      downgradeAt: progress?.downgradeAt ?? null,
    },
    currency: DEFAULT_CURRENCY,
  };
}

export function historyFrom(answer: HistoryAnswer): Page<HistoryEntry> {
  return {
    items: answer.entries.map((entry) => ({
      id: entry.id,
      kind: historyKindOf(entry.kind),
      at: entry.at,
      pending: entry.pending,
      active: entry.active,
      because: entry.because,
      lines: entry.lines.map((line) => ({ lineId: line.lineId, points: line.points, because: line.because })),
    })),
    nextCursor: answer.nextCursor,
  };
}

export function receiptsFrom(answer: ReceiptsAnswer): Page<ReceiptSummary> {
  return {
    items: answer.receipts.map((receipt) => ({
      id: receipt.receiptId,
      kind: receipt.type,
      store: receipt.storeName || receipt.storeId,
      at: receipt.occurredAt,
      total: receipt.total,
      currency: receipt.currency,
      receiptUrl: receipt.receiptUrl,
    })),
    nextCursor: answer.nextCursor,
  };
}

/** The answer of `me.card` (the member's own card numbers, for the QR), keeping only well-formed numbers. */
export function cardsFrom(answer: unknown): MemberCard[] {
  const cards = (answer as { cards?: unknown } | null)?.cards;
  if (!Array.isArray(cards)) return [];
  return cards.flatMap((card: unknown) => {
    const number = (card as { number?: unknown } | null)?.number;
    return typeof number === 'string' && /^\d[\d ]{3,39}$/.test(number) ? [{ number }] : [];
  });
}
