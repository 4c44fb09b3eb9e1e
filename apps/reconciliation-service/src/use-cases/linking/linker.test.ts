import { randomBytes } from 'node:crypto';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import type { IdentifierType } from '@scontrino/identity';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';
import { identityCrypto } from '../../store/identity-crypto.js';
import type { GraphDeps } from './graph-deps.js';
import { openGraph } from './graph-setup.js';
import type { Linker } from './graph-deps.js';
import { linkIdOf } from '../../domain/ids.js';
import { createLinker } from './linker.js';
import { cutLink } from './staff-actions.js';
import { defaultGraphConfig } from '../../domain/graph/config.js';
import {
  profileDifferences,
  rebuildFromObservations,
  type ObservationSighting,
} from '../../domain/graph/from-observations.js';
import type { LinkRule } from '../../domain/graph/types.js';
import { observedIdentifier } from './observed-identifiers.js';

const TENANT = 'moda-rossi';
const keys = {
  CRYPTO_KEYS: { '1': randomBytes(32).toString('base64') },
  CRYPTO_ACTIVE_KEY: 1,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
};
const graphEnv = { GRAPH_LIMITS: {}, GRAPH_JUNK_K: 3, GRAPH_BLOCKLIST: ['email:noemail@*'] };
const clock = () => new Date('2026-11-22T10:00:00Z');
const crypto = identityCrypto(keys);

const connections: Connection[] = [];
afterAll(() => Promise.all(connections.map((connection) => closeDatabase(connection))));

interface Graph {
  connection: Connection;
  deps: Omit<GraphDeps, 'linker'>;
  linker: Linker;
  /** Database commands sent so far. */
  commands: string[];
}

/** The graph on a fresh database, with `change` applied to its store (to make a write fail). */
async function openTestGraph(change: (store: GraphStore) => GraphStore = (store) => store): Promise<Graph> {
  const connection = await connectDatabase({
    uri: testDatabaseUri('linker'),
    logger: pino({ level: 'silent' }),
  });
  connections.push(connection);
  const graph = await openGraph(connection, { ...keys, ...graphEnv }, clock);
  const commands: string[] = [];
  connection
    .getClient()
    .on(
      'commandStarted',
      (event: { commandName: string; databaseName: string; command: Record<string, unknown> }) => {
        if (event.databaseName === connection.name)
          commands.push(`${event.commandName} ${String(event.command[event.commandName])}`);
      },
    );
  const deps = { ...graph, store: change(graph.store) };
  return { connection, deps, linker: createLinker(deps), commands };
}

/** The same graph with the store of `graph` as it was before the failure. */
function healthy(graph: Graph, store: GraphStore): Graph {
  const deps = { ...graph.deps, store };
  return { ...graph, deps, linker: createLinker(deps) };
}

/**
 * A graph whose flush dies after its first round (profiles, records: no identifier is written), as
 * a crash between them would, and the same graph with its store healthy.
 */
async function openCrashingGraph(): Promise<{ broken: Graph; fine: Graph }> {
  let store: GraphStore | undefined;
  const broken = await openTestGraph((healthyStore) => {
    store = healthyStore;
    return {
      ...healthyStore,
      identifiers: {
        ...healthyStore.identifiers,
        insertEach: () => Promise.reject(new Error('killed')),
        changeEach: () => Promise.reject(new Error('killed')),
      },
    };
  });
  return { broken, fine: healthy(broken, store as GraphStore) };
}

let minute = 0;
function observation(id: string, ...identifiers: [IdentifierType, string, boolean?][]): Observation {
  minute += 1;
  return {
    observationId: `identify:crm:${id}`,
    tenantId: TENANT,
    kind: 'identify',
    channel: 'identify',
    rule: 'identify',
    at: new Date(Date.UTC(2026, 10, 1, 9, minute)),
    storeId: null,
    shopId: null,
    pickupStoreId: null,
    purchase: null,
    identifiers: identifiers.map(([type, value, verified]) =>
      observedIdentifier(crypto, TENANT, { type, value }, { verified: verified ?? false }),
    ),
    nameSealed: null,
  };
}

/**
 * People who share things: Anna’s two cards end up one profile through her phone, a placeholder
 * e-mail is quarantined at birth, and a store's phone typed on five customers' sales becomes junk
 * and is taken out of the profiles it had joined.
 */
const stream: Observation[] = [
  observation('1', ['card', '2900000000001'], ['email', 'anna@example.it']),
  observation('2', ['card', '2900000000002']),
  observation('3', ['card', '2900000000001'], ['phone', '+393331110001']),
  observation('4', ['phone', '+393331110001'], ['card', '2900000000002']),
  observation('5', ['card', '2900000000003'], ['email', 'noemail@moda-rossi.it']),
  observation('6', ['card', '2900000000004'], ['email', 'noemail@moda-rossi.it']),
  observation('7', ['card', '2900000000001']),
  observation('8', ['email', 'carla@example.it', true], ['card', '2900000000005']),
  observation('9', ['card', '2900000000005'], ['email', 'carla@example.it', true]),
  observation('10', ['card', '2900000000006']),
  ...[7, 8, 9, 10, 11].map((n) =>
    observation(
      `store-${n}`,
      ['card', `29000000000${String(n).padStart(2, '0')}`],
      ['phone', '+390286460000'],
    ),
  ),
];

/** Everything the linking wrote, without times: what must not depend on how it was batched. */
async function graphOf(connection: Connection) {
  const all = async (name: string) =>
    (await connection.collection(name).find({}).toArray()).sort((x, y) =>
      String(x._id) < String(y._id) ? -1 : 1,
    );
  return {
    identifiers: (await all('identifiers')).map((d) => ({
      _id: d._id,
      profileId: d.profileId as unknown,
      quarantined: (d.quarantined as { reason: string } | null)?.reason ?? null,
      verified: d.verified as unknown,
      links: (d.links as { to: string; observationId: string }[])
        .map((link) => `${link.to}@${link.observationId}`)
        .sort(),
    })),
    profiles: (await all('profiles')).map((p) => ({
      _id: p._id,
      identifierIds: [...(p.identifierIds as string[])].sort(),
      householdId: p.householdId as unknown,
      mergedInto: p.mergedInto as unknown,
      retired: p.retiredAt !== null,
    })),
    merges: (await all('profile_merges')).map((m) => [m._id, m.survivorId, m.absorbedIds] as unknown[]),
    unmerges: (await all('profile_unmerges')).map((u) => [u._id, u.fromProfileId, u.profiles] as unknown[]),
    quarantined: (await all('quarantine_report')).map((q) => [q._id, q.reason] as unknown[]),
    linked: (await all('linked_observations')).map((m) => m._id),
    observations: (await all('observations')).map((o) => [o._id, o.identifierIds] as unknown[]),
  };
}

async function oneByOne(): Promise<Awaited<ReturnType<typeof graphOf>>> {
  const graph = await openTestGraph();
  for (const item of stream) await graph.linker.storeAndLink(item);
  return graphOf(graph.connection);
}

describe('the linker', () => {
  it('when observations of one component arrive together, then they are linked in a batch and give what linking them one by one gives', async () => {
    const expected = await oneByOne();
    expect(expected.merges).toHaveLength(1);
    expect(expected.quarantined.map(([, reason]) => reason).sort()).toEqual(['blocklist', 'junk']);

    const together = await openTestGraph();
    const answers = await Promise.all(stream.map((item) => together.linker.storeAndLink(item)));
    expect(answers.every((answer) => answer.status === 'accepted')).toBe(true);
    expect(await graphOf(together.connection)).toEqual(expected);
    // The first observation went alone (the linker was idle); the others waited for it and went as one.
    expect(together.commands.filter((command) => command === 'insert observations')).toHaveLength(2);

    // Sent again: duplicates, answered with what was stored, and nothing changes.
    const again = await Promise.all(stream.map((item) => together.linker.storeAndLink(item)));
    expect(again.map((answer) => answer.status)).toEqual(stream.map(() => 'duplicate'));
    expect(await graphOf(together.connection)).toEqual(expected);
  }, 120_000);

  it('when a CRM sync has many sightings waiting and a till sale arrives after them, then the sale goes in the next batch ahead of the sync, with a quarter of a batch of the sync', async () => {
    const graph = await openTestGraph();
    const linker = createLinker(graph.deps, 4);
    const order: string[] = [];
    const track = (promise: Promise<{ observation: Observation }>) =>
      promise.then(({ observation }) => void order.push(observation.observationId));
    // Something else (a staff action) holds the tenant's graph while they arrive.
    let release = () => {};
    await new Promise<void>((taken) => {
      void graph.deps.lock.run(
        TENANT,
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            taken();
          }),
      );
    });
    const sync = [0, 1, 2, 3, 4, 5, 6].map((n) =>
      track(linker.storeAndLink(observation(`sync-${n}`, ['email', `sync${n}@example.it`]), 'bulk')),
    );
    const sale = track(linker.storeAndLink(observation('sale', ['card', '2900000000202'])));
    graph.commands.length = 0;
    release();
    await Promise.all([...sync, sale]);
    // The first sighting took the idle linker's turn; then the sale with one sighting of the sync
    // (a quarter of a batch of 4), then the others four at a time.
    expect(order.slice(0, 3)).toEqual(['identify:crm:sync-0', 'identify:crm:sale', 'identify:crm:sync-1']);
    expect(order.slice(3).sort()).toEqual([2, 3, 4, 5, 6].map((n) => `identify:crm:sync-${n}`));
    expect(graph.commands.filter((command) => command === 'insert observations')).toHaveLength(4);
  }, 60_000);

  it('when staff cut a link between two batches, then the next batch reads the graph again and the cut holds', async () => {
    const graph = await openTestGraph();
    const seen = () => observation(`cut-${minute}`, ['card', '2900000000101'], ['phone', '+393331110101']);
    const first = seen();
    await graph.linker.storeAndLink(first);
    const [cardId, phoneId] = first.identifiers.map((i) => i.id) as [string, string];
    const profileOf = async (id: string) =>
      (await graph.connection.collection('identifiers').findOne({ _id: id as never }))?.profileId as unknown;
    expect(await profileOf(cardId)).toBe(await profileOf(phoneId));

    await cutLink({ ...graph.deps, linker: graph.linker }, TENANT, linkIdOf(cardId, phoneId), 'staff-1');
    expect(await profileOf(cardId)).not.toBe(await profileOf(phoneId));
    // Seen together again: what the linker kept from its last batch predates the cut, so it
    // reads the identifiers again, and the cut link stays cut.
    graph.commands.length = 0;
    await graph.linker.storeAndLink(seen());
    expect(graph.commands.filter((command) => command === 'find identifiers')).toHaveLength(2);
    expect(await profileOf(cardId)).not.toBe(await profileOf(phoneId));
  }, 60_000);

  it.each([
    [
      'the profiles',
      (store: GraphStore): GraphStore => ({
        ...store,
        profiles: { ...store.profiles, insertEach: () => Promise.reject(new Error('connection lost')) },
      }),
    ],
    [
      'the identifiers’ updates',
      (store: GraphStore): GraphStore => ({
        ...store,
        identifiers: {
          ...store.identifiers,
          change: () => Promise.reject(new Error('connection lost')),
          changeEach: () => Promise.reject(new Error('connection lost')),
        },
      }),
    ],
    [
      'the markers',
      (store: GraphStore): GraphStore => ({
        ...store,
        observations: {
          ...store.observations,
          markLinkedEach: () => Promise.reject(new Error('connection lost')),
        },
      }),
    ],
  ])(
    'when writing %s fails half-way through a batch, then the observations sent again are linked as if nothing had failed',
    async (_what, failing) => {
      const expected = await oneByOne();
      let store: GraphStore | undefined;
      const broken = await openTestGraph((healthyStore) => {
        store = healthyStore;
        return failing(healthyStore);
      });
      const first = stream.slice(0, 2);
      const rest = stream.slice(2);
      // The first two linked by a healthy store, then the rest fails in one batch.
      const fine = healthy(broken, store as GraphStore);
      for (const item of first) await fine.linker.storeAndLink(item);
      const failed = await Promise.allSettled(rest.map((item) => broken.linker.storeAndLink(item)));
      expect(failed.some((outcome) => outcome.status === 'rejected')).toBe(true);

      // The senders try again (the inbox retries, an API caller repeats its call).
      for (const item of rest) await fine.linker.storeAndLink(item);
      expect(await graphOf(broken.connection)).toEqual(expected);
    },
    120_000,
  );

  it('when a crash leaves a new profile before its identifiers point at it and another observation takes them first, then the replay retires that profile into theirs', async () => {
    const { broken, fine } = await openCrashingGraph();
    const sale = observation('orphan-sale', ['email', 'lucia@example.it']);
    const order = observation(
      'orphan-order',
      ['email', 'lucia@example.it'],
      ['phone', '+393331110777'],
      ['webAccount', 'lucia-77'],
    );
    await expect(broken.linker.storeAndLink(sale)).rejects.toThrow('killed');
    const profiles = broken.connection.collection('profiles');
    expect(await profiles.countDocuments({ retiredAt: null })).toBe(1);

    await fine.linker.storeAndLink(order);
    expect((await fine.linker.storeAndLink(sale)).status).toBe('duplicate');

    const live = await expectProfilesAsRebuilt(broken.connection);
    // The profile the crashed attempt created now leads to the one that holds the e-mail, by a merge.
    const orphan = await profiles.findOne({ retiredAt: { $ne: null } });
    const survivor = live[0];
    expect(orphan?.mergedInto).toBe(survivor?._id);
    const merges = await broken.connection.collection('profile_merges').find({}).toArray();
    expect(merges.map((m) => [m.survivorId, m.absorbedIds] as unknown[])).toEqual([
      [survivor?._id, [orphan?._id]],
    ]);
  }, 60_000);

  it('when a web order stored by the API crashes its linking the same way, then linking it again retires the profile left behind', async () => {
    const { broken, fine } = await openCrashingGraph();
    // The API stores an order with its event; the inbox links it without storing it (`link`), and
    // nothing tells that delivery from a redelivery after a crash.
    const order = observation('orphan-web-order', ['email', 'marta@example.it'], ['webAccount', 'marta-5']);
    await fine.deps.store.observations.insertEach([order]);
    await expect(broken.linker.link(order)).rejects.toThrow('killed');
    const profiles = broken.connection.collection('profiles');
    const [orphan] = await profiles.find({ retiredAt: null }).toArray();

    // Meanwhile a till sale brings the same e-mail with a card: its profile holds the e-mail.
    await fine.linker.storeAndLink(
      observation('orphan-till-sale', ['email', 'marta@example.it'], ['card', 'CARD-5']),
    );
    await fine.linker.link(order);

    const live = await expectProfilesAsRebuilt(broken.connection);
    expect(live).toHaveLength(1);
    expect(await profiles.findOne({ _id: orphan?._id })).toMatchObject({ mergedInto: live[0]?._id });
  }, 60_000);
});

/**
 * The live profiles, once checked: none holds an identifier that points at another profile, and
 * they equal a rebuild from scratch of the stored observations.
 */
async function expectProfilesAsRebuilt(connection: Connection) {
  const profiles = connection.collection('profiles');
  const live = await profiles.find({ retiredAt: null }).toArray();
  const identifiers = await connection.collection('identifiers').find({}).toArray();
  const pointedAt = new Map(identifiers.map((d) => [String(d._id), d.profileId as unknown]));
  // No live profile holds an identifier that points at another profile.
  expect(
    live.flatMap((p) =>
      (p.identifierIds as string[])
        .filter((id) => pointedAt.get(id) !== p._id)
        .map((id) => `${String(p._id)}:${id}`),
    ),
  ).toEqual([]);
  const stored = await connection.collection('observations').find({}).toArray();
  const rebuilt = rebuildFromObservations(
    stored.map((o) => ({
      observationId: String(o._id),
      at: (o.at as Date).getTime(),
      rule: o.rule as LinkRule,
      identifiers: o.identifiers as ObservationSighting['identifiers'],
    })),
    { cutLinkIds: new Set(), overrides: { neverLink: [], mustLink: [] }, quarantined: new Map() },
    defaultGraphConfig,
    clock().getTime(),
  );
  const asStored = live.map((p) => ({
    profileId: String(p._id),
    identifierIds: p.identifierIds as string[],
    householdId: p.householdId as string | null,
  }));
  expect(profileDifferences(asStored, rebuilt.profiles)).toEqual([]);
  return live;
}
