import { parseEventPayload } from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import { AppError } from '@scontrino/errors';
import { observationIds } from '../domain/ids.js';
import {
  claimObservation,
  enrolmentObservation,
  transactionObservation,
} from '../domain/observations/from-sources.js';
import type { GraphDeps } from '../use-cases/linking/graph-deps.js';
import { observedFromEvent } from '../use-cases/linking/observed-identifiers.js';

/**
 * The reconciliation service's inbox: every event becomes an observation stored once (by its
 * source's id) and then linked. Handlers are idempotent by that id, so a replay changes nothing.
 * Events handled at once go to the linker together: one batch, one graph session.
 */
export function reconciliationEventHandlers(deps: GraphDeps): EventHandlers {
  const { store, crypto, linker } = deps;
  return {
    // A replay meets its observation's id taken and links the stored one again, which changes
    // nothing (and an erased person's tombstones keep them out): no processed_events look-up or
    // record, two commands fewer per sale (docs/events.md).
    'transaction.recorded': {
      replays: 'handler',
      handle: async (event) => {
        const payload = parseEventPayload('transaction.recorded', event.payload);
        const identifiers = payload.identifiers.map((i) => observedFromEvent(crypto, payload.tenantId, i));
        await linker.storeAndLink(transactionObservation(payload, identifiers));
      },
    },
    async 'receipt.claimed'(event) {
      const payload = parseEventPayload('receipt.claimed', event.payload);
      const sale = await store.observations.get(observationIds.transaction(payload.id));
      if (!sale) {
        // The sale's own event is still on its way (a retry overtook it): try again later.
        throw new AppError('observation.sale_pending', `sale ${payload.id} not observed yet`, {
          kind: 'unavailable',
        });
      }
      const email = observedFromEvent(crypto, payload.tenantId, payload.email, true);
      await linker.storeAndLink(claimObservation(payload, sale, email));
    },
    async 'online.order.placed'(event) {
      const payload = parseEventPayload('online.order.placed', event.payload);
      const stored = await store.observations.get(payload.observationId);
      if (stored) return linker.link(stored);
      // Not ours to have lost, but rebuild it from the event rather than drop the order.
      const placedAt = new Date(payload.placedAt);
      await linker.storeAndLink({
        observationId: payload.observationId,
        tenantId: payload.tenantId,
        kind: 'order',
        channel: payload.channel,
        rule: 'online-order',
        at: placedAt,
        storeId: null,
        shopId: payload.shopId,
        pickupStoreId: payload.pickupStoreId,
        purchase: {
          key: payload.observationId,
          at: placedAt,
          amount: payload.total,
          currency: payload.currency,
        },
        identifiers: payload.identifiers.map((i) => observedFromEvent(crypto, payload.tenantId, i)),
        nameSealed: null,
      });
    },
    // The loyalty program's record of a card: the card(s) with the member's e-mail and name. Stored
    // once by its source's id (`enrolment:<tenant>:<memberId>`), so a replay is a duplicate.
    'member.enrolled': {
      replays: 'handler',
      handle: async (event) => {
        const payload = parseEventPayload('member.enrolled', event.payload);
        const identifiers = [...payload.cards, ...payload.contacts].map((i) =>
          observedFromEvent(crypto, payload.tenantId, i),
        );
        const name = payload.name ? crypto.openEventName(payload.name.sealed).trim() : '';
        await linker.storeAndLink(
          enrolmentObservation(payload, identifiers, name ? crypto.sealName(name) : null),
        );
      },
    },
    // Our own event: the erasure is done by the time it is published.
    async 'customer.erased'() {},
  };
}
