import { randomUUID } from 'node:crypto';
import type { PosReturn, PosSale } from '@scontrino/contracts';
import {
  buildOnlineOrder,
  buildReturn,
  buildSale,
  createRandom,
  customerOf,
  formTokenOf,
  type Identification,
  type Member,
  type OnlineOrder,
  returnableSale,
  type ReturnableSale,
  shopKeyOf,
  type SimulatedStore,
  tillKey,
} from '@scontrino/pos-simulator';
import { BRAND, type Estate } from './estate.js';

/** One transaction a till sent, with everything the checker needs to follow it. */
export interface SentTransaction {
  posTransactionId: string;
  type: 'sale' | 'return';
  storeId: string;
  member: Member | null;
  /** The customer asked for an e-mail receipt at the till. */
  emailRequested: boolean;
  /** For a return: the POS id of the sale it returns. */
  originalPosId: string | null;
  idempotencyKey: string;
  attempts: number;
  /** The till gave up at least once and kept it for a later retry. */
  kept: boolean;
  /** The 201 (first one): the receipt service's ids, and the claim page of a sale naming no e-mail. */
  acknowledged: { recordId: string; receiptId: string; claimUrl: string | null } | null;
  /** A final refusal (4xx other than 408/429): a bug in the till or the service. */
  refused: { status: number; body: string } | null;
  body: PosSale | PosReturn;
  terminalKey: string;
}

/**
 * A receipt claimed through its paper slip's claim page (`/c/<code>`): the customer opens the
 * form and sends an e-mail address, again after a failure, as long as the page does not say the
 * receipt is claimed.
 */
export interface SentClaim {
  /** The anonymous sale's POS id, record and receipt. */
  posTransactionId: string;
  recordId: string;
  receiptId: string;
  claimUrl: string;
  email: string;
  /** The loyalty member the address belongs to (the claim then earns the sale's points). */
  member: Member | null;
  attempts: number;
  kept: boolean;
  /**
   * The claim went through: a 200, or a 410 "already claimed" after an attempt whose answer was
   * lost (nobody else has the code).
   */
  accepted: boolean;
  refused: { status: number; body: string } | null;
  /** A form was sent and its answer lost: a later 410 means this claim won. */
  unanswered: boolean;
}

/** A web-shop order sent to `POST /v1/online-orders` with the shop's key, retried with the same body. */
export interface SentOrder {
  order: OnlineOrder;
  /** `order:<tenantId>:<shopId>:<orderId>`, from the 202. */
  observationId: string | null;
  member: Member | null;
  attempts: number;
  kept: boolean;
  refused: { status: number; body: string } | null;
}

/** Every answer a till, claim page or web shop got (or its absence), for the "no 5xx but 503 with Retry-After" check. */
export interface TillAnswer {
  at: number;
  status: number;
  retryAfter: boolean;
  /** The fault being played when it came, if any. */
  fault: string | null;
  /** What was asked: `transaction` (the default), `claim` or `order`. */
  kind?: 'transaction' | 'claim' | 'order';
}

export interface TillOptions {
  receiptUrl: string;
  reconciliationUrl: string;
  /** Sent with claims: the claim form's per-address limit is for the people behind one address, not the run. */
  serviceToken: string;
  estate: Estate;
  /** Arrivals per second. */
  rate: number;
  seed: string;
  runId: string;
  /** How long a till keeps retrying one sale before it keeps it for later. */
  giveUpMs: number;
  activeFault: () => string | null;
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 5_000;
const IDENTIFICATIONS: Readonly<Record<Identification | 'anonymous', number>> = {
  card_email: 45,
  card: 15,
  card_phone: 5,
  email: 10,
  payment: 5,
  anonymous: 20,
};
/** Share of anonymous sales whose receipt is claimed, and of those with a member's address. */
const CLAIM_SHARE = 0.5;
const CLAIM_WITH_MEMBER_EMAIL = 0.5;
/** Share of arrivals that are web-shop orders, and of those by a member. */
const ORDER_SHARE = 0.1;
const ORDER_BY_MEMBER = 0.65;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One attempt: its answer (0: none), whether it carried `Retry-After`, and the body. */
async function request(url: string, init: RequestInit) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      text: await response.text(),
    };
  } catch {
    return { status: 0, retryAfter: null, text: '' };
  }
}

const finalRefusal = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * Tills selling at a steady rate (an open model: arrival i at i / rate), card and anonymous sales
 * and returns of earlier accepted sales; customers claiming anonymous sales' receipts through the
 * claim page; web-shop orders. Each is retried like a real till retries it: the same
 * Idempotency-Key (order id, claim code) and body, exponential backoff (or the answer's
 * Retry-After), and after `giveUpMs` it is kept and tried again later; `flush` tries every kept
 * one until each is answered.
 */
export function startTills(options: TillOptions) {
  const random = createRandom(`chaos-tills/${options.seed}`);
  const sent: SentTransaction[] = [];
  const claims: SentClaim[] = [];
  const orders: SentOrder[] = [];
  const answers: TillAnswer[] = [];
  const returnable: { sale: ReturnableSale; store: SimulatedStore }[] = [];
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;
  let selling = true;

  function answered(status: number, retryAfter: string | null, kind: TillAnswer['kind']) {
    answers.push({
      at: Date.now(),
      status,
      retryAfter: retryAfter !== null,
      fault: options.activeFault(),
      kind,
    });
  }

  async function waitRetryAfter(retryAfter: string | null) {
    if (retryAfter !== null && Number(retryAfter) > 0) await sleep(Math.min(60, Number(retryAfter)) * 1000);
  }

  async function post(transaction: SentTransaction): Promise<'done' | 'retry'> {
    transaction.attempts += 1;
    const { status, retryAfter, text } = await request(`${options.receiptUrl}/v1/transactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${transaction.terminalKey}`,
        'idempotency-key': transaction.idempotencyKey,
      },
      body: JSON.stringify(transaction.body),
    });
    answered(status, retryAfter, 'transaction');
    if (status === 201) {
      const answer = JSON.parse(text) as { receiptId: string; transactionId: string; claimUrl?: string };
      transaction.acknowledged ??= {
        recordId: answer.transactionId,
        receiptId: answer.receiptId,
        claimUrl: answer.claimUrl ?? null,
      };
      return 'done';
    }
    if (finalRefusal(status)) {
      transaction.refused = { status, body: text.slice(0, 500) };
      return 'done';
    }
    await waitRetryAfter(retryAfter);
    return 'retry';
  }

  /** The claim page at the receipt service's own address, whatever public host the QR names. */
  const claimPage = (claim: SentClaim) => `${options.receiptUrl}${new URL(claim.claimUrl).pathname}`;

  async function postClaim(claim: SentClaim): Promise<'done' | 'retry'> {
    claim.attempts += 1;
    const form = await request(claimPage(claim), {
      headers: { accept: 'text/html', 'accept-language': 'it-IT' },
    });
    answered(form.status, form.retryAfter, 'claim');
    if (form.status === 410 && claim.unanswered) {
      claim.accepted = true;
      return 'done';
    }
    const token = form.status === 200 ? formTokenOf(form.text) : null;
    if (finalRefusal(form.status) || (form.status === 200 && token === null)) {
      claim.refused = { status: form.status, body: `claim form: ${form.text.slice(0, 300)}` };
      return 'done';
    }
    if (token === null) {
      await waitRetryAfter(form.retryAfter);
      return 'retry';
    }
    const { status, retryAfter, text } = await request(claimPage(claim), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        authorization: `Bearer ${options.serviceToken}`,
      },
      body: new URLSearchParams({ email: claim.email, form: token }),
    });
    answered(status, retryAfter, 'claim');
    if (status === 200 || (status === 410 && claim.unanswered)) {
      claim.accepted = true;
      return 'done';
    }
    // 422: the form's token ran out while the page was slow; the form is asked for again.
    if (finalRefusal(status) && status !== 422) {
      claim.refused = { status, body: text.slice(0, 300) };
      return 'done';
    }
    if (status === 0 || status >= 500) claim.unanswered = true;
    await waitRetryAfter(retryAfter);
    return 'retry';
  }

  async function postOrder(sentOrder: SentOrder): Promise<'done' | 'retry'> {
    sentOrder.attempts += 1;
    const { order } = sentOrder;
    const key = options.estate.shopKeys.get(shopKeyOf(order.tenantId, order.shopId)) ?? '';
    const { status, retryAfter, text } = await request(`${options.reconciliationUrl}/v1/online-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(order),
    });
    answered(status, retryAfter, 'order');
    if (status === 202) {
      sentOrder.observationId ??= (JSON.parse(text) as { observationId: string }).observationId;
      return 'done';
    }
    if (finalRefusal(status)) {
      sentOrder.refused = { status, body: text.slice(0, 500) };
      return 'done';
    }
    await waitRetryAfter(retryAfter);
    return 'retry';
  }

  /** Anything a till, a customer or a web shop sends: tried until answered, then kept for later. */
  interface Attempted {
    kept: boolean;
  }
  const attemptOf = new Map<Attempted, () => Promise<'done' | 'retry'>>();

  async function deliver(item: Attempted, giveUpMs: number): Promise<void> {
    const attempt = attemptOf.get(item);
    if (!attempt) return;
    const started = Date.now();
    for (let tries = 0; ; tries++) {
      if ((await attempt()) === 'done') return;
      if (Date.now() - started > giveUpMs) {
        item.kept = true;
        return;
      }
      await sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** tries) * (0.5 + random.next()));
    }
  }

  function nextTransaction(): SentTransaction | null {
    sequence += 1;
    const store = random.pick(options.estate.stores);
    const context = { store, brand: BRAND, runId: options.runId, sequence, now: new Date() };
    const open = returnable.filter((entry) => [...entry.sale.remaining.values()].some((left) => left > 0));
    if (open.length > 0 && random.chance(0.12)) {
      const original = random.pick(open);
      const body = buildReturn(random, { ...context, store: original.store }, original.sale);
      if (!body) return null;
      const member = options.estate.members.find(
        (candidate) => candidate.cardNumber === original.sale.sale.customer?.loyaltyCardNumber,
      );
      return transactionOf(body, member ?? null, false, original.sale.sale.transactionId);
    }
    const identification = random.weighted(IDENTIFICATIONS);
    const member = random.pick(options.estate.members);
    const customer = identification === 'anonymous' ? undefined : customerOf(random, member, identification);
    const body = buildSale(random, context, customer);
    const emailRequested = Boolean(customer?.email && customer.receiptDelivery?.includes('email'));
    const carded = customer?.loyaltyCardNumber ? member : null;
    return transactionOf(body, carded, emailRequested, null);
  }

  function transactionOf(
    body: PosSale | PosReturn,
    member: Member | null,
    emailRequested: boolean,
    originalPosId: string | null,
  ): SentTransaction {
    const terminalKey = options.estate.keys.get(tillKey(body.storeId, body.terminalId));
    if (!terminalKey) throw new Error(`no key for till ${body.storeId}/${body.terminalId}`);
    const transaction: SentTransaction = {
      posTransactionId: body.transactionId,
      type: body.type,
      storeId: body.storeId,
      member,
      emailRequested,
      originalPosId,
      idempotencyKey: randomUUID(),
      attempts: 0,
      kept: false,
      acknowledged: null,
      refused: null,
      body,
      terminalKey,
    };
    attemptOf.set(transaction, () => post(transaction));
    return transaction;
  }

  /** A web-shop order: by a member (signed in or as a guest with the member's address) or a guest. */
  function nextOrder(): SentOrder {
    const member = random.chance(ORDER_BY_MEMBER) ? random.pick(options.estate.members) : null;
    const shopper = member
      ? { member }
      : { guest: { email: `ospite.${options.runId}.${sequence}@example.org`, name: 'Ospite Web' } };
    const order = buildOnlineOrder(
      random,
      {
        brand: BRAND,
        stores: options.estate.stores,
        orderId: `W-${options.runId}-${String(sequence).padStart(6, '0')}`,
        now: new Date(),
      },
      shopper,
    );
    const sentOrder: SentOrder = {
      order,
      observationId: null,
      member,
      attempts: 0,
      kept: false,
      refused: null,
    };
    attemptOf.set(sentOrder, () => postOrder(sentOrder));
    return sentOrder;
  }

  /** A customer at home claims an anonymous sale's receipt: with a member's address or a walk-in's own. */
  function claimOf(transaction: SentTransaction): SentClaim | null {
    const acknowledged = transaction.acknowledged;
    if (transaction.body.customer || !acknowledged?.claimUrl || !random.chance(CLAIM_SHARE)) return null;
    const member = random.chance(CLAIM_WITH_MEMBER_EMAIL) ? random.pick(options.estate.members) : null;
    const claim: SentClaim = {
      posTransactionId: transaction.posTransactionId,
      recordId: acknowledged.recordId,
      receiptId: acknowledged.receiptId,
      claimUrl: acknowledged.claimUrl,
      email:
        member?.email ?? `cliente.${options.runId}.${transaction.posTransactionId.toLowerCase()}@example.net`,
      member,
      attempts: 0,
      kept: false,
      accepted: false,
      refused: null,
      unanswered: false,
    };
    attemptOf.set(claim, () => postClaim(claim));
    return claim;
  }

  const inDelivery = new Set<Attempted>();
  /** One delivery per item at a time: a kept one is not tried twice at once. */
  function track(item: Attempted, giveUpMs: number, then?: () => void) {
    if (inDelivery.has(item)) return;
    inDelivery.add(item);
    const promise = deliver(item, giveUpMs).finally(() => {
      inDelivery.delete(item);
      then?.();
    });
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  }

  const arrivals = (async () => {
    const started = Date.now();
    for (let i = 0; selling; i++) {
      const due = started + (i * 1000) / options.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      if (!selling) break;
      if (random.chance(ORDER_SHARE)) {
        sequence += 1;
        const order = nextOrder();
        orders.push(order);
        track(order, options.giveUpMs);
        continue;
      }
      const transaction = nextTransaction();
      if (!transaction) continue;
      sent.push(transaction);
      track(transaction, options.giveUpMs, () => {
        if (!transaction.acknowledged || transaction.body.type !== 'sale') return;
        const store = options.estate.stores.find((one) => one.profile.storeId === transaction.storeId);
        if (store) returnable.push({ sale: returnableSale(sequence, transaction.body, BRAND.kind), store });
        const claim = selling ? claimOf(transaction) : null;
        if (claim) {
          claims.push(claim);
          track(claim, options.giveUpMs);
        }
      });
    }
  })();

  const unfinished = (): Attempted[] => [
    ...sent.filter((one) => !one.acknowledged && !one.refused),
    ...claims.filter((one) => !one.accepted && !one.refused),
    ...orders.filter((one) => !one.observationId && !one.refused),
  ];

  // Kept ones are tried again every few seconds, as a till does once the line is back.
  const retryKept = (async () => {
    while (selling) {
      await sleep(5_000);
      for (const item of unfinished()) if (item.kept) track(item, options.giveUpMs);
    }
  })();

  return {
    sent,
    claims,
    orders,
    answers,
    /** Stops selling and waits for what is in flight. */
    async stop(): Promise<void> {
      selling = false;
      await Promise.all([arrivals, retryKept]);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    /** Sends everything kept until each is answered, for up to `boundMs`; returns how many are left. */
    async flush(boundMs: number): Promise<number> {
      const deadline = Date.now() + boundMs;
      for (;;) {
        const left = unfinished();
        if (left.length === 0 || Date.now() > deadline) return left.length;
        for (const item of left) track(item, Math.max(1_000, deadline - Date.now()));
        while (inFlight.size > 0) await Promise.all([...inFlight]);
      }
    },
  };
}

export type Tills = ReturnType<typeof startTills>;
