import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { createServiceApp, listen, type RunningService } from '@scontrino/service';
import { staffToken, testDatabaseUri, testStaffVerifier, trpcFailure } from '@scontrino/testing';
import { router } from '@scontrino/trpc';
import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProgramConfig } from '@scontrino/contracts';
import type { MemberEarningContext } from '../../domain/program/earning-contract.js';
import { member, recordedSale } from '../../domain/program/program-fixtures.js';
import { programDrafts } from '../../store/program-drafts.js';
import { openProgramVersions } from '../../store/program-versions.js';
import { openSalesArchive, type SalesArchive } from '../../store/sales.js';
import { createProgramRouter } from './router.js';

const SERVICE_TOKEN = 'program-router-test-token-000000000000000';
const logger = pino({ level: 'silent' });
const now = new Date('2026-11-30T12:00:00Z');
const contexts = new Map<string, MemberEarningContext>();

function testRouter(deps: Parameters<typeof createProgramRouter>[0]) {
  return router({ program: createProgramRouter(deps) });
}

let connection: Connection;
let sales: SalesArchive;
let running: RunningService;
let adminToken: string;

beforeAll(async () => {
  connection = await connectDatabase({ uri: testDatabaseUri('program_api'), logger, retry: { attempts: 3 } });
  sales = await openSalesArchive(connection);
  const programs = await openProgramVersions(connection, { clock: () => now });
  const service = createServiceApp({
    logger,
    serviceToken: SERVICE_TOKEN,
    staffTokens: await testStaffVerifier(),
    readiness: [],
    router: testRouter({
      programs,
      drafts: programDrafts(connection, () => now),
      sales,
      clock: () => now,
      earningContextOf: (sale) => Promise.resolve(contexts.get(sale.id) ?? null),
    }),
  });
  running = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
  adminToken = await staffToken({ sub: 'bruno@crm' });
});
afterAll(async () => {
  await running.shutdown('test over');
  await closeDatabase(connection);
});

const client = (token: string | null = adminToken) =>
  createTRPCClient<ReturnType<typeof testRouter>>({
    links: [
      httpLink({ url: `${running.url}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} }),
    ],
  });

const failure = (call: Promise<unknown>) => trpcFailure<TRPCClientError<ReturnType<typeof testRouter>>>(call);

const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('program procedures', () => {
  it('when the CRM activates a configuration, then it is current and in the history with its author and note', async () => {
    const tenantId = 'tenant-activate';
    expect(await client().program.current.query({ tenantId })).toBeNull();
    const activated = await client(await staffToken({ sub: 'anna@crm' })).program.activate.mutate({
      tenantId,
      config: demoProgramConfig,
      author: 'someone else',
      note: 'launch',
    });
    // The author is whoever the staff token names, not what the input says.
    expect(activated).toMatchObject({ tenantId, version: 1, activatedBy: 'anna@crm', note: 'launch' });
    expect(activated.activatedAt).toBe(now.toISOString());
    expect(await client().program.current.query({ tenantId })).toEqual(activated);
    await client().program.activate.mutate({ tenantId, config: demoProgramConfig, author: 'bruno@crm' });
    const history = await client().program.history.query({ tenantId });
    expect(history.map((v) => [v.version, v.activatedBy, v.note])).toEqual([
      [2, 'bruno@crm', null],
      [1, 'anna@crm', 'launch'],
    ]);
  });

  it('when the configuration is invalid, then the answer is a 422 naming every broken field by path, and nothing is activated', async () => {
    const tenantId = 'tenant-invalid';
    const [campaign] = demoProgramConfig.campaigns;
    const config = {
      ...demoProgramConfig,
      earning: { ...demoProgramConfig.earning, pointsPerUnit: -1 },
      campaigns: [{ ...campaign, endsAt: campaign?.startsAt }],
    };
    const error = await failure(client().program.activate.mutate({ tenantId, config, author: 'crm' }));
    expect(error.data?.httpStatus).toBe(422);
    expect(error.data?.appCode).toBe('program.invalid_config');
    expect(error.data?.issues.map((issue) => issue.path)).toEqual([
      'config.earning.pointsPerUnit',
      'config.campaigns[0].endsAt',
    ]);
    expect(await client().program.current.query({ tenantId })).toBeNull();
  });

  it('when the caller has no staff token, or only the service token, then it is refused', async () => {
    for (const token of [null, SERVICE_TOKEN]) {
      const error = await failure(client(token).program.current.query({ tenantId: 'tenant-activate' }));
      expect(error.data?.httpStatus).toBe(401);
    }
  });

  it("when a CRM analyst tries to activate a program, or reads another brand's, then it is refused", async () => {
    const analyst = await staffToken({
      sub: 'carla@crm',
      roles: ['crm_analyst'],
      tenants: ['tenant-activate'],
    });
    expect((await client(analyst).program.current.query({ tenantId: 'tenant-activate' }))?.activatedBy).toBe(
      'bruno@crm',
    );
    const activation = { tenantId: 'tenant-activate', config: demoProgramConfig, author: 'carla' };
    expect((await failure(client(analyst).program.activate.mutate(activation))).data?.httpStatus).toBe(403);
    const otherBrand = await failure(client(analyst).program.current.query({ tenantId: 'tenant-dry-run' }));
    expect(otherBrand.data?.appCode).toBe('auth.out_of_scope');
  });
});

describe('program.dryRun', () => {
  const tenantId = 'tenant-dry-run';
  const sale = (id: string, occurredAt: string, extra: Partial<TransactionRecordedPayload> = {}) =>
    recordedSale({ id, tenantId, occurredAt, ...extra });

  beforeAll(async () => {
    await client().program.activate.mutate({ tenantId, config: demoProgramConfig, author: 'crm' });
    const recorded = [
      sale('txn_d1', daysAgo(10)), // the example sale: 156 + 76 (basket discount shared) under the demo program
      sale('txn_d2', daysAgo(5)),
      sale('txn_anonymous', daysAgo(4)),
      sale('txn_return', daysAgo(3), { type: 'return' }),
      sale('txn_old', daysAgo(40)),
    ];
    for (const entry of recorded) await sales.record(entry);
    contexts.set('txn_d1', member({ memberId: 'mbr_a' }));
    contexts.set('txn_d2', member({ memberId: 'mbr_b' }));
    contexts.set('txn_return', member({ memberId: 'mbr_a' }));
    contexts.set('txn_old', member({ memberId: 'mbr_a' }));
  });

  it('when a draft adds a shirts campaign, then the report gives its points over the window next to the current version', async () => {
    const draft = {
      ...demoProgramConfig,
      campaigns: [
        ...demoProgramConfig.campaigns,
        {
          code: 'CAMICIE',
          name: 'Shirts ×3',
          startsAt: '2026-11-01T00:00:00Z',
          endsAt: '2026-12-01T00:00:00Z',
          condition: { kind: 'category', categories: ['shirts'] },
          reward: { kind: 'multiplier', factor: 3 },
        },
      ],
    };
    const report = await client().program.dryRun.query({ tenantId, config: draft, days: 30 });
    expect(report).toEqual({
      sales: 2,
      members: 2,
      withoutMember: 1,
      truncated: false,
      window: { from: daysAgo(30), to: now.toISOString() },
      currentVersion: 1,
      current: { total: 464, byCampaign: { AUTUNNO: 156 } },
      draft: { total: 770, byCampaign: { AUTUNNO: 156, CAMICIE: 306 } },
      delta: { total: 306, byCampaign: { AUTUNNO: 0, CAMICIE: 306 } },
      // 232 points each now, 385 under the draft: both stay below Silver's 500.
      tierChanges: { upgrades: 0, downgrades: 0, moves: [] },
    });

    // The same draft with Silver from 300 points: both members reach it on the draft's points only.
    const lower = {
      ...draft,
      tiers: {
        ...draft.tiers,
        levels: draft.tiers.levels.map((tier) =>
          tier.code === 'SILVER' ? { ...tier, threshold: 300 } : tier,
        ),
      },
    };
    const moved = await client().program.dryRun.query({ tenantId, config: lower, days: 30 });
    expect(moved.tierChanges).toEqual({
      upgrades: 2,
      downgrades: 0,
      moves: ['mbr_a', 'mbr_b'].map((memberId) => ({
        memberId,
        from: 'BRONZE',
        to: 'SILVER',
        currentQualifying: 232,
        draftQualifying: 385,
      })),
    });
  });

  it('when more sales happened than the limit, then only the oldest are replayed and the report says so', async () => {
    const report = await client().program.dryRun.query({
      tenantId,
      config: demoProgramConfig,
      days: 30,
      limit: 1,
    });
    expect(report).toMatchObject({ sales: 1, truncated: true, delta: { total: 0 } });
  });

  it('when the draft is invalid, then it is a 422 naming the broken field', async () => {
    const error = await failure(
      client().program.dryRun.query({
        tenantId,
        config: { ...demoProgramConfig, currency: 'euro' },
        days: 30,
      }),
    );
    expect(error.data?.httpStatus).toBe(422);
    expect(error.data?.issues.map((issue) => issue.path)).toEqual(['config.currency']);
  });

  it('when the window is longer than a year, then the input is refused', async () => {
    const error = await failure(
      client().program.dryRun.query({ tenantId, config: demoProgramConfig, days: 367 }),
    );
    expect(error.data?.issues.map((issue) => issue.path)).toEqual(['days']);
  });
});

describe('program drafts', () => {
  const tenantId = 'tenant-drafts';
  const analystOf = (sub: string, tenants = [tenantId]) =>
    staffToken({ sub, roles: ['crm_analyst'], tenants });

  it('when an analyst saves a half-typed draft, then a colleague opening the program finds it as left, with who saved it', async () => {
    const carla = client(await analystOf('carla@crm'));
    expect(await carla.program.draft.query({ tenantId })).toBeNull();
    const halfTyped = '{ "tiers": [ { "code": "silver"';
    const saved = await carla.program.saveDraft.mutate({
      tenantId,
      text: halfTyped,
      basedOnVersion: null,
      expectedRevision: 0,
    });
    expect(saved).toMatchObject({ revision: 1, savedBy: 'carla@crm', savedAt: now.toISOString() });

    const dario = client(await analystOf('dario@crm'));
    expect(await dario.program.draft.query({ tenantId })).toEqual(saved);
    const edited = await dario.program.saveDraft.mutate({
      tenantId,
      text: `${halfTyped} }] }`,
      basedOnVersion: null,
      expectedRevision: 1,
    });
    expect(edited).toMatchObject({ revision: 2, savedBy: 'dario@crm', text: `${halfTyped} }] }` });
  });

  it('when someone saves over a draft changed since they opened it, then it is a 409 naming who changed it, and the newer draft stays', async () => {
    const carla = client(await analystOf('carla@crm'));
    const current = await carla.program.draft.query({ tenantId });
    if (!current) throw new Error('the previous test left a draft');
    const stale = await failure(
      carla.program.saveDraft.mutate({ tenantId, text: '{}', basedOnVersion: null, expectedRevision: 1 }),
    );
    expect(stale.data?.httpStatus).toBe(409);
    expect(stale.message).toContain('dario@crm');
    const staleDiscard = await failure(carla.program.discardDraft.mutate({ tenantId, expectedRevision: 1 }));
    expect(staleDiscard.data?.httpStatus).toBe(409);
    expect(await carla.program.draft.query({ tenantId })).toEqual(current);

    expect(await carla.program.discardDraft.mutate({ tenantId, expectedRevision: current.revision })).toEqual(
      {
        discarded: true,
      },
    );
    expect(await carla.program.draft.query({ tenantId })).toBeNull();
  });

  it("when a store manager or another brand's analyst touches the draft, then it is refused", async () => {
    const manager = client(
      await staffToken({
        sub: 'mia@store',
        roles: ['store_manager'],
        tenants: [tenantId],
        stores: ['MI-001'],
      }),
    );
    const save = { tenantId, text: '{}', basedOnVersion: null, expectedRevision: 0 };
    expect((await failure(manager.program.saveDraft.mutate(save))).data?.httpStatus).toBe(403);
    const outsider = client(await analystOf('olga@crm', ['another-brand']));
    expect((await failure(outsider.program.saveDraft.mutate(save))).data?.appCode).toBe('auth.out_of_scope');
    expect((await failure(outsider.program.draft.query({ tenantId }))).data?.appCode).toBe(
      'auth.out_of_scope',
    );
  });

  it('when a draft is empty or past its size, then it is refused naming the field, and the stored one is untouched', async () => {
    const carla = client(await analystOf('carla@crm'));
    const kept = await carla.program.saveDraft.mutate({
      tenantId,
      text: '{}',
      basedOnVersion: null,
      expectedRevision: 0,
    });
    for (const text of ['', 'x'.repeat(200_001)]) {
      const refused = await failure(
        carla.program.saveDraft.mutate({
          tenantId,
          text,
          basedOnVersion: null,
          expectedRevision: kept.revision,
        }),
      );
      expect(refused.data?.httpStatus).toBe(400);
      expect(refused.data?.issues.map((issue) => issue.path)).toEqual(['text']);
    }
    expect(await carla.program.draft.query({ tenantId })).toEqual(kept);
  });
});
