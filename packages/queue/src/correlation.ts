import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEnvelope } from '@scontrino/contracts';

const correlation = new AsyncLocalStorage<string>();

/**
 * Runs `work` with `id` as the correlation id of everything it does: events it records or
 * publishes carry it, calls to other services send it as `X-Request-Id`. Set per request by the
 * service app, and per event by the consumer.
 */
export function withCorrelationId<T>(id: string, work: () => T): T {
  return correlation.run(id, work);
}

export function currentCorrelationId(): string | undefined {
  return correlation.getStore();
}

/** The event with the current correlation id, unless it carries one already. */
export function correlated<T extends EventEnvelope>(event: T): T {
  const id = event.correlationId ?? currentCorrelationId();
  return id === undefined ? event : { ...event, correlationId: id };
}
