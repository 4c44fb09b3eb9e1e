import { describe, expect, it } from 'vitest';
import { checkInvariants } from './checker.js';
import type { Facts } from './facts.js';
import type { SentTransaction, TillAnswer } from './tills.js';

const member = { cardNumber: '9000000000001', tenantId: 'moda-rossi' } as SentTransaction['member'];

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
    acknowledged: { recordId: `txn_${id}`, receiptId: `rcpt_${id}` },
    refused: null,
    body: { customer: { loyaltyCardNumber: '9000000000001' } } as SentTransaction['body'],
    terminalKey: 'key',
    ...overrides,
  };
}

/** What the stores hold when every promise was kept for `sent`. */
function keptFacts(sent: readonly SentTransaction[]): Facts {
  const acked = sent.filter((one) => one.acknowledged);
  return {
    recorded: new Map(
      acked.map((one) => [`${one.storeId}/${one.posTransactionId}`, [one.acknowledged?.recordId ?? '']]),
    ),
    deliveries: new Map(acked.map((one) => [one.acknowledged?.receiptId ?? '', ['sent']])),
    mails: new Map(
      acked.map((one) => [one.acknowledged?.receiptId ?? '', [`<d-${one.posTransactionId}@shop.it>`]]),
    ),
    ledgerKeys: new Map(acked.map((one) => [`earn:${one.acknowledged?.recordId ?? ''}`, 1])),
    recomputed: new Map([['mbr_1', { pending: 120, active: 0 }]]),
    balances: new Map([['9000000000001', { memberId: 'mbr_1', pending: 120, active: 0 }]]),
    linked: new Map(acked.map((one) => [`txn:${one.acknowledged?.recordId ?? ''}`, true])),
  };
}

const failuresOf = (result: ReturnType<typeof checkInvariants>) =>
  result.verdicts.filter((row) => row.failures > 0).map((row) => row.invariant);

describe('checker', () => {
  const sent = [sale('1'), sale('2')];
  const answers: TillAnswer[] = [
    { at: 1, status: 201, retryAfter: false, fault: null },
    { at: 2, status: 503, retryAfter: true, fault: 'database-outage' },
  ];

  it('when every promise was kept, then every row holds, and a copy with the same Message-ID is only counted', () => {
    const facts = keptFacts(sent);
    facts.mails.set('rcpt_1', ['<d-1@shop.it>', '<d-1@shop.it>']);
    const result = checkInvariants(sent, answers, facts);
    expect(failuresOf(result)).toEqual([]);
    expect(result.duplicateCopies).toBe(1);
  });

  it('when a sale is stored twice, mailed as two messages, credited twice or a 500 was answered, then its row fails', () => {
    const facts = keptFacts(sent);
    facts.recorded.set('MI-001/1', ['txn_1', 'txn_1b']);
    facts.mails.set('rcpt_2', ['<a@shop.it>', '<b@shop.it>']);
    facts.ledgerKeys.set('earn:txn_2', 2);
    facts.balances.set('9000000000001', { memberId: 'mbr_1', pending: 240, active: 0 });
    facts.linked.set('txn:txn_1', false);
    const result = checkInvariants(
      [...sent, sale('3', { acknowledged: null })],
      [...answers, { at: 3, status: 500, retryAfter: false, fault: null }],
      facts,
    );
    expect(failuresOf(result)).toEqual([
      'every transaction a till sent is acknowledged (retries and kept sales included)',
      'every acknowledged transaction is stored exactly once, under the id of its 201',
      'every sale with an e-mail receipt asked for: one Message-ID at the relay, or a final failed/suppressed state',
      'every member sale is credited exactly once (one earn entry)',
      "every member's balance equals the sum of its ledger entries, recomputed from scratch",
      'every identified sale is observed and linked by reconciliation',
      'no 5xx answer but 503 with Retry-After',
    ]);
  });
});
