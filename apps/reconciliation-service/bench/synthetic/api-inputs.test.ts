import { describe, expect, it } from 'vitest';
import { identifyInput } from '../../src/api/observations/identify.js';
import { onlineOrderInputSchema } from '../../src/api/orders/online-order-input.js';
import { generateDataset } from './dataset.js';

const { inputs } = generateDataset({ people: 300, seed: 5 });

describe('synthetic inputs as API calls', () => {
  it("when sent to the service, then every one passes the service's own input schema", () => {
    for (const input of inputs) {
      const parsed =
        input.kind === 'identify'
          ? identifyInput.safeParse(input.body)
          : onlineOrderInputSchema.safeParse(input.body);
      expect(parsed.error?.issues ?? [], input.sourceId).toEqual([]);
    }
  });

  it('when a receipt is claimed, then its e-mail comes first and proven, followed by what the till named', () => {
    const claims = inputs.filter((input) => input.pattern === 'receipt-claim');
    expect(claims.length).toBeGreaterThan(20);
    for (const claim of claims) {
      if (claim.kind !== 'identify') throw new Error('a claim is an identify call');
      expect(claim.body.source).toBe('receipt-claim');
      expect(claim.body.identifiers[0]).toMatchObject({ type: 'email', verified: true });
      expect(claim.body.identifiers.slice(1).every((identifier) => !identifier.verified)).toBe(true);
    }
  });

  it('when a click & collect order is placed, then it names its pickup store and the shipping country', () => {
    const order = inputs.find((input) => input.pattern === 'click-and-collect');
    expect(order?.kind === 'online-order' && order.body).toMatchObject({
      channel: 'click_and_collect',
      pickupStoreId: expect.stringMatching(/^[A-Z]{2}-\d{3}$/) as unknown,
      customer: {
        country: expect.stringMatching(/^[A-Z]{2}$/) as unknown,
        email: expect.any(String) as unknown,
      },
    });
  });
});
