import { closeDatabase, connectDatabase } from '@scontrino/db';
import { findPlan, seedDocuments, testDatabaseUri } from '@scontrino/testing';
import type { Connection, mongo } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierIdOf } from '../domain/ids.js';
import { openGraphStore } from './graph-store.js';
import { matchKeyId } from './match-keys.js';

/** A realistic size: on the local database a query that is not indexed reads every one of them. */
const DOCUMENTS = 50_000;
const TENANT = 'moda-rossi';
const at = new Date('2026-11-22T09:20:00Z');
const hash = (i: number) => `h${String(i).padStart(42, '0')}`;
const email = (i: number) => identifierIdOf(TENANT, 'email', hash(i));
const card = (i: number) => identifierIdOf(TENANT, 'card', hash(i));
const profile = (i: number) => `prf_${i}`;

let connection: Connection;
/** Not written by every observation: enough documents for the planner to choose between index and scan. */
const SMALL = new Set([
  'identifier_tombstones',
  'households',
  'overrides',
  'tenant_settings',
  'match_models',
  'quarantine_report',
  'profile_merges',
  'profile_unmerges',
]);

/**
 * Each collection the linking and the profile reads touch, filled with documents holding the
 * fields their queries and indexes use (the rest of a real document would only make the seeding
 * slower and a scan look dearer to the planner).
 */
const seeds: Record<string, (i: number) => mongo.Document> = {
  processed_events: (i) => ({ _id: `reconciliation-service:evt_${i}` }),
  identifiers: (i) => ({
    _id: i % 2 ? email(i) : card(i),
    tenantId: TENANT,
    profileId: profile(i >> 1),
    links: [],
  }),
  identifier_tombstones: (i) => ({ _id: email(DOCUMENTS + i), tenantId: TENANT }),
  observations: (i) => ({
    _id: `txn:txn_${i}`,
    tenantId: TENANT,
    at,
    identifierIds: [card(i), email(i + 1)],
    outboxPending: false,
  }),
  linked_observations: (i) => ({ _id: `txn:txn_${i}`, tenantId: TENANT, linkedAt: at }),
  profiles: (i) => ({ _id: profile(i), tenantId: TENANT, identifierIds: [card(i)], retiredAt: null }),
  households: (i) => ({ _id: `hh_${i}`, tenantId: TENANT }),
  overrides: (i) => ({ _id: `nl:${card(i)}~${email(i)}`, tenantId: TENANT }),
  match_keys: (i) => ({ _id: matchKeyId(TENANT, `name:${hash(i)}`), tenantId: TENANT, identifierIds: [] }),
  tenant_settings: (i) => ({ _id: `tenant-${i}` }),
  match_models: (i) => ({ _id: `tenant-${i}` }),
  quarantine_report: (i) => ({ _id: email(i), tenantId: TENANT, at }),
  profile_merges: (i) => ({ _id: `mrg_${i}`, tenantId: TENANT, mergedAt: at, outboxPending: false }),
  profile_unmerges: (i) => ({ _id: `unm_${i}`, tenantId: TENANT, outboxPending: false }),
};

beforeAll(async () => {
  connection = await connectDatabase({
    uri: testDatabaseUri('reconciliation_plans'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  // The service's own models declare the indexes; the seed goes in beside them.
  await openGraphStore(connection);
  await Promise.all(
    Object.entries(seeds).map(([name, make]) =>
      seedDocuments(connection.collection(name), SMALL.has(name) ? 6_000 : DOCUMENTS, make),
    ),
  );
}, 180_000);
afterAll(() => closeDatabase(connection));

const i = 31_337;
/** Every query linking an observation and reading a profile sends, with what it is for. */
const hotQueries: [string, string, mongo.Document][] = [
  ['an event already handled?', 'processed_events', { _id: `reconciliation-service:evt_${i}` }],
  ["the observation's identifiers (and their links)", 'identifiers', { _id: email(i) }],
  ["a tenant's tombstones (read whole every few seconds)", 'identifier_tombstones', { tenantId: 'tenant-7' }],
  [
    'a new identifier: was it erased? (a tenant with very many)',
    'identifier_tombstones',
    { _id: email(DOCUMENTS + 7) },
  ],
  ['the stored observation (a web order, a claimed sale, a replay)', 'observations', { _id: `txn:txn_${i}` }],
  ["a component's profiles", 'profiles', { _id: profile(i) }],
  ["a component's staff overrides", 'overrides', { _id: `nl:${card(7)}~${email(7)}` }],
  ['a household rewritten', 'households', { _id: 'hh_7' }],
  ['suggestions: a blocking key', 'match_keys', { _id: matchKeyId(TENANT, `name:${hash(i)}`) }],
  ["the tenant's settings", 'tenant_settings', { _id: 'tenant-7' }],
  ["the tenant's match model (suggestions)", 'match_models', { _id: 'tenant-7' }],
  ['a quarantine reported', 'quarantine_report', { _id: email(7) }],
  ['observations.status: linked yet?', 'linked_observations', { _id: `txn:txn_${i}` }],
  ["a profile's observations (customer view, export, erasure)", 'observations', { identifierIds: card(i) }],
  ['events to send: web orders', 'observations', { outboxPending: true }],
  ['events to send: merges', 'profile_merges', { outboxPending: true }],
  ['events to send: unmerges', 'profile_unmerges', { outboxPending: true }],
  ['a merge record told to the dispatcher', 'profile_merges', { _id: 'mrg_7' }],
  [
    "the weekly report: a tenant's merges of a week",
    'profile_merges',
    { tenantId: 'tenant-7', mergedAt: { $gte: at } },
  ],
  ["the weekly report: a tenant's quarantined identifiers", 'quarantine_report', { tenantId: 'tenant-7' }],
];

describe(`reconciliation hot paths on ${DOCUMENTS} documents per collection`, () => {
  it.each(hotQueries)(
    '%s (%s) reads by index, not the whole collection',
    async (_path, collection, filter) => {
      const plan = await findPlan(connection.db!, collection, filter);
      if (plan === null) return; // a backend whose plans say nothing about indexes (SQLite files)
      expect(plan.scansCollection, JSON.stringify(plan.plan)).toBe(false);
    },
  );

  it('when a query names a nested field (identifiers.id), then this test sees it scan', async () => {
    const plan = await findPlan(connection.db!, 'observations', { 'identifiers.id': card(i) });
    if (plan === null) return;
    expect(plan.scansCollection).toBe(true);
  });
});
