import { randomUUID } from 'node:crypto';
import type { PosReturn, PosSale } from '@scontrino/contracts';
import {
  buildReturn,
  buildSale,
  createRandom,
  customerOf,
  type Identification,
  type Member,
  returnableSale,
  type ReturnableSale,
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
  /** The 201 (first one): the receipt service's ids. */
  acknowledged: { recordId: string; receiptId: string } | null;
  /** A final refusal (4xx other than 408/429): a bug in the till or the service. */
  refused: { status: number; body: string } | null;
  body: PosSale | PosReturn;
  terminalKey: string;
}

/** Every answer a till got (or its absence), for the "no 5xx but 503 with Retry-After" check. */
export interface TillAnswer {
  at: number;
  status: number;
  retryAfter: boolean;
  /** The fault being played when it came, if any. */
  fault: string | null;
}

export interface TillOptions {
  receiptUrl: string;
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Tills selling at a steady rate (an open model: arrival i at i / rate), card and anonymous sales
 * and returns of earlier accepted sales. Each transaction is retried like a real till retries it:
 * the same Idempotency-Key and body, exponential backoff (or the answer's Retry-After), and after
 * `giveUpMs` it is kept and tried again later; `flush` tries every kept one until each is answered.
 */
export function startTills(options: TillOptions) {
  const random = createRandom(`chaos-tills/${options.seed}`);
  const sent: SentTransaction[] = [];
  const answers: TillAnswer[] = [];
  const returnable: { sale: ReturnableSale; store: SimulatedStore }[] = [];
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;
  let selling = true;

  async function post(transaction: SentTransaction): Promise<'done' | 'retry'> {
    transaction.attempts += 1;
    let status = 0;
    let retryAfter: string | null = null;
    let text = '';
    try {
      const response = await fetch(`${options.receiptUrl}/v1/transactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${transaction.terminalKey}`,
          'idempotency-key': transaction.idempotencyKey,
        },
        body: JSON.stringify(transaction.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch {
      status = 0;
    }
    answers.push({ at: Date.now(), status, retryAfter: retryAfter !== null, fault: options.activeFault() });
    if (status === 201) {
      const answer = JSON.parse(text) as { receiptId: string; transactionId: string };
      transaction.acknowledged ??= { recordId: answer.transactionId, receiptId: answer.receiptId };
      return 'done';
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      transaction.refused = { status, body: text.slice(0, 500) };
      return 'done';
    }
    if (retryAfter !== null && Number(retryAfter) > 0) await sleep(Number(retryAfter) * 1000);
    return 'retry';
  }

  async function deliver(transaction: SentTransaction, giveUpMs: number): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      if ((await post(transaction)) === 'done') return;
      if (Date.now() - started > giveUpMs) {
        transaction.kept = true;
        return;
      }
      await sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt) * (0.5 + random.next()));
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
    return {
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
  }

  function track(promise: Promise<void>) {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  }

  const arrivals = (async () => {
    const started = Date.now();
    for (let i = 0; selling; i++) {
      const due = started + (i * 1000) / options.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      if (!selling) break;
      const transaction = nextTransaction();
      if (!transaction) continue;
      sent.push(transaction);
      track(
        deliver(transaction, options.giveUpMs).then(() => {
          if (transaction.acknowledged && transaction.body.type === 'sale') {
            const store = options.estate.stores.find((one) => one.profile.storeId === transaction.storeId);
            if (store)
              returnable.push({ sale: returnableSale(sequence, transaction.body, BRAND.kind), store });
          }
        }),
      );
    }
  })();

  // Kept sales are tried again every few seconds, as a till does once the line is back.
  const retryKept = (async () => {
    while (selling) {
      await sleep(5_000);
      for (const transaction of sent.filter((one) => one.kept && !one.acknowledged && !one.refused))
        track(deliver(transaction, options.giveUpMs));
    }
  })();

  return {
    sent,
    answers,
    /** Stops selling and waits for the transactions in flight. */
    async stop(): Promise<void> {
      selling = false;
      await Promise.all([arrivals, retryKept]);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    /** Sends every kept transaction until each is answered, for up to `boundMs`; returns how many are left. */
    async flush(boundMs: number): Promise<number> {
      const deadline = Date.now() + boundMs;
      for (;;) {
        const left = sent.filter((one) => !one.acknowledged && !one.refused);
        if (left.length === 0 || Date.now() > deadline) return left.length;
        await Promise.all(left.map((one) => deliver(one, Math.max(1_000, deadline - Date.now()))));
      }
    },
  };
}

export type Tills = ReturnType<typeof startTills>;
