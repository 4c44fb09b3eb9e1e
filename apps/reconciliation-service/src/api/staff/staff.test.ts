import { staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

let service: TestReconciliationService;
/** Anna of the CRM team: curates identity links for Moda Rossi. */
let anna: TestReconciliationService['trpc'];
beforeAll(async () => {
  service = await startTestReconciliationService();
  anna = service.as(await staffToken({ sub: 'crm:anna', roles: ['crm_analyst'], tenants: [tenantId] }));
});
afterAll(() => service.close());

const tenantId = 'moda-rossi';
let sighting = 0;
function identify(
  identifiers: { type: 'card' | 'email' | 'phone'; value: string; verified?: boolean }[],
  name?: string,
) {
  sighting += 1;
  return service.trpc.observations.identify.mutate({
    tenantId,
    source: 'crm',
    sourceId: `crm-${sighting}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, sighting)).toISOString(),
    identifiers,
    ...(name && { name }),
  });
}
const profileOf = async (type: 'card' | 'email' | 'phone', value: string) =>
  (await service.trpc.profiles.resolve.query({ tenantId, type, value }))?.profileId ?? null;

describe('suggestions', () => {
  it('when the same name comes with e-mails one typo apart, then the pair is suggested, and accepting it merges them', async () => {
    await identify([{ type: 'email', value: 'anna.rossi@gmail.com' }], 'Anna Rossi');
    await identify([{ type: 'email', value: 'anna.rossi@gmial.com' }], 'ROSSI Anna');
    expect(await profileOf('email', 'anna.rossi@gmail.com')).not.toBe(
      await profileOf('email', 'anna.rossi@gmial.com'),
    );

    const { suggestions } = await anna.suggestions.list.query({ tenantId });
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      reasons: ['same name', 'e-mail one edit apart'],
      a: { type: 'email' },
    });

    const accepted = await anna.suggestions.accept.mutate({
      tenantId,
      suggestionId: suggestions[0]!.suggestionId,
    });
    expect(accepted.merged).toBe(1);
    expect(await profileOf('email', 'anna.rossi@gmail.com')).toBe(
      await profileOf('email', 'anna.rossi@gmial.com'),
    );
    expect((await anna.suggestions.list.query({ tenantId })).suggestions).toEqual([]);
  });

  it('when a suggestion is rejected, then the pair never links, even when later seen together', async () => {
    await identify([{ type: 'email', value: 'marco.neri@libero.it' }], 'Marco Neri');
    await identify([{ type: 'email', value: 'marco.nerii@libero.it' }], 'Marco Neri');
    const [suggestion] = (await anna.suggestions.list.query({ tenantId })).suggestions;
    await anna.suggestions.reject.mutate({
      tenantId,
      suggestionId: suggestion!.suggestionId,
    });
    await identify([
      { type: 'email', value: 'marco.neri@libero.it' },
      { type: 'email', value: 'marco.nerii@libero.it' },
    ]);
    expect(await profileOf('email', 'marco.neri@libero.it')).not.toBe(
      await profileOf('email', 'marco.nerii@libero.it'),
    );
  });
});

describe('staff actions and households', () => {
  it('when staff cut a link by an id that is no link id, then 422 names linkId', async () => {
    const refused = await anna.links.cut.mutate({ tenantId, linkId: 'm!' }).catch((error: unknown) => error);
    expect((refused as { data?: unknown }).data).toMatchObject({
      httpStatus: 422,
      appCode: 'link.invalid',
      issues: [expect.objectContaining({ path: 'linkId' })],
    });
  });

  it('when staff quarantine a card seen with a phone and an e-mail, then it splits them and the report names it', async () => {
    await identify([
      { type: 'card', value: '2900000099999' },
      { type: 'phone', value: '+39 340 111 2222' },
    ]);
    await identify([
      { type: 'card', value: '2900000099999' },
      { type: 'email', value: 'lia@esempio.it' },
    ]);
    const together = await profileOf('phone', '+39 340 111 2222');
    expect(await profileOf('email', 'lia@esempio.it')).toBe(together);

    const result = await anna.identifiers.quarantine.mutate({
      tenantId,
      identifier: { type: 'card', value: '2900000099999' },
    });
    expect(result.split).toBe(1);
    expect(await profileOf('phone', '+39 340 111 2222')).toBe(together);
    expect(await profileOf('email', 'lia@esempio.it')).not.toBe(together);
    expect(await profileOf('card', '2900000099999')).toBeNull();
    const report = await anna.junk.report.query({ tenantId, reason: 'staff' });
    expect(report.identifiers).toEqual([expect.objectContaining({ type: 'card' })]);
  });

  it('when a card is used by two people who each proved their e-mail, then they are a household of two profiles', async () => {
    await identify([
      { type: 'card', value: '2900000077777' },
      { type: 'email', value: 'sara@famiglia.it', verified: true },
    ]);
    await identify([
      { type: 'card', value: '2900000077777' },
      { type: 'email', value: 'paolo@famiglia.it', verified: true },
    ]);
    const sara = await profileOf('email', 'sara@famiglia.it');
    const paolo = await profileOf('email', 'paolo@famiglia.it');
    expect(sara).not.toBe(paolo);
    const view = await anna.profiles.get.query({ tenantId, profileId: paolo! });
    expect(view.household?.profileIds.sort()).toEqual([sara, paolo].sort());
    expect(view.household?.shared.map(({ type, masked }) => ({ type, masked }))).toEqual([
      { type: 'card', masked: '••••7777' },
    ]);
    expect(view.household?.shared[0]?.hash).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('when staff must-link two identifiers, then they merge; a never-link splits them again', async () => {
    await identify([{ type: 'phone', value: '+39 348 555 6666' }]);
    await identify([{ type: 'email', value: 'gino@bar.it' }]);
    const a = { type: 'phone' as const, value: '+39 348 555 6666' };
    const b = { type: 'email' as const, value: 'gino@bar.it' };
    expect((await anna.overrides.mustLink.mutate({ tenantId, a, b })).merged).toBe(1);
    expect(await profileOf('phone', a.value)).toBe(await profileOf('email', b.value));
    expect((await anna.overrides.neverLink.mutate({ tenantId, a, b })).split).toBe(1);
    expect(await profileOf('phone', a.value)).not.toBe(await profileOf('email', b.value));
    await expect(
      anna.overrides.mustLink.mutate({
        tenantId,
        a,
        b: { type: 'email', value: 'nobody@bar.it' },
      }),
    ).rejects.toThrow(/No such identifier/);
  });
});

describe('tenant settings', () => {
  it("when a retailer turns on the Gmail rules and blocklists its store's phone, then dotted and tagged addresses are one, and the phone links nothing", async () => {
    const other = 'bottega-blu';
    await service.staff.settings.update.mutate({
      tenantId: other,
      email: { gmailDots: true, plusTags: true },
      blocklist: [{ type: 'phone', value: '+390212345678' }],
    });
    const seen = (sourceId: string, identifiers: { type: 'email' | 'phone'; value: string }[]) =>
      service.trpc.observations.identify.mutate({
        tenantId: other,
        source: 'crm',
        sourceId,
        at: '2026-02-01T10:00:00Z',
        identifiers,
      });
    await seen('b-1', [
      { type: 'email', value: 'j.doe+shop@gmail.com' },
      { type: 'phone', value: '+39 02 1234 5678' },
    ]);
    await seen('b-2', [
      { type: 'email', value: 'tom@blu.it' },
      { type: 'phone', value: '+39 02 1234 5678' },
    ]);
    const jdoe = await service.trpc.profiles.resolve.query({
      tenantId: other,
      type: 'email',
      value: 'jdoe@gmail.com',
    });
    expect(jdoe).not.toBeNull();
    expect(
      await service.trpc.profiles.resolve.query({ tenantId: other, type: 'email', value: 'tom@blu.it' }),
    ).not.toEqual(jdoe);
    expect((await service.staff.junk.report.query({ tenantId: other })).identifiers).toEqual([
      expect.objectContaining({ type: 'phone', reason: 'blocklist' }),
    ]);
  });
});
