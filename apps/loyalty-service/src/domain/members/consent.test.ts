import { describe, expect, it } from 'vitest';
import {
  type ConsentChange,
  confirmedConsent,
  currentMarketingConsent,
  initialConsent,
  pendingMarketingConsent,
} from './consent.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));
const proof = { method: 'email-code' as const, codeId: 'sgn_1', codeHash: 'h', sentAt: at(1) };

describe('marketing consent (double opt-in)', () => {
  it('when the app records a grant, then it is pending and does not count', () => {
    const history = [initialConsent({ granted: true, source: 'app', needsProof: true }, at(0))];
    expect(history[0]).toMatchObject({ granted: true, pending: true });
    expect(currentMarketingConsent(history)).toBeNull();
    expect(pendingMarketingConsent(history)).toBe(history[0]);
  });

  it('when the pending grant is confirmed, then it counts, with its proof', () => {
    const pending = initialConsent({ granted: true, source: 'app', needsProof: true }, at(0));
    const history = [pending, confirmedConsent(pending, proof, at(3))];
    expect(currentMarketingConsent(history)).toBe(true);
    expect(pendingMarketingConsent(history)).toBeNull();
    expect(history[1]).toEqual({
      purpose: 'marketing_email',
      granted: true,
      source: 'app',
      at: at(3),
      proof,
    });
  });

  it('when a refusal is recorded, or a grant needs no proof (the till), then it counts at once', () => {
    expect(
      currentMarketingConsent([initialConsent({ granted: false, source: 'app', needsProof: true }, at(0))]),
    ).toBe(false);
    expect(
      currentMarketingConsent([initialConsent({ granted: true, source: 'till', needsProof: false }, at(0))]),
    ).toBe(true);
  });

  it('when a pending grant follows a decision in force, then that decision still holds', () => {
    const history: ConsentChange[] = [
      { purpose: 'marketing_email', granted: false, source: 'till', at: at(0) },
      initialConsent({ granted: true, source: 'app', needsProof: true }, at(5)),
    ];
    expect(currentMarketingConsent(history)).toBe(false);
    expect(pendingMarketingConsent(history)).not.toBeNull();
  });
});
