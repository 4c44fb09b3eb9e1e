import { describe, expect, it } from 'vitest';
import { checkInvariants, type Traffic } from './checker.js';
import type { Facts, RelayedMail } from './facts.js';
import type { SentClaim, SentOrder, SentTransaction, TillAnswer } from './tills.js';

const member = {
  cardNumber: '9000000000001',
  tenantId: 'moda-rossi',
  email: 'giulia.rossi@example.com',
} as SentTransaction['member'];

function sale(id: string, overrides: Partial<SentTransaction> = {}): SentTransaction {
  return {
    posTransactionId: id,
    type: 'sale',
    storeId: 'MI-001',
    member,
    emailRequested: true,
    originalPosId: null,
    idempotencyKey: `key-${id}`,
    attempts: 1,
    kept: false,
    acknowledged: { recordId: `txn_${id}`, receiptId: `rcpt_${id}`, claimUrl: null },
    refused: null,
    body: { customer: { loyaltyCardNumber: '9000000000001' } } as SentTransaction['body'],
    terminalKey: 'key',
    ...overrides,
  };
}

function claim(id: string, overrides: Partial<SentClaim> = {}): SentClaim {
  return {
    posTransactionId: id,
    recordId: `txn_${id}`,
    receiptId: `rcpt_${id}`,
    claimUrl: `https://receipts.example.com/c/code${id}xxxxxxxxxxxxxxxx`,
    email: `cliente.${id}@example.net`,
    member: null,
    attempts: 1,
    kept: false,
    accepted: true,
    refused: null,
    unanswered: false,
    ...overrides,
  };
}

function order(id: string, overrides: Partial<SentOrder> = {}): SentOrder {
  return {
    order: { orderId: `W-${id}`, total: 4990 } as SentOrder['order'],
    observationId: `order:moda-rossi:moda-rossi-web:W-${id}`,
    member: null,
    attempts: 1,
    kept: false,
    refused: null,
    ...overrides,
  };
}

const mail = (messageId: string, to: string) => ({ messageId, to: [to] });

/** What the stores hold when every promise was kept for `traffic`. */
function keptFacts({ sent, claims, orders }: Traffic): Facts {
  const acked = sent.filter((one) => one.acknowledged);
  const accepted = claims.filter((one) => one.accepted);
  const profile = { profileId: 'prf_1', identifierIds: ['moda-rossi:card:h1'], householdId: null };
  return {
    recorded: new Map(
      acked.map((one) => [`${one.storeId}/${one.posTransactionId}`, [one.acknowledged?.recordId ?? '']]),
    ),
    deliveries: new Map(acked.map((one) => [one.acknowledged?.receiptId ?? '', ['sent']])),
    claimDeliveries: new Map(accepted.map((one) => [one.receiptId, ['sent']])),
    claimsRecorded: new Map(accepted.map((one) => [one.receiptId, 1])),
    mails: new Map<string, RelayedMail[]>([
      ...acked.map(
        (one) =>
          [
            one.acknowledged?.receiptId ?? '',
            [mail(`<d-${one.posTransactionId}@shop.it>`, 'giulia.rossi@example.com')],
          ] as [string, RelayedMail[]],
      ),
      ...accepted.map(
        (one) =>
          [one.receiptId, [mail(`<c-${one.posTransactionId}@shop.it>`, one.email)]] as [
            string,
            RelayedMail[],
          ],
      ),
    ]),
    ledgerKeys: new Map([
      ...acked.map((one) => [`earn:${one.acknowledged?.recordId ?? ''}`, 1] as const),
      ...accepted.map((one) => [`earn:${one.recordId}`, 1] as const),
    ]),
    recomputed: new Map([['mbr_1', { pending: 120, active: 0 }]]),
    balances: new Map([['9000000000001', { memberId: 'mbr_1', pending: 120, active: 0 }]]),
    linked: new Map([
      ...acked.map((one) => [`txn:${one.acknowledged?.recordId ?? ''}`, true] as const),
      ...accepted.map((one) => [`claim:${one.receiptId}`, true] as const),
      ...orders.flatMap((one) => (one.observationId ? [[one.observationId, true] as const] : [])),
    ]),
    orders: new Map(
      orders.flatMap((one) => (one.observationId ? [[one.observationId, [one.order.total]] as const] : [])),
    ),
    profiles: { stored: [profile], rebuilt: [{ ...profile, profileId: 'prf_rebuilt1' }], unread: null },
  };
}

const failuresOf = (result: ReturnType<typeof checkInvariants>) =>
  result.verdicts.filter((row) => row.failures > 0).map((row) => row.invariant);

describe('checker', () => {
  const traffic: Traffic = {
    sent: [sale('1'), sale('2')],
    claims: [claim('3'), claim('4', { member, email: 'giulia.rossi@example.com' })],
    orders: [order('5'), order('6', { attempts: 3 })],
  };
  const answers: TillAnswer[] = [
    { at: 1, status: 201, retryAfter: false, fault: null },
    { at: 2, status: 503, retryAfter: true, fault: 'database-outage', kind: 'claim' },
  ];

  it('when every promise was kept, then every row holds, and a copy with the same Message-ID is only counted', () => {
    const facts = keptFacts(traffic);
    facts.mails.set('rcpt_1', [
      mail('<d-1@shop.it>', 'giulia.rossi@example.com'),
      mail('<d-1@shop.it>', 'giulia.rossi@example.com'),
    ]);
    const result = checkInvariants(traffic, answers, facts);
    expect(failuresOf(result)).toEqual([]);
    expect(result.duplicateCopies).toBe(1);
  });

  it('when a sale is stored twice, mailed as two messages, credited twice or a 500 was answered, then its row fails', () => {
    const facts = keptFacts(traffic);
    facts.recorded.set('MI-001/1', ['txn_1', 'txn_1b']);
    facts.mails.set('rcpt_2', [
      mail('<a@shop.it>', 'giulia.rossi@example.com'),
      mail('<b@shop.it>', 'giulia.rossi@example.com'),
    ]);
    facts.ledgerKeys.set('earn:txn_2', 2);
    facts.balances.set('9000000000001', { memberId: 'mbr_1', pending: 240, active: 0 });
    facts.linked.set('txn:txn_1', false);
    const result = checkInvariants(
      { ...traffic, sent: [...traffic.sent, sale('9', { acknowledged: null })] },
      [...answers, { at: 3, status: 500, retryAfter: false, fault: null, kind: 'order' }],
      facts,
    );
    expect(failuresOf(result)).toEqual([
      'every transaction a till sent is acknowledged (retries and kept sales included)',
      'every acknowledged transaction is stored exactly once, under the id of its 201',
      'every sale with an e-mail receipt asked for: one Message-ID at the relay, or a final failed/suppressed state',
      'every member sale is credited exactly once (one earn entry)',
      "every member's balance equals the sum of its ledger entries, recomputed from scratch",
      'every identified sale, claim and web order is observed and linked by reconciliation',
      'no 5xx answer but 503 with Retry-After (tills, claim page, web shop)',
    ]);
  });

  it('when a claim was refused, is not stored, was mailed twice or to someone else, or its member was not credited, then its rows fail', () => {
    const claims = [
      ...traffic.claims,
      claim('7', { accepted: false, refused: { status: 410, body: 'già' } }),
    ];
    const facts = keptFacts({ ...traffic, claims });
    facts.claimsRecorded.delete('rcpt_3');
    facts.mails.set('rcpt_3', [
      mail('<c-3@shop.it>', 'cliente.3@example.net'),
      mail('<x@shop.it>', 'cliente.3@example.net'),
    ]);
    facts.mails.set('rcpt_4', [mail('<c-4@shop.it>', 'someone.else@example.net')]);
    facts.ledgerKeys.delete('earn:txn_4');
    const result = checkInvariants({ ...traffic, claims }, answers, facts);
    expect(failuresOf(result)).toEqual([
      'every claim a customer sent at the claim page is accepted (retries and kept claims included)',
      'every accepted claim is recorded exactly once',
      "every accepted claim's address gets one receipt e-mail (one Message-ID), none to anyone else, or a final failed state",
      "every sale claimed with a member's address is credited exactly once (one earn entry)",
    ]);
    const mailed = result.verdicts.find((row) => row.invariant.startsWith("every accepted claim's address"));
    expect(mailed?.failures).toBe(2);
  });

  it('when a claim e-mail finally failed after the relay kept refusing, then that is a visible final state, not a loss', () => {
    const facts = keptFacts(traffic);
    facts.claimDeliveries.set('rcpt_3', ['failed']);
    facts.mails.delete('rcpt_3');
    expect(failuresOf(checkInvariants(traffic, answers, facts))).toEqual([]);
  });

  it('when a web order was never acknowledged, or is stored twice or with another total, then its rows fail', () => {
    const orders = [...traffic.orders, order('8', { observationId: null })];
    const facts = keptFacts({ ...traffic, orders });
    facts.orders.set(traffic.orders[0]?.observationId ?? '', [4990, 4990]);
    facts.orders.set(traffic.orders[1]?.observationId ?? '', [5000]);
    const result = checkInvariants({ ...traffic, orders }, answers, facts);
    expect(failuresOf(result)).toEqual([
      'every web order a shop sent is acknowledged (202; retries and kept orders included)',
      'every acknowledged web order is recorded exactly once, with its total',
    ]);
    expect(
      result.verdicts.find((row) => row.invariant.startsWith('every acknowledged web order'))?.failures,
    ).toBe(2);
  });

  it('when a stored profile holds identifiers the rebuild from scratch keeps apart, then the rebuild row fails', () => {
    const facts = keptFacts(traffic);
    facts.profiles = {
      stored: [{ profileId: 'prf_1', identifierIds: ['t:card:1', 't:email:1'], householdId: null }],
      rebuilt: [
        { profileId: 'prf_a', identifierIds: ['t:card:1'], householdId: null },
        { profileId: 'prf_b', identifierIds: ['t:email:1'], householdId: null },
      ],
      unread: null,
    };
    const result = checkInvariants(traffic, answers, facts);
    expect(failuresOf(result)).toEqual([
      "reconciliation's profiles equal a rebuild from scratch of its observations and curation decisions",
    ]);
    facts.profiles = { stored: [], rebuilt: [], unread: 'profiles.list failed: 503' };
    const unread = checkInvariants(traffic, answers, facts).verdicts.find((row) =>
      row.invariant.startsWith("reconciliation's profiles"),
    );
    expect(unread).toMatchObject({ failures: 1, example: 'profiles.list failed: 503' });
  });
});
