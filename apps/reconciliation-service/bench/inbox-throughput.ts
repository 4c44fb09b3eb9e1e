import { randomUUID } from 'node:crypto';
import type { EventEnvelope, TransactionRecordedPayload } from '@scontrino/contracts';
import { mulberry32 } from './synthetic/prng.js';
import type { IdentityCrypto } from '../src/store/identity-crypto.js';

export interface InboxThroughput {
  events: number;
  elapsedS: number;
  perSecond: number;
  /** Database commands per event, the consumer's record of it included. */
  commandsPerEvent: number;
}

export interface InboxTarget {
  /** Puts events into the service's inbox (as the receipt service's dispatcher does). */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  /** How many observations are linked so far (read on a connection of the bench's own). */
  linkedCount(): Promise<number>;
  dbCommands(): number;
  crypto: IdentityCrypto;
}

/**
 * Till sales as the receipt service announces them: a regular clientele (cards seen again and
 * again, some with their e-mail), newcomers, and anonymous sales, all for one tenant.
 */
export function tillSales(crypto: IdentityCrypto, count: number, seed = 11): EventEnvelope[] {
  const random = mulberry32(seed);
  const sealed = (type: 'card' | 'email', value: string) => ({
    type,
    hash: crypto.lookupHash(type, value),
    sealed: crypto.sealForEvent(type, value),
  });
  return Array.from({ length: count }, (_, n) => {
    const draw = random();
    // 55 % a regular's card (one of 300), 15 % with their e-mail too, 10 % a newcomer, 20 % anonymous.
    const regular = Math.floor(random() * 300);
    const customer =
      draw < 0.55
        ? [sealed('card', `29000${String(regular).padStart(8, '0')}`)]
        : draw < 0.7
          ? [
              sealed('card', `29000${String(regular).padStart(8, '0')}`),
              sealed('email', `regular${regular}@example.it`),
            ]
          : draw < 0.8
            ? [sealed('card', `29100${String(n).padStart(8, '0')}`), sealed('email', `new${n}@example.it`)]
            : [];
    const payload: TransactionRecordedPayload = {
      id: `txn_${randomUUID()}`,
      receiptId: `rcpt_${randomUUID()}`,
      transactionId: `T-${n}`,
      storeId: 'MI-001',
      tenantId: 'moda-rossi',
      type: 'sale',
      occurredAt: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
      currency: 'EUR',
      totals: { subtotal: 4990, discountTotal: 0, taxTotal: 900, total: 4990 },
      lines: [],
      identifiers: customer,
      original: null,
      pointsRedeemed: 0,
    };
    return {
      id: `${payload.id}.recorded`,
      type: 'transaction.recorded',
      version: 1,
      occurredAt: payload.occurredAt,
      payload,
    };
  });
}

/**
 * Events per second through the inbox: `count` till sales published at once, timed until every
 * one is linked. Whatever the inbox holds at once is linked as one batch.
 */
export async function measureInboxThroughput(target: InboxTarget, count: number): Promise<InboxThroughput> {
  const events = tillSales(target.crypto, count);
  const before = await target.linkedCount();
  const commandsBefore = target.dbCommands();
  const started = performance.now();
  await target.publish(events);
  while ((await target.linkedCount()) - before < count)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const elapsedS = (performance.now() - started) / 1000;
  // The consumer records each event after its handler: let the last records go in.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    events: count,
    elapsedS,
    perSecond: count / elapsedS,
    commandsPerEvent: (target.dbCommands() - commandsBefore) / count,
  };
}
