import type { EventEnvelope } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { currentCorrelationId, withCorrelationId } from './correlation.js';
import { outboxUpdate, withOutbox } from './outbox.js';

const event = (extra: Partial<EventEnvelope> = {}): EventEnvelope => ({
  id: 'evt_1',
  type: 'transaction.recorded',
  version: 1,
  occurredAt: '2026-11-22T09:20:00Z',
  payload: {},
  ...extra,
});

describe('correlation ids in events', () => {
  it('when an event is recorded while a request is served, then it carries the request id', async () => {
    const recorded = await withCorrelationId('till-42.req-7', async () => {
      await Promise.resolve();
      return withOutbox({}, [event()]).outbox[0];
    });
    expect(recorded?.correlationId).toBe('till-42.req-7');
    const pushed = withCorrelationId('abc', () => outboxUpdate([event()]).$push?.outbox) as {
      $each: EventEnvelope[];
    };
    expect(pushed.$each[0]?.correlationId).toBe('abc');
  });

  it('keeps the id an event already has, and adds none outside a request or event', () => {
    expect(
      withCorrelationId('abc', () => withOutbox({}, [event({ correlationId: 'first' })]).outbox[0]),
    ).toMatchObject({ correlationId: 'first' });
    expect(withOutbox({}, [event()]).outbox[0]).not.toHaveProperty('correlationId');
    expect(currentCorrelationId()).toBeUndefined();
  });
});
