import { refusalOf, staffToken, staffTokensPerRole } from '@scontrino/testing';
import { probeAccessMatrix } from '@scontrino/trpc/access-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  TEST_SERVICE_TOKEN,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';

const tenantId = 'moda-rossi';
let service: TestReconciliationService;
let profileId: string;

beforeAll(async () => {
  service = await startTestReconciliationService();
  const sighting = (sourceId: string, identifiers: { type: 'card' | 'email'; value: string }[]) =>
    service.trpc.observations.identify.mutate({
      tenantId,
      source: 'crm',
      sourceId,
      at: new Date(Date.UTC(2026, 10, 1)).toISOString(),
      identifiers,
    });
  const { observationId } = await sighting('crm-1', [
    { type: 'card', value: '2800000000017' },
    { type: 'email', value: 'lucia.bianchi@example.com' },
  ]);
  profileId = (await service.waitLinked(observationId)).profileId!;
});
afterAll(() => service.close());

describe('who may call what', () => {
  it('every protected procedure lets in the roles its permission names and refuses the others', async () => {
    const tokens = await staffTokensPerRole();
    const cases = await probeAccessMatrix({
      url: service.url,
      procedures: service.procedures,
      serviceToken: TEST_SERVICE_TOKEN,
      staffTokens: tokens,
    });
    expect(cases.filter((c) => !c.held)).toEqual([]);
    for (const { path } of service.procedures.filter((p) => p.access.kind !== 'public')) {
      const outcomes = new Set(cases.filter((c) => c.path === path).map((c) => c.expected));
      expect([path, [...outcomes].sort()]).toEqual([path, ['allowed', 'refused']]);
    }
    // Nothing here is open to anonymous callers.
    expect(service.procedures.filter((p) => p.access.kind === 'public').map((p) => p.path)).toEqual([]);
  });

  it("keeps another brand's CRM team away from this brand's profiles, links and settings", async () => {
    const otherBrand = service.as(
      await staffToken({ sub: 'crm@bella-casa', roles: ['crm_analyst'], tenants: ['bella-casa'] }),
    );
    const card = { type: 'card' as const, value: '2800000000017' };
    // All refused as out of scope (awaited together, so no refusal goes unhandled meanwhile).
    const refused = await Promise.all(
      [
        otherBrand.profiles.get.query({ tenantId, profileId }),
        otherBrand.profiles.resolve.query({ tenantId, ...card }),
        otherBrand.settings.get.query({ tenantId }),
        otherBrand.identifiers.quarantine.mutate({ tenantId, identifier: card, reason: 'shared card' }),
      ].map(refusalOf),
    );
    expect(new Set(refused.map((r) => `${r.status} ${r.code}`))).toEqual(new Set(['403 auth.out_of_scope']));
    // The card still links: the refused quarantine changed nothing.
    expect(await service.trpc.profiles.resolve.query({ tenantId, ...card })).toEqual({ profileId });
  });

  it('records who read a profile and who changed the settings, without the personal data itself', async () => {
    const analyst = service.as(
      await staffToken({ sub: 'carla@crm', roles: ['crm_analyst'], tenants: [tenantId] }),
    );
    await analyst.profiles.get.query({ tenantId, profileId });
    expect(await refusalOf(analyst.settings.update.mutate({ tenantId, junkK: 3 }))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    await service.staff.settings.update.mutate({ tenantId, junkK: 7 });

    const { entries } = await service.staff.audit.search.query({ tenantId });
    const seen = entries.map((e) => [e.actor.subject, e.action, e.kind, e.outcome]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['carla@crm', 'profiles.get', 'read', 'ok'],
        ['carla@crm', 'settings.update', 'change', 'refused'],
        ['test-admin', 'settings.update', 'change', 'ok'],
      ]),
    );
    expect(entries.find((e) => e.action === 'profiles.get')?.target).toMatchObject({ profileId });
    expect(JSON.stringify(entries)).not.toMatch(/lucia|2800000000017/);
  });
});
