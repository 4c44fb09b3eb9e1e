import { z } from 'zod';

/** Every fact one service tells the others. Delivery is at-least-once: consumers dedupe on `id`. */
export const eventTypes = [
  'transaction.recorded',
  'receipt.claimed',
  'online.order.placed',
  'profiles.merged',
  'profiles.unmerged',
  'customer.erased',
  'sale.credited',
  'member.enrolled',
] as const;

export type EventType = (typeof eventTypes)[number];

export const serviceNames = ['receipt-service', 'loyalty-service', 'reconciliation-service'] as const;
export type ServiceName = (typeof serviceNames)[number];

export const eventEnvelopeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(eventTypes),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
  /** The request (its `X-Request-Id`) or event this fact followed from; for logs only. */
  correlationId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/)
    .optional(),
});

export interface EventEnvelope<TType extends EventType = EventType, TPayload = unknown> {
  /** Unique per fact; the idempotency key of every consumer (and the bull jobId). */
  id: string;
  type: TType;
  /** Schema version of `payload`; bumped on incompatible change. */
  version: number;
  /** ISO 8601 UTC. */
  occurredAt: string;
  payload: TPayload;
  /** The request (its `X-Request-Id`) or event this fact followed from; for logs only. */
  correlationId?: string;
}
