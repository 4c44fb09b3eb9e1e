import { z } from 'zod';

export const scenarios = [
  'identified_sale',
  'anonymous_sale',
  'redemption_sale',
  'return',
  'online_order',
] as const;

/** What one arrival of the simulation is: a customer at a till, a return, or a web-shop order. */
export type Scenario = (typeof scenarios)[number];

export const trafficMixSchema = z.object({
  /** Relative weights of the arrivals. */
  scenarios: z.record(z.enum(scenarios), z.number().nonnegative()),
  /** Share of anonymous sales whose receipt the customer claims through the QR code. */
  claimShare: z.number().min(0).max(1),
  /** Share of those claims made with a loyalty member's e-mail (the rest: walk-in customers). */
  claimWithMemberEmail: z.number().min(0).max(1),
  /** Share of returns brought to another store of the same brand. */
  returnElsewhere: z.number().min(0).max(1),
});

export type TrafficMix = z.infer<typeof trafficMixSchema>;

/**
 * A weekday in an Italian high street: most customers show a loyalty card or give an e-mail,
 * a third stay anonymous, one in twelve brings something back, the web shop takes a tenth.
 */
export const defaultTrafficMix: TrafficMix = {
  scenarios: {
    identified_sale: 45,
    anonymous_sale: 30,
    redemption_sale: 5,
    return: 8,
    online_order: 12,
  },
  claimShare: 0.25,
  claimWithMemberEmail: 0.5,
  returnElsewhere: 0.3,
};

/** `mix` with the scenarios the run cannot play (no loyalty or reconciliation service) weighted 0. */
export function playableMix(
  mix: TrafficMix,
  services: { redemptions: boolean; onlineOrders: boolean },
): TrafficMix {
  return {
    ...mix,
    scenarios: {
      ...mix.scenarios,
      redemption_sale: services.redemptions ? mix.scenarios.redemption_sale : 0,
      online_order: services.onlineOrders ? mix.scenarios.online_order : 0,
    },
  };
}
