import { trpcFailure } from '@scontrino/testing';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconciliationRouter } from '../router.js';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

const tenantId = 'moda-rossi';
let service: TestReconciliationService;

beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

const failure = (call: Promise<unknown>) => trpcFailure<TRPCClientError<ReconciliationRouter>>(call);

const sighting = (sourceId: string, identifiers: { type: 'email' | 'phone' | 'card'; value: string }[]) => ({
  source: 'crm',
  sourceId,
  at: '2026-03-01T10:00:00.000Z',
  identifiers,
});

const resolve = (type: 'email' | 'phone' | 'card', value: string) =>
  service.trpc.profiles.resolve.query({ tenantId, type, value });

describe('observations.identifyMany: a CRM sync sends its records in one call', () => {
  it('when three records come at once, then each is stored and linked before the answer, in the order sent, and sending them again changes nothing', async () => {
    const records = [
      sighting('sync-1', [
        { type: 'email', value: 'marco.rossi@example.it' },
        { type: 'phone', value: '+39 333 123 4567' },
      ]),
      sighting('sync-2', [
        { type: 'phone', value: '+39 333 123 4567' },
        { type: 'card', value: '2800000000017' },
      ]),
      sighting('sync-3', [
        { type: 'email', value: 'giulia.bianchi@example.it' },
        { type: 'phone', value: '12' },
      ]),
    ];
    const first = await service.trpc.observations.identifyMany.mutate({ tenantId, sightings: records });
    expect(first.results.map((r) => [r.observationId, r.status])).toEqual([
      ['identify:crm:sync-1', 'accepted'],
      ['identify:crm:sync-2', 'accepted'],
      ['identify:crm:sync-3', 'accepted'],
    ]);
    // The third record's phone cannot be anyone's: said for that record only.
    expect(first.results.map((r) => r.ignored.map((i) => i.type))).toEqual([[], [], ['phone']]);

    const marco = await resolve('email', 'marco.rossi@example.it');
    expect(marco?.profileId).toBeDefined();
    expect(await resolve('card', '2800000000017')).toEqual(marco);
    const giulia = await resolve('email', 'giulia.bianchi@example.it');
    expect(giulia?.profileId).not.toBe(marco?.profileId);

    const again = await service.trpc.observations.identifyMany.mutate({ tenantId, sightings: records });
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await resolve('card', '2800000000017')).toEqual(marco);
  });

  it('when one call names the same record twice, then it is stored once and the second copy is a duplicate', async () => {
    const twice = sighting('sync-twice', [{ type: 'email', value: 'anna.verdi@example.it' }]);
    const answer = await service.trpc.observations.identifyMany.mutate({
      tenantId,
      sightings: [twice, twice],
    });
    expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    expect(
      (await service.trpc.observations.status.query({ observationId: 'identify:crm:sync-twice' })).linked,
    ).toBe(true);
  });

  it('when one record of a call is bad, then the call is a 400 naming each problem by its index, and none of its records is stored', async () => {
    const good = sighting('sync-good', [{ type: 'email', value: 'luca.neri@example.it' }]);
    const error = await failure(
      service.trpc.observations.identifyMany.mutate({
        tenantId,
        sightings: [good, { ...sighting('sync-bad', []), at: 'yesterday' }],
      }),
    );
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.issues.map((issue) => issue.path).sort()).toEqual([
      'sightings[1].at',
      'sightings[1].identifiers',
    ]);
    expect(
      (await service.trpc.observations.status.query({ observationId: 'identify:crm:sync-good' })).linked,
    ).toBe(false);
    expect(await resolve('email', 'luca.neri@example.it')).toBeNull();
  });

  it('when a call holds no record or more than one batch of them, then it is a 400', async () => {
    const many = Array.from({ length: 101 }, (_, n) =>
      sighting(`sync-many-${n}`, [{ type: 'email', value: `many${n}@example.it` }]),
    );
    for (const sightings of [[], many]) {
      const error = await failure(service.trpc.observations.identifyMany.mutate({ tenantId, sightings }));
      expect(error.data?.httpStatus).toBe(400);
      expect(error.data?.issues.map((issue) => issue.path)).toEqual(['sightings']);
    }
  });
});
