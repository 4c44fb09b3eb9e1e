import { profileDifferences } from '@scontrino/reconciliation-service/graph-rebuild';
import { type Facts, posKey, type RelayedMail } from './facts.js';
import type { PlayedFault } from './faults.js';
import type { SentClaim, SentOrder, SentTransaction, TillAnswer } from './tills.js';

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

/** One receipt e-mail at the relay (one Message-ID, however many copies), or a final failed/suppressed delivery. */
function mailedOnce(
  receiptId: string,
  states: readonly string[],
  copies: readonly RelayedMail[],
): string | null {
  const messageIds = new Set(copies.map((copy) => copy.messageId));
  if (states.length === 0) return `${receiptId}: no delivery recorded`;
  if (states.every((state) => state === 'failed' || state === 'suppressed')) return null;
  if (states.some((state) => state === 'queued')) return `${receiptId}: still queued`;
  return messageIds.size === 1 ? null : `${receiptId}: ${messageIds.size} distinct Message-IDs at the relay`;
}

/** What the tills, the customers at the claim page and the web shop sent. */
export interface Traffic {
  sent: readonly SentTransaction[];
  claims: readonly SentClaim[];
  orders: readonly SentOrder[];
}

/**
 * The promises of the system after a run, each as a row: a till's transactions recorded exactly
 * once, e-mails delivered exactly once (one Message-ID) or visibly failed, claims recorded once
 * and mailed once to their address, web orders recorded once, member sales (and claims with a
 * member's address) credited once, returns reversed once, balances equal to the sum of their
 * ledger, observations linked, profiles equal to a rebuild from scratch, and no 5xx but 503
 * with Retry-After.
 */
export function checkInvariants(traffic: Traffic, answers: readonly TillAnswer[], facts: Facts) {
  const { sent, claims, orders } = traffic;
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
        const broken = mailedOnce(
          receiptId,
          facts.deliveries.get(receiptId) ?? [],
          facts.mails.get(receiptId) ?? [],
        );
        return broken ? [broken] : [];
      }),
    ),
  );
  const copies = [...facts.mails.values()].filter((ids) => ids.length > 1).length;

  verdicts.push(
    verdict(
      'every claim a customer sent at the claim page is accepted (retries and kept claims included)',
      claims,
      claims
        .filter((one) => !one.accepted)
        .map(
          (one) =>
            `${one.receiptId}: ${one.refused ? `refused ${one.refused.status} ${one.refused.body}` : 'never accepted'}`,
        ),
    ),
  );
  const accepted = claims.filter((one) => one.accepted);
  verdicts.push(
    verdict(
      'every accepted claim is recorded exactly once',
      accepted,
      accepted.flatMap((one) => {
        const count = facts.claimsRecorded.get(one.receiptId) ?? 0;
        return count === 1 ? [] : [`${one.receiptId}: ${count} claims stored`];
      }),
    ),
  );
  verdicts.push(
    verdict(
      "every accepted claim's address gets one receipt e-mail (one Message-ID), none to anyone else, or a final failed state",
      accepted,
      accepted.flatMap((one) => {
        const copies = facts.mails.get(one.receiptId) ?? [];
        const elsewhere = copies.filter((copy) => !copy.to.includes(one.email.toLowerCase()));
        if (elsewhere.length > 0) return [`${one.receiptId}: mailed to ${elsewhere[0]?.to.join(', ')}`];
        const broken = mailedOnce(one.receiptId, facts.claimDeliveries.get(one.receiptId) ?? [], copies);
        return broken ? [broken] : [];
      }),
    ),
  );

  verdicts.push(
    verdict(
      'every web order a shop sent is acknowledged (202; retries and kept orders included)',
      orders,
      orders
        .filter((one) => !one.observationId)
        .map(
          (one) =>
            `${one.order.orderId}: ${one.refused ? `refused ${one.refused.status} ${one.refused.body}` : 'never acknowledged'}`,
        ),
    ),
  );
  const ordered = orders.filter((one) => one.observationId);
  verdicts.push(
    verdict(
      'every acknowledged web order is recorded exactly once, with its total',
      ordered,
      ordered.flatMap((one) => {
        const totals = facts.orders.get(one.observationId ?? '') ?? [];
        return totals.length === 1 && totals[0] === one.order.total
          ? []
          : [
              `${one.observationId}: stored ${totals.length} times (totals ${totals.join(', ')}), sent ${one.order.total}`,
            ];
      }),
    ),
  );

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
  const memberClaims = accepted.filter((one) => one.member);
  verdicts.push(
    verdict(
      "every sale claimed with a member's address is credited exactly once (one earn entry)",
      memberClaims,
      memberClaims.flatMap((one) => {
        const entries = facts.ledgerKeys.get(`earn:${one.recordId}`) ?? 0;
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
      'every identified sale, claim and web order is observed and linked by reconciliation',
      observations,
      observations.flatMap(([id, linked]) => (linked ? [] : [`${id}: not linked`])),
    ),
  );
  verdicts.push(
    verdict(
      "reconciliation's profiles equal a rebuild from scratch of its observations and curation decisions",
      facts.profiles.stored,
      facts.profiles.unread
        ? [facts.profiles.unread]
        : profileDifferences(facts.profiles.stored, facts.profiles.rebuilt),
    ),
  );
  verdicts.push(
    verdict(
      'no 5xx answer but 503 with Retry-After (tills, claim page, web shop)',
      answers,
      answers
        .filter((answer) => answer.status >= 500 && !(answer.status === 503 && answer.retryAfter))
        .map(
          (answer) =>
            `${answer.kind ?? 'transaction'}: ${answer.status} during ${answer.fault ?? 'no fault'}`,
        ),
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
