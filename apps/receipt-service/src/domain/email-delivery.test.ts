import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  decideEmail,
  MAX_DELIVERY_REQUEUES,
  queuedDelivery,
  stuckDeliveryAction,
} from './email-delivery.js';

describe('who gets a receipt email', () => {
  it('goes only to a customer who gave an address and asked for email (or claimed)', () => {
    expect(decideEmail({ hasEmail: true, requested: true, optedOut: false })).toEqual({ send: true });
    expect(decideEmail({ hasEmail: false, requested: true, optedOut: false })).toEqual({
      send: false,
      reason: 'no_email',
    });
    expect(decideEmail({ hasEmail: true, requested: false, optedOut: false })).toEqual({
      send: false,
      reason: 'not_requested',
    });
  });

  it('never goes to an address that opted out of email receipts', () => {
    expect(decideEmail({ hasEmail: true, requested: true, optedOut: true })).toEqual({
      send: false,
      reason: 'opted_out',
    });
  });
});

describe('delivery state', () => {
  const queued = queuedDelivery('till', new Date('2026-11-22T09:15:31Z'));

  it('counts attempts and keeps the last error while retries remain', () => {
    const once = afterAttempt(queued, { ok: false, error: 'connect ECONNREFUSED', finalAttempt: false });
    expect(once).toMatchObject({ state: 'queued', attempts: 1, lastError: 'connect ECONNREFUSED' });
    const sent = afterAttempt(once, { ok: true, at: new Date('2026-11-22T09:16:02Z') });
    expect(sent).toMatchObject({
      state: 'sent',
      attempts: 2,
      lastError: null,
      sentAt: new Date('2026-11-22T09:16:02Z'),
    });
  });

  it('fails for good after the last attempt', () => {
    const failed = afterAttempt(
      { ...queued, attempts: 7 },
      { ok: false, error: '550 mailbox unavailable', finalAttempt: true },
    );
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 8,
      lastError: '550 mailbox unavailable',
      sentAt: null,
    });
  });
});

describe('a delivery still queued long after it was due', () => {
  it('when its job is still waiting, delayed, paused or being sent, then it is left to it', () => {
    for (const job of ['waiting', 'delayed', 'active', 'paused'] as const)
      expect(stuckDeliveryAction(job, 0)).toBe('leave');
  });

  it('when its job is gone or ended without recording how, then the job is added again, a few times at most', () => {
    for (const job of ['missing', 'failed', 'completed'] as const) {
      expect(stuckDeliveryAction(job, 0)).toBe('requeue');
      expect(stuckDeliveryAction(job, MAX_DELIVERY_REQUEUES - 1)).toBe('requeue');
      expect(stuckDeliveryAction(job, MAX_DELIVERY_REQUEUES)).toBe('give-up');
    }
  });
});
