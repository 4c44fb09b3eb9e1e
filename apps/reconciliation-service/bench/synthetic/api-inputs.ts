import type { IdentifierType } from '@scontrino/identity';
import type { ObservationPattern, ObservedIdentifier, SyntheticObservation } from './observations.js';

/** `observations.identify` input: what a till (or another source) saw together. */
export interface IdentifyInput {
  tenantId: string;
  source: string;
  sourceId: string;
  at: string;
  identifiers: { type: IdentifierType; value: string; country?: string; verified?: boolean }[];
  name?: string;
}

/** `POST /v1/online-orders` body (also tRPC `orders.record`). */
export interface OnlineOrderInput {
  tenantId: string;
  shopId: string;
  orderId: string;
  channel: 'web' | 'app' | 'click_and_collect';
  placedAt: string;
  currency: string;
  total: number;
  pickupStoreId?: string;
  customer: {
    accountId?: string;
    email?: string;
    phone?: string;
    deviceId?: string;
    name?: string;
    country?: string;
  };
  lines: { sku: string; quantity: number; total: number }[];
}

interface Traced {
  sourceId: string;
  pattern: ObservationPattern;
  /** Ground truth: who did it. */
  personId: string;
}

/** One call of the public API, in the order a real stream would bring them. */
export type SyntheticInput =
  | (Traced & { kind: 'identify'; body: IdentifyInput })
  | (Traced & { kind: 'online-order'; body: OnlineOrderInput });

/** The source names the till side uses on `observations.identify`. */
export const identifySources = {
  'till-sale': 'pos',
  'receipt-claim': 'receipt-claim',
  'loyalty-enrolment': 'loyalty',
} as const;

const customerField = {
  webAccount: 'accountId',
  email: 'email',
  phone: 'phone',
  device: 'deviceId',
} as const satisfies Partial<Record<IdentifierType, keyof OnlineOrderInput['customer']>>;

function orderCustomer(identifiers: readonly ObservedIdentifier[], name: string | null, country: string) {
  const customer: OnlineOrderInput['customer'] = { country, ...(name && { name }) };
  for (const identifier of identifiers) {
    if (identifier.type === 'card' || identifier.type === 'payment')
      throw new Error('an online order carries no card or payment fingerprint');
    customer[customerField[identifier.type]] = identifier.raw;
  }
  return customer;
}

export function toApiInput(
  observation: SyntheticObservation,
  context: { tenantId: string; shopId: string; currency: string },
): SyntheticInput {
  const traced = {
    sourceId: observation.sourceId,
    pattern: observation.pattern,
    personId: observation.personId,
  };
  const at = new Date(observation.at).toISOString();
  if (
    observation.pattern === 'till-sale' ||
    observation.pattern === 'receipt-claim' ||
    observation.pattern === 'loyalty-enrolment'
  ) {
    return {
      ...traced,
      kind: 'identify',
      body: {
        tenantId: context.tenantId,
        source: identifySources[observation.pattern],
        sourceId: observation.sourceId,
        at,
        identifiers: observation.identifiers.map(({ type, raw, country, verified }) => ({
          type,
          value: raw,
          country,
          ...(verified && { verified }),
        })),
        ...(observation.name && { name: observation.name }),
      },
    };
  }
  const order = observation.order;
  if (!order) throw new Error(`${observation.sourceId}: an online order without order details`);
  return {
    ...traced,
    kind: 'online-order',
    body: {
      tenantId: context.tenantId,
      shopId: context.shopId,
      orderId: order.orderId,
      channel: order.channel,
      placedAt: at,
      currency: context.currency,
      total: order.total,
      ...(order.pickupStoreId && { pickupStoreId: order.pickupStoreId }),
      customer: orderCustomer(observation.identifiers, observation.name, observation.country),
      lines: order.lines,
    },
  };
}
