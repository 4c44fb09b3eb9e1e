import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope, TransactionRecordedPayload } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { createEventPublisher } from '@scontrino/queue';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCrypto } from '../store/identity-crypto.js';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';

type CommandEvent = { commandName: string; databaseName: string; command: Record<string, unknown> };

const TENANT = 'moda-rossi';
const keys = {
  CRYPTO_KEYS: { '1': randomBytes(32).toString('base64') },
  CRYPTO_ACTIVE_KEY: 1,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
};
const crypto = identityCrypto(keys);

let service: TestReconciliationService;
/** A connection of the test's own, so that waiting for a link costs the service nothing. */
let observer: Connection;
const commands: string[] = [];

beforeAll(async () => {
  const uri = testDatabaseUri('linking_cost');
  service = await startTestReconciliationService({ crypto: keys, databaseUri: uri });
  observer = await connectDatabase({ uri, logger: pino({ level: 'silent' }) });
  service.database.getClient().on('commandStarted', (event: CommandEvent) => {
    if (event.databaseName === service.database.name)
      commands.push(`${event.commandName} ${String(event.command[event.commandName])}`);
  });
  await quiet();
}, 60_000);
afterAll(async () => {
  await closeDatabase(observer);
  await service.close();
});

/** Waits until the service has sent no command for a while (its start-up sweeps, a dispatch). */
async function quiet(ms = 300): Promise<void> {
  for (;;) {
    const before = commands.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (commands.length === before) return;
  }
}

async function linked(observationId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await observer.collection('linked_observations').findOne({ _id: observationId as never }))) {
    if (Date.now() > deadline) throw new Error(`${observationId} not linked`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sealed = (type: 'card' | 'email' | 'phone', value: string) => ({
  type,
  hash: crypto.lookupHash(type, value),
  sealed: crypto.sealForEvent(type, value),
});

function saleEvent(customer: { card?: string; email?: string }): EventEnvelope<'transaction.recorded'> {
  const id = `txn_${randomUUID()}`;
  const payload: TransactionRecordedPayload = {
    id,
    receiptId: `rcpt_${randomUUID()}`,
    transactionId: `T-${randomUUID()}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: new Date().toISOString(),
    currency: 'EUR',
    totals: { subtotal: 4990, discountTotal: 0, taxTotal: 900, total: 4990 },
    lines: [],
    identifiers: [
      ...(customer.card ? [sealed('card', customer.card)] : []),
      ...(customer.email ? [sealed('email', customer.email)] : []),
    ],
    original: null,
    pointsRedeemed: 0,
  };
  return {
    id: `evt_${randomUUID()}`,
    type: 'transaction.recorded',
    version: 1,
    occurredAt: payload.occurredAt,
    payload,
  };
}

/** The commands the service sends while the inbox consumes these sales, until all are linked. */
async function consume(events: EventEnvelope<'transaction.recorded'>[]): Promise<string[]> {
  await quiet();
  commands.length = 0;
  await createEventPublisher(service.queues)(events);
  for (const event of events) await linked(`txn:${(event.payload as TransactionRecordedPayload).id}`);
  await quiet();
  return [...commands];
}

describe('what linking one observation costs in database commands', () => {
  it('through the inbox: a new customer, the same customer again, an anonymous sale', async () => {
    const first = await consume([saleEvent({ card: '2900000011111', email: 'anna@example.it' })]);
    console.log('new customer', first.length, first);
    const again = await consume([saleEvent({ card: '2900000011111', email: 'anna@example.it' })]);
    console.log('same customer', again.length, again);
    const cardOnly = await consume([saleEvent({ card: '2900000011111' })]);
    console.log('same card alone', cardOnly.length, cardOnly);
    const anonymous = await consume([saleEvent({})]);
    console.log('anonymous', anonymous.length, anonymous);
    const many = await consume(
      Array.from({ length: 20 }, (_, n) =>
        saleEvent({ card: `29100000${String(n).padStart(5, '0')}`, email: `c${n}@example.it` }),
      ),
    );
    console.log('20 new customers at once', many.length / 20, 'per sale');
    expect(first.length).toBeGreaterThan(0);
  }, 120_000);

  it('through the API: observations.identify of a new person, then of the same person', async () => {
    const identify = async (sourceId: string) => {
      await quiet();
      commands.length = 0;
      await service.trpc.observations.identify.mutate({
        tenantId: TENANT,
        source: 'crm',
        sourceId,
        at: new Date().toISOString(),
        identifiers: [
          { type: 'email', value: 'bruno@example.it' },
          { type: 'phone', value: '+39 333 765 4321' },
        ],
        name: 'Bruno Neri',
      });
      return [...commands];
    };
    const first = await identify('C-1');
    console.log('identify new', first.length, first);
    const again = await identify('C-2');
    console.log('identify again', again.length, again);
    expect(first.length).toBeGreaterThan(0);
  }, 60_000);
});
