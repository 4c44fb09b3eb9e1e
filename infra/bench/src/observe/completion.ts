import type { LoyaltyStaffClient } from '@scontrino/pos-simulator';
import type { reconciliationClient } from '@scontrino/reconciliation-service/bench/api-client';
import type { MailSink } from '@scontrino/stack';
import type { AcceptedSale } from '../traffic.js';

type ReconciliationCalls = ReturnType<typeof reconciliationClient>['calls'];

/** Receipts that reached the mail sink, by the receipt id every receipt e-mail carries in a header. */
export function trackReceiptMails(sink: MailSink) {
  const mailed = new Set<string>();
  const stop = sink.onMail((mail) => {
    const receiptId = mail.headers['x-scontrino-receipt'];
    if (receiptId) mailed.add(receiptId);
  });
  return {
    /** How many of `sales` have been e-mailed. */
    count: (sales: readonly AcceptedSale[]) => sales.filter((sale) => mailed.has(sale.receiptId)).length,
    stop,
  };
}

export type ReceiptMails = ReturnType<typeof trackReceiptMails>;

/**
 * The reconciliation service observes a till's sale under the receipt service's record id
 * (`txn:<txn_…>`, its `domain/ids.ts`): the id `observations.status` answers for.
 */
export const saleObservationId = (sale: AcceptedSale): string => `txn:${sale.recordId}`;

/** `members.lookup` lists a member's 20 newest credited sales: more of one member cannot be checked. */
const LISTED_SALES = 20;

/**
 * Sales whose credit can be checked: each member's newest {@link LISTED_SALES}, then at most
 * `limit` of those, spread evenly (a large step is checked on a sample).
 */
export function checkableSample(sales: readonly AcceptedSale[], limit: number): AcceptedSale[] {
  const byCard = new Map<string, AcceptedSale[]>();
  for (const sale of sales) byCard.set(sale.cardNumber, [...(byCard.get(sale.cardNumber) ?? []), sale]);
  const checkable = [...byCard.values()].flatMap((own) =>
    [...own].sort((a, b) => b.sentAt - a.sentAt).slice(0, LISTED_SALES),
  );
  checkable.sort((a, b) => a.sentAt - b.sentAt);
  if (checkable.length <= limit) return checkable;
  const stride = checkable.length / limit;
  return Array.from({ length: limit }, (_, index) => checkable[Math.floor(index * stride)] as AcceptedSale);
}

async function inParallel<T>(items: readonly T[], concurrency: number, each: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await each(item);
      }
    }),
  );
}

/**
 * Whether each sale went all the way, as customers and staff would see it: its points in the
 * loyalty service (`members.lookup`, one call per member) and its observation linked by the
 * reconciliation service (`observations.status`).
 */
export async function checkCarriedThrough(
  sales: readonly AcceptedSale[],
  clients: { loyalty: LoyaltyStaffClient; reconciliation: ReconciliationCalls; tenantId: string },
  concurrency = 8,
): Promise<{ credited: number; linked: number }> {
  const byCard = new Map<string, AcceptedSale[]>();
  for (const sale of sales) byCard.set(sale.cardNumber, [...(byCard.get(sale.cardNumber) ?? []), sale]);
  let credited = 0;
  let linked = 0;
  await inParallel([...byCard.entries()], concurrency, async ([cardNumber, own]) => {
    const listed = await clients.loyalty.members.lookup
      .query({ tenantId: clients.tenantId, cardNumber })
      .then((found) => new Set(found.recentSales))
      .catch(() => new Set<string>());
    credited += own.filter((sale) => listed.has(sale.posTransactionId)).length;
  });
  await inParallel(sales, concurrency, async (sale) => {
    if (await clients.reconciliation.linked(saleObservationId(sale)).catch(() => false)) linked += 1;
  });
  return { credited, linked };
}
