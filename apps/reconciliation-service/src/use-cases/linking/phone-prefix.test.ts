import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const card = '2970415099088';
const austrian = '+43 660 8811430';
const sighting = (
  sourceId: string,
  identifiers: { type: 'card' | 'phone' | 'email'; value: string; country?: string }[],
) =>
  service.trpc.observations.identify.mutate({
    tenantId,
    source: 'pos',
    sourceId,
    at: new Date().toISOString(),
    identifiers,
  });
const resolve = (type: 'phone' | 'email', value: string, country?: string) =>
  service.trpc.profiles.resolve.query({ tenantId, type, value, ...(country && { country }) });
const identifiers = () =>
  service.database.collection<{ _id: string; type: string; numberKey?: string }>('identifiers');

describe('a tourist’s phone typed at an Italian till without its prefix', () => {
  it('when her card is seen with her number and later with the same number read as Italian, then she stays one person, not a household', async () => {
    await sighting('lena-1', [
      { type: 'card', value: card },
      { type: 'phone', value: austrian },
      { type: 'email', value: 'lena.pichler@example.at' },
    ]);
    // The cashier types the national form; the store is in Italy, so it is read as +39 0660 8811430.
    await sighting('lena-2', [
      { type: 'card', value: card },
      { type: 'phone', value: '0660 8811430', country: 'IT' },
    ]);
    const lena = await resolve('email', 'lena.pichler@example.at');
    expect(lena?.profileId).toBeDefined();
    expect(await resolve('phone', '0660 8811430', 'IT')).toEqual(lena);
    const view = await service.staff.profiles.get.query({ tenantId, profileId: lena!.profileId });
    expect(view.household).toBeNull();
  });

  it('when the card is seen with another person’s phone, then it is still a household', async () => {
    await sighting('family-1', [
      { type: 'card', value: '2970415099095' },
      { type: 'phone', value: '+43 660 1234567' },
    ]);
    await sighting('family-2', [
      { type: 'card', value: '2970415099095' },
      { type: 'phone', value: '333 765 4321', country: 'IT' },
    ]);
    const first = await resolve('phone', '+43 660 1234567');
    const second = await resolve('phone', '+39 333 765 4321');
    expect(second?.profileId).not.toBe(first?.profileId);
    const view = await service.staff.profiles.get.query({ tenantId, profileId: first!.profileId });
    expect(view.household?.profileIds.sort()).toEqual([first!.profileId, second!.profileId].sort());
  });

  it('when a phone stored before the number key was kept is seen again, then it gets its key and the same number under another prefix joins it', async () => {
    await sighting('kurt-1', [
      { type: 'card', value: '2970415099101' },
      { type: 'phone', value: '+43 660 5550123' },
    ]);
    // As a phone stored by an earlier version: no number key.
    const { modifiedCount } = await identifiers().updateMany(
      { type: 'phone', numberKey: { $exists: true } },
      { $unset: { numberKey: '' } },
    );
    expect(modifiedCount).toBeGreaterThan(0);
    const keyed = () => identifiers().countDocuments({ type: 'phone', numberKey: { $exists: true } });
    expect(await keyed()).toBe(0);
    // The linker keeps what it wrote between its batches; another holder of the graph makes it read again.
    await service.graph.lock.run(tenantId, () => Promise.resolve());
    await sighting('kurt-2', [
      { type: 'card', value: '2970415099101' },
      { type: 'phone', value: '+43 660 5550123' },
    ]);
    expect(await keyed()).toBe(1);
    await sighting('kurt-3', [
      { type: 'card', value: '2970415099101' },
      { type: 'phone', value: '0660 5550123', country: 'IT' },
    ]);
    expect(await resolve('phone', '0660 5550123', 'IT')).toEqual(await resolve('phone', '+43 660 5550123'));
    expect(await keyed()).toBe(2);
  });
});
