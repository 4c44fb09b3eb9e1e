import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope, TransactionRecordedPayload } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { createEventPublisher, inboxQueueName } from '@scontrino/queue';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCrypto } from '../../store/identity-crypto.js';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

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

/**
 * The commands the service sends for `work` until it is quiet again, in sorted order (commands
 * sent at once may arrive in any order). The tenant's settings, match model and tombstones are
 * left out: they are read once every few seconds (one command each), not per observation.
 */
const PER_TENANT = new Set(['find tenant_settings', 'find match_models', 'find identifier_tombstones']);

async function costOf(work: () => Promise<unknown>): Promise<string[]> {
  await quiet();
  commands.length = 0;
  await work();
  await quiet();
  return commands.filter((command) => !PER_TENANT.has(command)).sort();
}

/** The commands of the inbox consuming these sales, until every one is linked. */
function consume(events: EventEnvelope<'transaction.recorded'>[]): Promise<string[]> {
  return costOf(async () => {
    await createEventPublisher(service.queues)(events);
    for (const event of events) await linked(`txn:${(event.payload as TransactionRecordedPayload).id}`);
  });
}

const times = (count: number, command: string) => Array.from({ length: count }, () => command);
const inbox = (...linking: string[]) =>
  ['find processed_events', ...linking, 'insert processed_events'].sort();
/** A sale's event: its handler tells a replay by the observation's id, the inbox keeps no record. */
const sale = (...linking: string[]) => [...linking].sort();
/** After linking a customer's purchase, the inbox marks it for the customer facts (docs/kpi-dashboard.md). */
const MARK = 'insert customer_facts_marks';

describe('what linking one observation costs in database commands', () => {
  it('when the inbox links a sale, then each new identifier is read once by _id, a regular one not at all, and each kind of document is written with one command', async () => {
    const anna = { card: '2900000011111', email: 'anna@example.it' };
    expect(await consume([saleEvent(anna)])).toEqual(
      sale(
        ...times(2, 'find identifiers'),
        'insert observations',
        // The e-mail's blocking keys for suggestions: its letters, and its letters at this store.
        ...times(2, 'find match_keys'),
        'insert match_keys',
        'insert identifiers',
        'insert profiles',
        'insert linked_observations',
        MARK,
      ),
    );
    // A regular customer: nothing new, so nothing of the graph is written, and nothing is read:
    // the linker kept the identifiers its last batch wrote.
    expect(await consume([saleEvent(anna)])).toEqual(
      sale('insert observations', 'insert linked_observations', MARK),
    );
    expect(await consume([saleEvent({ card: anna.card })])).toEqual(
      sale('insert observations', 'insert linked_observations', MARK),
    );
    // An anonymous sale is nobody's purchase: nothing to mark.
    expect(await consume([saleEvent({})])).toEqual(sale('insert observations', 'insert linked_observations'));
  }, 120_000);

  it('when the card is seen with a new e-mail, then the links, the profile and the new identifier are one write each', async () => {
    const card = '2900000022222';
    await consume([saleEvent({ card })]);
    expect(await consume([saleEvent({ card, email: 'bea@example.it' })])).toEqual(
      sale(
        // The card and its profile are kept from the sale before: only the new e-mail is read.
        'find identifiers',
        ...times(2, 'find match_keys'),
        'insert match_keys',
        'insert observations',
        'insert identifiers',
        'update identifiers',
        'update profiles',
        'insert linked_observations',
        MARK,
      ),
    );
  }, 60_000);

  it('when the inbox holds many sales at once, then they are linked as one batch: four commands a sale or fewer', async () => {
    const sales = Array.from({ length: 20 }, (_, n) =>
      saleEvent({ card: `29100000${String(n).padStart(5, '0')}`, email: `c${n}@example.it` }),
    );
    const cost = await consume(sales);
    // Per sale: two identifiers; then shared inserts. No inbox record: the observation tells a replay.
    expect(cost.length / sales.length).toBeLessThanOrEqual(4);
    expect(cost.filter((command) => command.endsWith('processed_events'))).toEqual([]);
    expect(cost.filter((command) => command.startsWith('update'))).toEqual([]);
  }, 120_000);

  it("when a sale's event comes again, then its stored observation tells the replay and nothing changes", async () => {
    const event = saleEvent({ card: '2900000077777', email: 'dario@example.it' });
    await consume([event]);
    const counts = () =>
      Promise.all(
        ['profiles', 'identifiers', 'observations', 'linked_observations'].map((name) =>
          observer.collection(name).countDocuments(),
        ),
      );
    const before = await counts();
    const again = await costOf(async () => {
      await createEventPublisher(service.queues)([{ ...event, id: `${event.id}.again` }]);
      const inbox = service.queues.queue(inboxQueueName('reconciliation-service'));
      while (!(await (await inbox.getJob(`${event.id}.again`))?.isCompleted())) await quiet(20);
    });
    // Its inserts meet their ids taken; nothing is updated.
    expect(again.filter((command) => command.startsWith('update'))).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('when observations.identify names a new person, then it costs what a new customer costs, plus the suggestions’ blocking keys', async () => {
    const identify = (sourceId: string) =>
      costOf(() =>
        service.trpc.observations.identify.mutate({
          tenantId: TENANT,
          source: 'crm',
          sourceId,
          at: new Date().toISOString(),
          identifiers: [
            { type: 'email', value: 'bruno@example.it' },
            { type: 'phone', value: '+39 333 765 4321' },
          ],
          name: 'Bruno Neri',
        }),
      );
    expect(await identify('C-1')).toEqual(
      [
        ...times(2, 'find identifiers'),
        'insert observations',
        // The name, the e-mail's letters, the phone's national digits.
        ...times(3, 'find match_keys'),
        'insert identifiers',
        'insert profiles',
        'insert match_keys',
        'insert linked_observations',
      ].sort(),
    );
    // Nothing new for the graph: no blocking key is read either, and the identifiers are kept.
    expect(await identify('C-2')).toEqual(['insert observations', 'insert linked_observations'].sort());
  }, 60_000);

  it('when a web order is posted, then the API stores it with its event in one insert, the dispatcher reads nothing back, and the inbox links it', async () => {
    const cost = await costOf(async () => {
      const answer = await service.postOrder({
        tenantId: TENANT,
        shopId: 'web-it',
        orderId: 'W-COST-1',
        channel: 'web',
        placedAt: new Date().toISOString(),
        currency: 'EUR',
        total: 4200,
        customer: { accountId: 'acc-77', email: 'carla@example.it' },
        lines: [{ sku: 'SCARF', quantity: 1, total: 4200 }],
      });
      expect(answer.status).toBe(202);
      await linked('order:moda-rossi:web-it:W-COST-1');
    });
    expect(cost).toEqual(
      [
        // The API: erased people's identifiers stay out (the tenant's tombstones, kept a few
        // seconds); the order and its event, one insert.
        'insert observations',
        // The dispatcher: the event leaves the document.
        'update observations',
        // The inbox: the order as the API stored it (kept in memory), its identifiers (new), the
        // writes.
        ...inbox(
          ...times(2, 'find identifiers'),
          // The profile an earlier, crashed attempt of this order would have left, by _id: the API
          // stored the order, so no duplicate tells its replay (linker.ts, profilesLeftBy).
          'find profiles',
          // The e-mail's letters, a blocking key for suggestions.
          'find match_keys',
          'insert match_keys',
          'insert identifiers',
          'insert profiles',
          'insert linked_observations',
          MARK,
        ),
      ].sort(),
    );
  }, 60_000);
});
