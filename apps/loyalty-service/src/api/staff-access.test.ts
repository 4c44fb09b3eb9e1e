import { refusalOf, staffToken, staffTokensPerRole } from '@scontrino/testing';
import { probeAccessMatrix } from '@scontrino/trpc/access-matrix';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestLoyaltyService,
  TEST_TENANT,
  type LoyaltyClient,
  type TestLoyaltyService,
} from '../test-support/loyalty-service.js';
import type { LoyaltyRouter } from './router.js';

let service: TestLoyaltyService;
let memberId: string;

beforeAll(async () => {
  service = await startTestLoyaltyService();
  memberId = (
    await service.trpc.members.enrol.mutate({
      tenantId: TEST_TENANT,
      email: 'lucia.bianchi@example.com',
      cardNumbers: ['2800000000017'],
      marketingConsent: { granted: false, source: 'till' },
    })
  ).memberId;
});
afterAll(() => service.close());

const as = (token: string): LoyaltyClient =>
  createTRPCClient<LoyaltyRouter>({
    links: [httpLink({ url: `${service.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });

describe('who may call what', () => {
  it('every protected procedure lets in the roles its permission names and refuses the others', async () => {
    const tokens = await staffTokensPerRole();
    const cases = await probeAccessMatrix({
      url: service.url,
      procedures: service.procedures,
      serviceToken: service.serviceToken,
      staffTokens: tokens,
    });
    expect(cases.filter((c) => !c.held)).toEqual([]);
    for (const { path } of service.procedures.filter((p) => p.access.kind !== 'public')) {
      const outcomes = new Set(cases.filter((c) => c.path === path).map((c) => c.expected));
      expect([path, [...outcomes].sort()]).toEqual([path, ['allowed', 'refused']]);
    }
    // Open to anyone: signing in and joining, and the app's procedures, which check the member's session.
    const open = service.procedures.filter((p) => p.access.kind === 'public').map((p) => p.path);
    expect(open.filter((path) => !/^(auth|me)\./.test(path))).toEqual([]);
  });

  it("keeps another brand's support desk away from this brand's members and points", async () => {
    const otherBrand = as(
      await staffToken({ sub: 'desk@bella-casa', roles: ['support'], tenants: ['bella-casa'] }),
    );
    expect(await refusalOf(otherBrand.members.get.query({ memberId }))).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
    expect(
      await refusalOf(
        otherBrand.ledger.adjust.mutate({
          memberId,
          requestId: 'x-brand-1',
          points: 500,
          reason: 'free points',
        }),
      ),
    ).toEqual({ status: 403, code: 'auth.out_of_scope' });
    expect(
      await refusalOf(
        otherBrand.members.lookup.query({ tenantId: TEST_TENANT, cardNumber: '2800000000017' }),
      ),
    ).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
    // Nothing was credited by the refused adjustment.
    expect((await service.staff.members.get.query({ memberId })).memberId).toBe(memberId);
    const { entries } = await service.staff.audit.search.query({ action: 'ledger.adjust', outcome: 'ok' });
    expect(entries.filter((entry) => entry.target.memberId === memberId)).toEqual([]);
  });

  it('lets the support desk correct points, naming them as the actor in the ledger and the audit log', async () => {
    const desk = as(
      await staffToken({ sub: 'marco@moda-rossi', roles: ['support'], tenants: [TEST_TENANT] }),
    );
    const entry = await desk.ledger.adjust.mutate({
      memberId,
      requestId: 'goodwill-1',
      points: 250,
      reason: 'parcel arrived damaged',
    });
    expect(entry.points).toBe(250);
    const analyst = as(
      await staffToken({ sub: 'carla@crm', roles: ['crm_analyst'], tenants: [TEST_TENANT] }),
    );
    await refusalOf(
      analyst.ledger.adjust.mutate({ memberId, requestId: 'goodwill-2', points: 9000, reason: 'why not' }),
    );
    // The desk talks to members: it holds identity.reveal and reads the address; the CRM team reads no member.
    expect(await desk.members.get.query({ memberId })).toMatchObject({
      email: 'lucia.bianchi@example.com',
      masked: false,
    });
    expect(await refusalOf(analyst.members.get.query({ memberId }))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });

    const { entries } = await service.staff.audit.search.query({
      tenantId: TEST_TENANT,
      action: 'ledger.adjust',
    });
    expect(entries.map((e) => [e.actor.subject, e.outcome, e.reason, e.target.memberId])).toEqual([
      ['carla@crm', 'refused', 'why not', memberId],
      ['marco@moda-rossi', 'ok', 'parcel arrived damaged', memberId],
      // Another brand's attempt is filed under the brand whose member it aimed at.
      ['desk@bella-casa', 'refused', 'free points', memberId],
    ]);
    const looked = await service.staff.audit.search.query({ action: 'members.get' });
    expect(looked.entries.every((e) => e.kind === 'read')).toBe(true);
    expect(JSON.stringify([entries, looked])).not.toContain('lucia.bianchi');
  });
});
