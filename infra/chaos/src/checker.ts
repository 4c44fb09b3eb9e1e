import { type Facts, posKey } from './facts.js';
import type { PlayedFault } from './faults.js';
import type { SentTransaction, TillAnswer } from './tills.js';

/** One row of the table: what was checked, on how many, how many broke it, and a first example. */
export interface Verdict {
  invariant: string;
  checked: number;
  failures: number;
  example: string | null;
}

function verdict(invariant: string, items: readonly unknown[], broken: readonly string[]): Verdict {
  return { invariant, checked: items.length, failures: broken.length, example: broken[0] ?? null };
}

/**
 * The promises of the system after a run, each as a row: a till's transactions recorded exactly
 * once, e-mails delivered exactly once (one Message-ID) or visibly failed, member sales credited
 * once, returns reversed once, balances equal to the sum of their ledger, observations linked,
 * and no 5xx but 503 with Retry-After.
 */
export function checkInvariants(
  sent: readonly SentTransaction[],
  answers: readonly TillAnswer[],
  facts: Facts,
) {
  const verdicts: Verdict[] = [];

  const acknowledged = sent.filter((one) => one.acknowledged);
  verdicts.push(
    verdict(
      'every transaction a till sent is acknowledged (retries and kept sales included)',
      sent,
      sent
        .filter((one) => !one.acknowledged)
        .map(
          (one) =>
            `${one.posTransactionId}: ${one.refused ? `refused ${one.refused.status} ${one.refused.body}` : 'never acknowledged'}`,
        ),
    ),
  );
  verdicts.push(
    verdict(
      'every acknowledged transaction is stored exactly once, under the id of its 201',
      acknowledged,
      acknowledged.flatMap((one) => {
        const stored = facts.recorded.get(posKey(one.storeId, one.posTransactionId)) ?? [];
        return stored.length === 1 && stored[0] === one.acknowledged?.recordId
          ? []
          : [
              `${one.posTransactionId}: stored ${stored.length} times (${stored.join(', ')}), 201 said ${one.acknowledged?.recordId}`,
            ];
      }),
    ),
  );

  const emailed = acknowledged.filter((one) => one.emailRequested);
  verdicts.push(
    verdict(
      'every sale with an e-mail receipt asked for: one Message-ID at the relay, or a final failed/suppressed state',
      emailed,
      emailed.flatMap((one) => {
        const receiptId = one.acknowledged?.receiptId ?? '';
        const states = facts.deliveries.get(receiptId) ?? [];
        const messageIds = new Set(facts.mails.get(receiptId) ?? []);
        if (states.length === 0) return [`${receiptId}: no delivery recorded`];
        if (states.every((state) => state === 'failed' || state === 'suppressed')) return [];
        if (states.some((state) => state === 'queued')) return [`${receiptId}: still queued`];
        return messageIds.size === 1
          ? []
          : [`${receiptId}: ${messageIds.size} distinct Message-IDs at the relay`];
      }),
    ),
  );
  const copies = [...facts.mails.values()].filter((ids) => ids.length > 1).length;

  const memberSales = acknowledged.filter((one) => one.type === 'sale' && one.member);
  verdicts.push(
    verdict(
      'every member sale is credited exactly once (one earn entry)',
      memberSales,
      memberSales.flatMap((one) => {
        const entries = facts.ledgerKeys.get(`earn:${one.acknowledged?.recordId ?? ''}`) ?? 0;
        return entries === 1 ? [] : [`${one.posTransactionId}: ${entries} earn entries`];
      }),
    ),
  );
  const earned = new Set(memberSales.map((one) => one.posTransactionId));
  const memberReturns = acknowledged.filter(
    (one) => one.type === 'return' && one.originalPosId !== null && earned.has(one.originalPosId),
  );
  verdicts.push(
    verdict(
      'every return of a member sale is reversed exactly once (one reverse entry)',
      memberReturns,
      memberReturns.flatMap((one) => {
        const entries = facts.ledgerKeys.get(`reverse:${one.acknowledged?.recordId ?? ''}`) ?? 0;
        return entries === 1 ? [] : [`${one.posTransactionId}: ${entries} reverse entries`];
      }),
    ),
  );
  const balances = [...facts.balances.entries()];
  verdicts.push(
    verdict(
      "every member's balance equals the sum of its ledger entries, recomputed from scratch",
      balances,
      balances.flatMap(([card, balance]) => {
        if (!balance) return [`card …${card.slice(-4)}: members.lookup failed`];
        const sum = facts.recomputed.get(balance.memberId) ?? { pending: 0, active: 0 };
        return sum.pending === balance.pending && sum.active === balance.active
          ? []
          : [
              `${balance.memberId}: shows ${balance.pending}+${balance.active}, entries sum to ${sum.pending}+${sum.active}`,
            ];
      }),
    ),
  );
  const observations = [...facts.linked.entries()];
  verdicts.push(
    verdict(
      'every identified sale is observed and linked by reconciliation',
      observations,
      observations.flatMap(([id, linked]) => (linked ? [] : [`${id}: not linked`])),
    ),
  );
  verdicts.push(
    verdict(
      'no 5xx answer but 503 with Retry-After',
      answers,
      answers
        .filter((answer) => answer.status >= 500 && !(answer.status === 503 && answer.retryAfter))
        .map((answer) => `${answer.status} during ${answer.fault ?? 'no fault'}`),
    ),
  );
  return { verdicts, duplicateCopies: copies };
}

/**
 * Per kind of fault, the worst time from its lifting until every service answered `/readyz` 200
 * again, and until a till next had a sale accepted.
 */
export function recoveryByKind(played: readonly PlayedFault[]) {
  const rows = new Map<
    string,
    { count: number; worstMs: number | null; worstFirstSaleMs: number | null; unrecovered: number }
  >();
  for (const fault of played) {
    const row = rows.get(fault.kind) ?? { count: 0, worstMs: null, worstFirstSaleMs: null, unrecovered: 0 };
    row.count += 1;
    if (fault.recoveredAt === null) row.unrecovered += 1;
    else row.worstMs = Math.max(row.worstMs ?? 0, fault.recoveredAt - fault.liftedAt);
    if (fault.firstSaleAt !== null)
      row.worstFirstSaleMs = Math.max(row.worstFirstSaleMs ?? 0, fault.firstSaleAt - fault.liftedAt);
    rows.set(fault.kind, row);
  }
  return rows;
}
