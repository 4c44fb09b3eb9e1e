import { randomUUID } from 'node:crypto';
import type { PosSale } from '@scontrino/contracts';
import {
  brands,
  buildSale,
  createRandom,
  customerOf,
  type Member,
  type SimulatedStore,
  stores as catalogueStores,
  type TerminalKeys,
  tillKey,
} from '@scontrino/pos-simulator';

export const BRAND = brands.modaRossi;

/** The brand's stores in the simulator's catalogue, each with `tills` tills (T01…), keys to issue. */
export function benchStores(tills: number): SimulatedStore[] {
  const terminals = Array.from({ length: tills }, (_, index) => `T${String(index + 1).padStart(2, '0')}`);
  return catalogueStores
    .filter((store) => store.profile.tenantId === BRAND.tenantId)
    .map((store) => ({ ...store, terminals }));
}

export interface BenchEstate {
  stores: readonly SimulatedStore[];
  members: readonly Member[];
  keys: TerminalKeys;
}

/** A sale as a till sends it, with the key it is sent with and the member who bought. */
export interface BenchSale {
  sale: PosSale;
  terminalKey: string;
  member: Member;
}

/**
 * The bench's sales: the simulator's sale documents (baskets, discounts, VAT, tenders), each a
 * member's card sale with an e-mail receipt, so each one goes through every part of the pipeline.
 * Stores and members take turns; `runId` keeps transaction ids apart from any earlier run's.
 */
export function createSaleFactory(estate: BenchEstate, runId: string) {
  const random = createRandom(`bench/${runId}`);
  let sequence = 0;
  return {
    next(): BenchSale {
      sequence += 1;
      const store = estate.stores[sequence % estate.stores.length] as SimulatedStore;
      const member = estate.members[sequence % estate.members.length] as Member;
      const context = { store, brand: BRAND, runId, sequence, now: new Date() };
      const sale = buildSale(random, context, customerOf(random, member, 'card_email'));
      const terminalKey = estate.keys.get(tillKey(sale.storeId, sale.terminalId));
      if (!terminalKey) throw new Error(`no key for till ${sale.storeId}/${sale.terminalId}`);
      return { sale, terminalKey, member };
    },
  };
}

export type SaleFactory = ReturnType<typeof createSaleFactory>;

/** What the bench keeps of an accepted sale to follow it through the pipeline. */
export interface AcceptedSale {
  /** The POS's id, as the loyalty service lists credited sales. */
  posTransactionId: string;
  /** The receipt service's record id (`txn_…`): reconciliation observes the sale under it. */
  recordId: string;
  receiptId: string;
  cardNumber: string;
  sentAt: number;
}

export interface PostAnswer {
  status: number;
  latencyMs: number;
  accepted: AcceptedSale | null;
}

/** The 201 of `POST /v1/transactions` as far as the bench reads it (docs/receipts.md). */
export function acceptedFrom(body: string, sale: BenchSale, sentAt: number): AcceptedSale | null {
  try {
    const answer = JSON.parse(body) as { receiptId?: unknown; transactionId?: unknown };
    if (typeof answer.receiptId !== 'string' || typeof answer.transactionId !== 'string') return null;
    return {
      posTransactionId: sale.sale.transactionId,
      recordId: answer.transactionId,
      receiptId: answer.receiptId,
      cardNumber: sale.member.cardNumber,
      sentAt,
    };
  } catch {
    return null;
  }
}

/** One sale over REST, as a till sends it: its own Idempotency-Key, the till's key as bearer. */
export async function postSale(receiptUrl: string, sale: BenchSale): Promise<PostAnswer> {
  const sentAt = performance.now();
  try {
    const response = await fetch(`${receiptUrl}/v1/transactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${sale.terminalKey}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(sale.sale),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await response.text();
    const latencyMs = performance.now() - sentAt;
    return {
      status: response.status,
      latencyMs,
      accepted: response.status === 201 ? acceptedFrom(body, sale, sentAt) : null,
    };
  } catch {
    return { status: 0, latencyMs: performance.now() - sentAt, accepted: null };
  }
}
