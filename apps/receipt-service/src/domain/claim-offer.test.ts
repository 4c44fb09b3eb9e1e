import { describe, expect, it } from 'vitest';
import { claimWithdrawn, offersClaim } from './claim-offer.js';

describe('which slips carry a claim QR', () => {
  it('when a sale names no e-mail, then it offers a claim, whatever else it names', () => {
    expect(offersClaim({ type: 'sale', customer: undefined })).toBe(true);
    expect(offersClaim({ type: 'sale', customer: { paymentFingerprint: 'pf_1' } })).toBe(true);
    expect(
      offersClaim({
        type: 'sale',
        customer: {
          loyaltyCardNumber: '2900000012345',
          phone: '+39 333 123 4567',
          receiptDelivery: ['paper'],
        },
      }),
    ).toBe(true);
  });

  it('when a sale names an e-mail, or it is a return, then no claim', () => {
    expect(
      offersClaim({ type: 'sale', customer: { email: 'a@example.test', paymentFingerprint: 'pf_1' } }),
    ).toBe(false);
    expect(offersClaim({ type: 'return', customer: undefined })).toBe(false);
  });

  it("when loyalty told the card's member has an e-mail, then the code is withdrawn; not before, nor when it has none", () => {
    expect(claimWithdrawn(null)).toBe(false);
    expect(claimWithdrawn({ memberHasEmail: false })).toBe(false);
    expect(claimWithdrawn({ memberHasEmail: true })).toBe(true);
  });
});
