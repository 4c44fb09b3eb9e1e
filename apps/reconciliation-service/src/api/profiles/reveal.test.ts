import { staffToken, trpcFailure } from '@scontrino/testing';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconciliationRouter } from '../router.js';
import {
  type ReconciliationClient,
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

const tenantId = 'moda-rossi';
const marco = {
  email: 'marco.rossi@example.it',
  phone: '+39 333 123 4567',
  card: '2800000000017',
  name: 'Marco Rossi',
};
/** Every form of Marco's data that must not reach someone without `identity.reveal`. */
const clear = [/marco\.rossi/i, /3331234567/, /333 123 4567/, /2800000000017/, /Rossi/, /"value"/];

let service: TestReconciliationService;
let profileId: string;
/** Carla of the CRM team: curates Moda Rossi's identities. */
let analyst: ReconciliationClient;
/** Lucia of the support desk: talks to customers. */
let support: ReconciliationClient;

beforeAll(async () => {
  service = await startTestReconciliationService();
  const { observationId } = await service.trpc.observations.identify.mutate({
    tenantId,
    source: 'crm',
    sourceId: 'crm-marco',
    at: '2026-03-01T10:00:00.000Z',
    identifiers: [
      { type: 'email', value: marco.email, verified: true },
      { type: 'phone', value: marco.phone },
      { type: 'card', value: marco.card },
    ],
    name: marco.name,
  });
  profileId = (await service.waitLinked(observationId)).profileId!;
  analyst = service.as(await staffToken({ sub: 'carla@crm', roles: ['crm_analyst'], tenants: [tenantId] }));
  support = service.as(await staffToken({ sub: 'lucia@desk', roles: ['support'], tenants: [tenantId] }));
});
afterAll(() => service.close());

const failure = (call: Promise<unknown>) => trpcFailure<TRPCClientError<ReconciliationRouter>>(call);

describe('what the CRM analyst sees', () => {
  it('when the analyst opens a profile or pages through the list, then every value is masked and each identifier has its hash', async () => {
    const view = await analyst.profiles.get.query({ tenantId, profileId });
    for (const pattern of clear) expect(JSON.stringify(view)).not.toMatch(pattern);
    expect(view.golden).toMatchObject({
      email: { type: 'email', masked: 'm•••i@e•••.it', verified: true },
      phone: { type: 'phone', masked: '+39 ••• ••• 45 67' },
      name: { initials: 'M. R.', source: 'identify' },
    });
    expect(view.identifiers.map((i) => [i.type, i.masked]).sort()).toEqual([
      ['card', '••••0017'],
      ['email', 'm•••i@e•••.it'],
      ['phone', '+39 ••• ••• 45 67'],
    ]);
    expect(view.identifiers.map((i) => i.hash)).toContain(view.golden.email?.hash);

    const { profiles } = await analyst.profiles.list.query({ tenantId, limit: 500 });
    for (const pattern of clear) expect(JSON.stringify(profiles)).not.toMatch(pattern);
    expect(
      profiles
        .find((p) => p.profileId === profileId)
        ?.identifiers.map((i) => i.hash)
        .sort(),
    ).toEqual(view.identifiers.map((i) => i.hash).sort());

    const explanation = await analyst.profiles.explain.query({
      tenantId,
      profileId,
      from: { type: 'card', hash: view.identifiers.find((i) => i.type === 'card')!.hash },
      to: { type: 'email', hash: view.golden.email!.hash },
    });
    expect(explanation.connected).toBe(true);
    for (const pattern of clear) expect(JSON.stringify(explanation)).not.toMatch(pattern);
  });

  it('when the analyst curates by the hashes the view gave, then the overrides work as with values', async () => {
    const view = await analyst.profiles.get.query({ tenantId, profileId });
    const hashOf = (type: string) => view.identifiers.find((i) => i.type === type)!.hash;
    const split = await analyst.overrides.neverLink.mutate({
      tenantId,
      a: { type: 'phone', hash: hashOf('phone') },
      b: { type: 'email', hash: hashOf('email') },
      reason: 'ticket 88: checking the link',
    });
    expect(split.split).toBe(1);
    const joined = await analyst.overrides.mustLink.mutate({
      tenantId,
      a: { type: 'phone', hash: hashOf('phone') },
      b: { type: 'email', hash: hashOf('email') },
      reason: 'ticket 88: checking the link',
    });
    expect(joined.merged).toBe(1);
    expect(joined.profiles).toHaveLength(1);
    expect(joined.profiles[0]?.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'phone', hash: hashOf('phone') },
        { type: 'email', hash: hashOf('email') },
      ]),
    );
    profileId = joined.profiles[0]!.profileId;
  });

  it('when the analyst asks for clear values, then it is a 403 naming identity.reveal, and the attempt is in the audit log', async () => {
    const error = await failure(
      analyst.profiles.reveal.mutate({
        tenantId,
        profileId,
        fields: ['email', 'phone'],
        reason: 'want to call the customer',
      }),
    );
    expect([error.data?.httpStatus, error.data?.appCode]).toEqual([403, 'auth.forbidden']);
    expect(error.message).toContain('identity.reveal');

    const { entries } = await service.staff.audit.search.query({ tenantId, action: 'profiles.reveal' });
    expect(entries.find((e) => e.actor.subject === 'carla@crm')).toMatchObject({
      kind: 'read',
      outcome: 'refused',
      errorCode: 'auth.forbidden',
      target: { tenantId, profileId, fields: 'email,phone' },
      reason: 'want to call the customer',
    });
  });
});

describe('revealing a profile', () => {
  it('when support reveals the e-mail and name with a reason, then they get those in clear, and the audit log says who, which profile, what and why', async () => {
    const reason = 'ticket 4411: customer asks which address we hold';
    const revealed = await support.profiles.reveal.mutate({
      tenantId,
      profileId,
      fields: ['name', 'email'],
      reason,
    });
    const { identifiers, ...rest } = revealed;
    expect(rest).toEqual({ profileId, requestedId: profileId, fields: ['email', 'name'], name: marco.name });
    const view = await support.profiles.get.query({ tenantId, profileId });
    expect(identifiers).toEqual([
      { type: 'email', hash: view.golden.email?.hash, value: marco.email, verified: true },
    ]);

    const { entries } = await service.staff.audit.search.query({
      tenantId,
      action: 'profiles.reveal',
      actor: 'lucia@desk',
    });
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { subject: 'lucia@desk', name: null, roles: ['support'] },
        kind: 'read',
        outcome: 'ok',
        target: { tenantId, profileId, fields: 'name,email' },
        reason,
      }),
    ]);
    expect(Date.now() - Date.parse(entries[0]!.at)).toBeLessThan(60_000);
    // The log names what was seen, never the values.
    for (const pattern of clear) expect(JSON.stringify(entries)).not.toMatch(pattern);
  });

  it('when a reveal gives no reason, no field or a field twice, then it is a 400 naming each by path', async () => {
    const error = await failure(
      support.profiles.reveal.mutate({ tenantId, profileId, fields: [], reason: '  short  ' }),
    );
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.issues.map((issue) => issue.path)).toEqual(['fields', 'reason']);
    const twice = await failure(
      support.profiles.reveal.mutate({
        tenantId,
        profileId,
        fields: ['card', 'card'],
        reason: 'ticket 4412 card',
      }),
    );
    expect(twice.data?.issues.map((issue) => issue.path)).toEqual(['fields']);
  });

  it("when support of another brand or a till's service token asks, then it is refused", async () => {
    const otherBrand = service.as(
      await staffToken({ sub: 'desk@bella-casa', roles: ['support'], tenants: ['bella-casa'] }),
    );
    const input = { tenantId, profileId, fields: ['email' as const], reason: 'ticket 9 of another brand' };
    const refused = await failure(otherBrand.profiles.reveal.mutate(input));
    expect([refused.data?.httpStatus, refused.data?.appCode]).toEqual([403, 'auth.out_of_scope']);
    const service_ = await failure(service.trpc.profiles.reveal.mutate(input));
    expect(service_.data?.httpStatus).toBe(401);
  });
});
