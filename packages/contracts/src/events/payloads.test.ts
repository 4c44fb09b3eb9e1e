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
});
