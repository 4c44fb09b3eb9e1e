import type { OnlineOrderPlacedPayload } from '@scontrino/contracts';
import { onlineOrderPlacedEvent } from '../../domain/events/profile-events.js';
import { observationIds } from '../../domain/ids.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { storeObservation } from '../../use-cases/linking/ingest.js';
import { observedFromRaw, type RawIdentifier } from '../../use-cases/linking/observed-identifiers.js';
import { tenantConfig } from '../../use-cases/linking/tenant-config.js';
import type { OnlineOrderInput } from './online-order-input.js';

/**
 * The observation an online order makes, and which customer fields were ignored and why. A
 * signed-in customer's e-mail counts as proven: the shop confirmed it when the account opened.
 */
export async function orderObservation(deps: GraphDeps, order: OnlineOrderInput) {
  const { crypto } = deps;
  const { email } = await tenantConfig(deps.store.staff, deps.defaults, order.tenantId);
  const signedIn = order.customer.accountId !== undefined;
  const raws: RawIdentifier[] = [];
  const { customer } = order;
  if (customer.accountId) raws.push({ type: 'webAccount', value: customer.accountId, verified: true });
  if (customer.email) raws.push({ type: 'email', value: customer.email, verified: signedIn });
  if (customer.phone) raws.push({ type: 'phone', value: customer.phone, country: customer.country });
  if (customer.deviceId) raws.push({ type: 'device', value: customer.deviceId });
  const { observed, ignored } = observedFromRaw(crypto, order.tenantId, raws, {
    shopId: order.shopId,
    email,
  });

  const observationId = observationIds.order(order.tenantId, order.shopId, order.orderId);
  const placedAt = new Date(order.placedAt);
  const observation: Observation = {
    observationId,
    tenantId: order.tenantId,
    kind: 'order',
    channel: order.channel,
    rule: 'online-order',
    at: placedAt,
    storeId: null,
    shopId: order.shopId,
    pickupStoreId: order.pickupStoreId ?? null,
    purchase: { key: observationId, at: placedAt, amount: order.total, currency: order.currency },
    identifiers: observed,
    nameSealed: customer.name ? crypto.sealName(customer.name.trim()) : null,
  };
  return { observation, ignored };
}

/**
 * Stores the order as an observation with its `online.order.placed` event in the same insert;
 * the inbox worker links it (so a client waits on `observations.status` to see it linked).
 */
export async function recordOnlineOrder(deps: GraphDeps, order: OnlineOrderInput) {
  const { crypto } = deps;
  const { observation, ignored } = await orderObservation(deps, order);
  const { observationId } = observation;
  const placedAt = observation.at;
  const payload: OnlineOrderPlacedPayload = {
    observationId,
    orderId: order.orderId,
    shopId: order.shopId,
    tenantId: order.tenantId,
    channel: order.channel,
    placedAt: placedAt.toISOString(),
    currency: order.currency,
    total: order.total,
    pickupStoreId: order.pickupStoreId ?? null,
    identifiers: observation.identifiers.map((i) => ({
      type: i.type,
      hash: i.hash,
      sealed: crypto.sealForEvent(i.type, crypto.openValue(i.type, i.sealed)),
    })),
  };
  const stored = await storeObservation(deps, observation, [onlineOrderPlacedEvent(payload, deps.clock())]);
  if (stored.status === 'accepted') deps.onEvents?.('Observation', [stored.written]);
  return { observationId, status: stored.status, ignored };
}
