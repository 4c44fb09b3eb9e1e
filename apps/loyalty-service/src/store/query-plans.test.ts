import { closeDatabase, connectDatabase } from '@scontrino/db';
import { findPlan, seedDocuments, testDatabaseUri } from '@scontrino/testing';
import type { Connection, mongo } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryId } from '../domain/ledger/entry.js';
import { historyPageOf } from './ledger-model.js';
import { openLoyaltyStore } from './loyalty-store.js';
import { memberKeyId } from './members-model.js';
import { openSalesArchive } from './sales.js';

/** A realistic size: on the local database a query that is not indexed reads every one of them. */
const DOCUMENTS = 50_000;
const TENANT = 'moda-rossi';
const at = new Date('2026-11-22T09:20:00Z');
const hash = (i: number) => `h${String(i).padStart(42, '0')}`;
const member = (i: number) => `mbr_${i}`;

let connection: Connection;
/** Not on a sale's path: enough documents for the planner to choose between index and scan. */
const SMALL = new Set(['sign_in_codes', 'holds', 'early_claims']);

/**
 * Each collection a hot path reads, filled with documents holding the fields its queries and
 * indexes use. The rest of a real document would only make the seeding slower and a scan look
 * dearer to the planner: without it the check is no weaker.
 */
const seeds: Record<string, (i: number) => mongo.Document> = {
  processed_events: (i) => ({ _id: `loyalty-service:evt_${i}` }),
  member_keys: (i) => ({
    _id: memberKeyId(TENANT, i % 2 ? 'card' : 'email', hash(i)),
    memberId: member(i >> 1),
  }),
  members: (i) => ({ _id: member(i), tenantId: TENANT, profileId: `prf_${i}` }),
  ledger_heads: (i) => ({ _id: member(i), seq: 3 }),
  ledger_entries: (i) => ({
    _id: entryId(member(i >> 2), (i % 4) + 1),
    memberId: member(i >> 2),
    seq: (i % 4) + 1,
    historyPage: historyPageOf(member(i >> 2), (i % 4) + 1),
    businessKey: `earn:txn_${i}`,
    outboxPending: false,
  }),
  sales: (i) => ({
    _id: `txn_${i}`,
    tenantId: TENANT,
    occurredAt: at,
    identifierHashes: [hash(i)],
    outboxPending: false,
  }),
  sign_in_codes: (i) => ({ _id: `${TENANT}:${hash(i)}` }),
  holds: (i) => ({ _id: `hold_${i}` }),
  early_claims: (i) => ({ _id: `rcpt_${i}`, tenantId: TENANT, emailHash: hash(i) }),
};

beforeAll(async () => {
  connection = await connectDatabase({
    uri: testDatabaseUri('loyalty_plans'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  // The service's own models declare the indexes; the seed goes in beside them.
  await openLoyaltyStore(connection);
  await openSalesArchive(connection);
  await Promise.all(
    Object.entries(seeds).map(([name, make]) =>
      seedDocuments(connection.collection(name), SMALL.has(name) ? 6_000 : DOCUMENTS, make),
    ),
  );
}, 120_000);
afterAll(() => closeDatabase(connection));

const i = 31_337;
/** Every query the hot paths send, with the path it serves. */
const hotQueries: [string, string, mongo.Document][] = [
  ['an event already handled?', 'processed_events', { _id: `loyalty-service:evt_${i}` }],
  ["the till's card: whose?", 'member_keys', { _id: memberKeyId(TENANT, 'card', hash(i)) }],
  ['sign-in by e-mail: whose?', 'member_keys', { _id: memberKeyId(TENANT, 'email', hash(i + 1)) }],
  ['the member', 'members', { _id: member(i) }],
  ["a merge: the profile's members", 'members', { tenantId: TENANT, profileId: `prf_${i}` }],
  ['the balance: the folded ledger', 'ledger_heads', { _id: member(i) }],
  ['a write: the folded ledger moves on', 'ledger_heads', { _id: member(i), seq: { $lt: 4 } }],
  ['entries past the folded ledger', 'ledger_entries', { _id: entryId(member(i), 4) }],
  ['a replayed event: the entry of its key', 'ledger_entries', { businessKey: `earn:txn_${i}` }],
  ["the app's history, a page", 'ledger_entries', { historyPage: historyPageOf(member(i), 1) }],
  ["a member's entries (export, support desk)", 'ledger_entries', { memberId: member(i) }],
  ['events to send', 'ledger_entries', { outboxPending: true }],
  ['an archived sale (a return, a claim)', 'sales', { _id: `txn_${i}` }],
  ['events to send', 'sales', { outboxPending: true }],
  ["an erasure: the person's sales", 'sales', { tenantId: TENANT, identifierHashes: hash(i) }],
  ["sign-in: the address's code", 'sign_in_codes', { _id: `${TENANT}:${hash(i)}` }],
  ['capture or void at the till: the hold', 'holds', { _id: `hold_${i}` }],
  ["joining: the address's early claims", 'early_claims', { tenantId: TENANT, emailHash: hash(i) }],
];

describe(`loyalty hot paths on ${DOCUMENTS} documents per collection`, () => {
  it.each(hotQueries)(
    '%s (%s) reads by index, not the whole collection',
    async (_path, collection, filter) => {
      const plan = await findPlan(connection.db!, collection, filter);
      if (plan === null) return; // a backend whose plans say nothing about indexes (SQLite files)
      expect(plan.scansCollection, JSON.stringify(plan.plan)).toBe(false);
    },
  );

  it('when a query is not on an indexed top-level field, then this test sees it scan', async () => {
    const plan = await findPlan(connection.db!, 'members', { 'email.hash': hash(i) });
    if (plan === null) return;
    expect(plan.scansCollection).toBe(true);
  });
});
