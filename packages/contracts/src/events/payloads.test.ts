import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { eventPayloadSchemas, parseEventPayload } from './payloads.js';
import { eventTypes } from './envelope.js';

const merged = {
  tenantId: 'moda-rossi',
  mergeId: 'mrg_1',
  survivorId: 'prf_old',
  absorbedIds: ['prf_new'],
  identifiers: [{ type: 'card', hash: 'a'.repeat(43) }],
  reason: { rule: 'seen-together', observationId: 'txn:txn_1', actor: null },
  mergedAt: '2026-11-24T10:00:00.000Z',
};

describe('event payloads', () => {
  it('when an event type exists, then it has a payload schema', () => {
    expect(Object.keys(eventPayloadSchemas).sort()).toEqual([...eventTypes].sort());
  });

  it('when a consumer parses a payload of the right shape, then it gets it typed', () => {
    expect(parseEventPayload('profiles.merged', merged).survivorId).toBe('prf_old');
  });

  it('when an identifier type is unknown or a merge absorbs nobody, then parsing fails naming the path', () => {
    const bad = { ...merged, absorbedIds: [], identifiers: [{ type: 'iban', hash: 'a'.repeat(43) }] };
    const error = (() => {
      try {
        parseEventPayload('profiles.merged', bad);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'absorbedIds',
      'identifiers.0.type',
    ]);
  });

  it('when loyalty tells a sale was credited, then the block comes with it; when not, the outcome says why', () => {
    const ids = { id: 'txn_1', receiptId: 'rcpt_1', tenantId: 'moda-rossi' };
    const credit = { memberId: 'mbr_1', pointsEarned: 232, balance: 0, pending: 232, tier: 'Bronze' };
    expect(parseEventPayload('sale.credited', { ...ids, outcome: 'credited', credit })).toMatchObject({
      credit: { pointsEarned: 232 },
    });
    expect(parseEventPayload('sale.credited', { ...ids, outcome: 'not_a_member' }).outcome).toBe(
      'not_a_member',
    );
    const issues = (payload: unknown) =>
      eventPayloadSchemas['sale.credited'].safeParse(payload).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ ...ids, outcome: 'credited' })).toEqual(['credit']);
    expect(issues({ ...ids, outcome: 'lost' })).toEqual(['outcome']);
  });

  it('when loyalty tells a member enrolled, then cards come sealed with the contacts; a clear value or a card among the contacts fails by path', () => {
    const sealed = (type: string) => ({ type, hash: 'h'.repeat(43), sealed: 'v1:abc' });
    const enrolled = {
      tenantId: 'moda-rossi',
      memberId: 'mbr_1',
      sourceId: 'mbr_1',
      enrolledAt: '2026-11-24T10:00:00.000Z',
      cards: [sealed('card')],
      contacts: [sealed('email')],
      name: { sealed: 'v1:name' },
    };
    expect(parseEventPayload('member.enrolled', enrolled).cards).toHaveLength(1);
    const issues = eventPayloadSchemas['member.enrolled']
      .safeParse({
        ...enrolled,
        cards: [{ type: 'card', value: '4006381333931' }],
        contacts: [sealed('card')],
      })
      .error?.issues.map((i) => i.path.join('.'))
      .sort();
    expect(issues).toEqual(['cards.0.hash', 'cards.0.sealed', 'contacts.0.type']);
  });
});
