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
      status: 'open',
      reasons: ['e-mail domain one typo off', 'same name'],
      a: { type: 'email' },
    });
    expect(suggestions[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(suggestions[0]!.score).toBeLessThan(0.99);

    const accepted = await anna.suggestions.accept.mutate({
      tenantId,
      suggestionId: suggestions[0]!.suggestionId,
      reason: 'same customer, typo in the domain',
    });
    expect(accepted.merged).toBe(1);
    // The reviewer's reason is in the audit log, next to the suggestion it decided.
    const { entries } = await service.staff.audit.search.query({ tenantId, action: 'suggestions.accept' });
    expect(entries.map((entry) => [entry.actor.subject, entry.target.suggestionId, entry.reason])).toEqual([
      ['crm:anna', suggestions[0]!.suggestionId, 'same customer, typo in the domain'],
    ]);
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
      reason: 'two different people',
    });
    await identify([
      { type: 'email', value: 'marco.neri@libero.it' },
      { type: 'email', value: 'marco.nerii@libero.it' },
    ]);
    expect(await profileOf('email', 'marco.neri@libero.it')).not.toBe(
      await profileOf('email', 'marco.nerii@libero.it'),
    );
  });

  it('when a dotted and a dotless Gmail address come with one name, then they merge on their own, explained, and a reject splits them again', async () => {
    await identify([{ type: 'email', value: 'giulia.conti@gmail.com' }], 'Giulia Conti');
    await identify([{ type: 'email', value: 'giuliaconti@gmail.com' }], 'Giulia Conti');
    const profileId = await profileOf('email', 'giulia.conti@gmail.com');
    expect(await profileOf('email', 'giuliaconti@gmail.com')).toBe(profileId);

    const explained = await anna.profiles.explain.query({
      tenantId,
      profileId: profileId!,
      from: { type: 'email', value: 'giulia.conti@gmail.com' },
      to: { type: 'email', value: 'giuliaconti@gmail.com' },
    });
    expect(explained.connected).toBe(true);
    expect(explained.steps).toHaveLength(1);
    expect(explained.steps[0]).toMatchObject({ rule: 'auto-merge', channel: null });
    expect(explained.steps[0]!.note).toMatch(
      /^probability 0\.99\d*: one mailbox under the provider's dot and \+ rules; same name$/,
    );

    const merged = await anna.suggestions.list.query({ tenantId, status: 'merged' });
    expect(merged.suggestions).toHaveLength(1);
    const { entries } = await service.staff.audit.search.query({ tenantId, action: 'suggestions.autoMerge' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { subject: 'auto-merge' },
      kind: 'change',
      outcome: 'ok',
      target: { suggestionId: merged.suggestions[0]!.suggestionId },
    });
    expect(entries[0]!.reason).toMatch(/^probability 0\.99\d*: one mailbox/);
    expect(merged.suggestions[0]!.reasons).toEqual([
      "one mailbox under the provider's dot and + rules",
      'same name',
    ]);
    const undone = await anna.suggestions.reject.mutate({
      tenantId,
      suggestionId: merged.suggestions[0]!.suggestionId,
      reason: 'the customer says these are two accounts',
    });
    expect(undone.split).toBe(1);
    expect(await profileOf('email', 'giulia.conti@gmail.com')).not.toBe(
      await profileOf('email', 'giuliaconti@gmail.com'),
    );
    expect((await anna.suggestions.list.query({ tenantId, status: 'merged' })).suggestions).toEqual([]);
  });

  it('when two namesakes have addresses one digit apart or with two digits swapped, then they are neither merged nor suggested', async () => {
    await identify([{ type: 'email', value: 'bruno281@gmail.com' }], 'Bruno Ferri');
    await identify([{ type: 'email', value: 'bruno821@gmail.com' }], 'Bruno Ferri');
    await identify([{ type: 'email', value: 'bruno291@gmail.com' }], 'Bruno Ferri');
    const profiles = new Set(
      await Promise.all(
        ['bruno281@gmail.com', 'bruno821@gmail.com', 'bruno291@gmail.com'].map((value) =>
          profileOf('email', value),
        ),
      ),
    );
    expect(profiles.size).toBe(3);
    for (const status of ['open', 'merged'] as const) {
      const { suggestions } = await anna.suggestions.list.query({ tenantId, status });
      expect(suggestions.filter((s) => s.a.masked.startsWith('b') || s.b.masked.startsWith('b'))).toEqual([]);
    }
  });

  it('when the queue is longer than a page, then the cursor walks it best first without repeats, and a forged cursor is refused', async () => {
    const tenant = 'moda-paging';
    const curator = service.as(
      await staffToken({ sub: 'crm:pia', roles: ['crm_analyst'], tenants: [tenant] }),
    );
    const people = ['Sara Galli', 'Luca Moretti', 'Elena Costa'];
    for (const [n, name] of people.entries()) {
      const [first, last] = name.toLowerCase().split(' ') as [string, string];
      for (const domain of ['libero.it', 'libreo.it'])
        await service.trpc.observations.identify.mutate({
          tenantId: tenant,
          source: 'crm',
          sourceId: `page-${n}-${domain}`,
          at: new Date(Date.UTC(2026, 1, 1, n)).toISOString(),
          identifiers: [{ type: 'email', value: `${first}.${last}@${domain}` }],
          name,
        });
    }
    const first = await curator.suggestions.list.query({ tenantId: tenant, limit: 2 });
    expect(first.suggestions).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await curator.suggestions.list.query({
      tenantId: tenant,
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.suggestions).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.suggestions, ...second.suggestions].map((s) => s.suggestionId);
    expect(new Set(ids).size).toBe(3);
    const scores = [...first.suggestions, ...second.suggestions].map((s) => s.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));

    await expect(
      curator.suggestions.list.query({ tenantId: tenant, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ data: { httpStatus: 400 } });
  });

  it("when staff run the estimate, then the model comes from the tenant's own pairs and keeps the review queue to look-alikes", async () => {
    const tenant = 'moda-estimate';
    const curator = service.as(
      await staffToken({ sub: 'crm:pia', roles: ['crm_analyst'], tenants: [tenant] }),
    );
    let n = 0;
    const seen = (identifiers: { type: 'email' | 'card'; value: string }[], name: string) =>
      service.trpc.observations.identify.mutate({
        tenantId: tenant,
        source: 'crm',
        sourceId: `est-${(n += 1)}`,
        at: new Date(Date.UTC(2026, 2, 1, 0, n)).toISOString(),
        identifiers,
        name,
      });
    // Two customers whose two addresses a card already tied (labelled pairs), one typo apart.
    await seen(
      [
        { type: 'card', value: '2900000011111' },
        { type: 'email', value: 'ada.riva@libero.it' },
      ],
      'Ada Riva',
    );
    await seen(
      [
        { type: 'card', value: '2900000011111' },
        { type: 'email', value: 'ada.rvia@libero.it' },
      ],
      'Ada Riva',
    );
    await seen([{ type: 'email', value: 'ugo.sala@libero.it' }], 'Ugo Sala');
    await seen([{ type: 'email', value: 'ugo.slaa@libero.it' }], 'Ugo Sala');
    // Strangers: what two different customers' addresses look like.
    for (const [i, first] of ['bice', 'ciro', 'dora', 'ezio', 'fede', 'gino', 'ines', 'leo'].entries())
      for (const last of ['bassi', 'conte', 'donati', 'fabbri'])
        await seen([{ type: 'email', value: `${first}.${last}${i}@tiscali.it` }], `${first} ${last}`);

    const outcome = await curator.suggestions.estimate.mutate({ tenantId: tenant });
    // 36 addresses: every one of their 630 pairs is a "random" pair; one pair lies in one profile.
    expect(outcome.model.basis).toEqual({ matchedPairs: 1, randomPairs: 630 });
    expect(outcome.model.lambda.email).toBeCloseTo(1 / 630, 8);
    expect(outcome.scored).toBe(1);
    expect(outcome.model.m.email!['letters-swapped']).toBeGreaterThan(
      outcome.model.u.email!['letters-swapped']!,
    );
    const { suggestions } = await curator.suggestions.list.query({
      tenantId: tenant,
      status: outcome.merged ? 'merged' : 'open',
    });
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.reasons).toContain('e-mail with two letters swapped');
  });
});

describe('staff actions and households', () => {
  it('when staff cut, quarantine, override or decide a suggestion without a reason (or with a blank one), then 400 names reason', async () => {
    const a = { type: 'phone', value: '+39 340 999 0000' } as const;
    const b = { type: 'email', value: 'why@esempio.it' } as const;
    const calls = [
      anna.links.cut.mutate({ tenantId, between: { a, b } } as never),
      anna.identifiers.quarantine.mutate({ tenantId, identifier: a, reason: '  ' }),
      anna.overrides.mustLink.mutate({ tenantId, a, b } as never),
      anna.overrides.neverLink.mutate({ tenantId, a, b, reason: 'x'.repeat(501) }),
      anna.suggestions.accept.mutate({ tenantId, suggestionId: 'sg_1' } as never),
      anna.suggestions.reject.mutate({ tenantId, suggestionId: 'sg_1', reason: 'no' }),
    ];
    const refusals = await Promise.all(
      calls.map((call) =>
        call.then(
          () => null,
          (error: unknown) => (error as { data?: unknown }).data,
        ),
      ),
    );
    for (const refusal of refusals)
      expect(refusal).toMatchObject({
        httpStatus: 400,
        issues: [expect.objectContaining({ path: 'reason' })],
      });
  });

  it('when staff cut a link by an id that is no link id, then 422 names linkId', async () => {
    const refused = await anna.links.cut
      .mutate({ tenantId, linkId: 'm!', reason: 'wrong link' })
      .catch((error: unknown) => error);
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
      reason: 'a shop card lent at the till',
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
    expect((await anna.overrides.mustLink.mutate({ tenantId, a, b, reason: 'same person' })).merged).toBe(1);
    expect(await profileOf('phone', a.value)).toBe(await profileOf('email', b.value));
    expect(
      (await anna.overrides.neverLink.mutate({ tenantId, a, b, reason: 'not the same person' })).split,
    ).toBe(1);
    expect(await profileOf('phone', a.value)).not.toBe(await profileOf('email', b.value));
    await expect(
      anna.overrides.mustLink.mutate({
        tenantId,
        a,
        b: { type: 'email', value: 'nobody@bar.it' },
        reason: 'same person',
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
