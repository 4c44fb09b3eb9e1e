import { identifierTypes } from '@scontrino/identity';
import { z } from 'zod';
import type { EventEnvelope } from './envelope.js';

/**
 * The payload of every event, one zod schema each: the publisher builds it, every consumer
 * parses it. Personal data never travels in clear: an identifier is its look-up hash (HMAC of the
 * normalised value with the shared LOOKUP_HASH_KEY) and, where a consumer must be able to show
 * it, `sealed`: the normalised value encrypted with the platform's field keys under the context
 * `sealedIdentifierContext(type)`.
 */
export const identifierRefSchema = z.object({
  type: z.enum(identifierTypes),
  hash: z.string().min(16).max(128),
});

export const sealedIdentifierSchema = identifierRefSchema.extend({ sealed: z.string().min(1).max(2000) });

export type IdentifierRef = z.infer<typeof identifierRefSchema>;
export type SealedIdentifier = z.infer<typeof sealedIdentifierSchema>;

export const sealedIdentifierContext = (type: IdentifierRef['type']) => `event.identifier.${type}`;

/** The context a person's name is sealed under in an event (`member.enrolled`). */
export const SEALED_NAME_CONTEXT = 'event.name';

const isoDateTime = z.iso.datetime({ offset: true });
const minor = z.number().int();

export const transactionRecordedPayloadSchema = z.object({
  /** The receipt service's id (txn_…). */
  id: z.string().min(1),
  receiptId: z.string().min(1),
  /** The POS's id, unique per store. */
  transactionId: z.string().min(1),
  storeId: z.string().min(1),
  tenantId: z.string().min(1),
  type: z.enum(['sale', 'return']),
  /** When the sale happened at the till (UTC). */
  occurredAt: isoDateTime,
  currency: z.string().length(3),
  totals: z.object({ subtotal: minor, discountTotal: minor, taxTotal: minor, total: minor }),
  lines: z.array(
    z.object({
      lineId: z.string().min(1),
      sku: z.string().min(1),
      category: z.string().nullable(),
      quantity: z.number().positive(),
      unitPrice: minor,
      /** What the customer paid for the line, discounts applied, in minor units. */
      total: minor,
      /** For a return line: the sale line it returns. */
      originalLineId: z.string().nullable(),
    }),
  ),
  /** The customer as the till named them; empty for an anonymous sale. */
  identifiers: z.array(sealedIdentifierSchema),
  /** For a return: the sale it returns (possibly from another store of the tenant). */
  original: z.object({ id: z.string(), transactionId: z.string(), storeId: z.string() }).nullable(),
  /** Points the customer paid with at the till (the contract's `loyalty.pointsRedeemed`). */
  pointsRedeemed: z.number().int().nonnegative(),
});

export const receiptClaimedPayloadSchema = z.object({
  receiptId: z.string().min(1),
  /** The receipt service's id (txn_…) of the claimed sale. */
  id: z.string().min(1),
  transactionId: z.string().min(1),
  storeId: z.string().min(1),
  tenantId: z.string().min(1),
  email: sealedIdentifierSchema.extend({ type: z.literal('email') }),
  marketingConsent: z.boolean(),
  claimedAt: isoDateTime,
});

export const onlineOrderChannels = ['web', 'app', 'click_and_collect'] as const;

export const onlineOrderPlacedPayloadSchema = z.object({
  /** The reconciliation service's observation id of the order. */
  observationId: z.string().min(1),
  orderId: z.string().min(1),
  shopId: z.string().min(1),
  tenantId: z.string().min(1),
  channel: z.enum(onlineOrderChannels),
  placedAt: isoDateTime,
  currency: z.string().length(3),
  total: minor,
  /** For click & collect: the store the order is collected from. */
  pickupStoreId: z.string().nullable(),
  identifiers: z.array(sealedIdentifierSchema),
});

export const profilesMergedPayloadSchema = z.object({
  tenantId: z.string().min(1),
  mergeId: z.string().min(1),
  /** The oldest of the merged profiles: its id survives. */
  survivorId: z.string().min(1),
  /** Profiles that now live on inside the survivor. */
  absorbedIds: z.array(z.string().min(1)).min(1),
  /** Every identifier of the survivor after the merge. */
  identifiers: z.array(identifierRefSchema),
  /** Why: the rule and the observation (or staff member) that joined them. */
  reason: z.object({ rule: z.string(), observationId: z.string().nullable(), actor: z.string().nullable() }),
  mergedAt: isoDateTime,
});

export const profilesUnmergedPayloadSchema = z.object({
  tenantId: z.string().min(1),
  unmergeId: z.string().min(1),
  /** The profile that was split; its id stays with the part holding its oldest evidence. */
  fromProfileId: z.string().min(1),
  /** The profiles after the split (the first keeps `fromProfileId`), with their identifiers. */
  profiles: z
    .array(z.object({ profileId: z.string().min(1), identifiers: z.array(identifierRefSchema) }))
    .min(2),
  reason: z.object({ rule: z.string(), actor: z.string().nullable() }),
  unmergedAt: isoDateTime,
});

export const customerErasedPayloadSchema = z.object({
  tenantId: z.string().min(1),
  erasureId: z.string().min(1),
  profileId: z.string().min(1),
  /** Every identifier of the erased person: each service erases what it holds under these. */
  identifiers: z.array(identifierRefSchema),
  erasedAt: isoDateTime,
});

/** What a receipt prints in its loyalty block: the sale's points and the member's after it. */
export const saleCreditSchema = z.object({
  memberId: z.string().min(1),
  /** Points this sale earned (pending until the return window closes). */
  pointsEarned: z.number().int().nonnegative(),
  /** Spendable points after the sale. */
  balance: z.number().int(),
  /** Points still pending, this sale's included. */
  pending: z.number().int().nonnegative(),
  /**
   * When this sale's points become spendable (the end of its return window). Absent from events
   * written before it was told, and for a sale that earned nothing.
   */
  availableFrom: isoDateTime.optional(),
  /** The member's tier name, e.g. "Gold". */
  tier: z.string().nullable(),
});

const saleCreditedIds = {
  /** The receipt service's id (txn_…) of the sale. */
  id: z.string().min(1),
  receiptId: z.string().min(1),
  tenantId: z.string().min(1),
};

/**
 * The loyalty service's outcome of a sale that named a card, once it has handled the sale's
 * `transaction.recorded`: credited to a member (with the receipt's loyalty block), or not, because
 * no member holds the card or the retailer has no program yet. Published once per sale (event id
 * `<saleId>.credited`), from the outbox of the ledger entry or archived sale it was written with.
 */
export const saleCreditedPayloadSchema = z.discriminatedUnion('outcome', [
  z.object({
    ...saleCreditedIds,
    outcome: z.literal('credited'),
    credit: saleCreditSchema,
    /**
     * The member holds an e-mail address: the receipt has a known address, so its paper slip's
     * claim code is withdrawn. Absent in events of older loyalty services (read as false).
     */
    memberHasEmail: z.boolean().optional(),
  }),
  z.object({ ...saleCreditedIds, outcome: z.literal(['not_a_member', 'no_program']) }),
]);

/**
 * The loyalty program's record of a card: a member enrolled it, with their e-mail and name (and
 * phone, when the program keeps one). Published when a member enrols (`sourceId` the member id)
 * and when a card is added to a member later (`sourceId` `<memberId>.card.<n>`, n its place among
 * the member's cards; that card only); the reconciliation service links the cards with the
 * member's identifiers, once per `sourceId`. Values sealed as every event seals them; the name
 * under {@link SEALED_NAME_CONTEXT}.
 */
export const memberEnrolledPayloadSchema = z.object({
  tenantId: z.string().min(1),
  memberId: z.string().min(1),
  /** What this fact stands for in the loyalty service: one observation per id. */
  sourceId: z
    .string()
    .min(1)
    .max(160)
    .regex(/^[A-Za-z0-9_.-]+$/),
  /** When the member enrolled, or the card was added (UTC). */
  enrolledAt: isoDateTime,
  /** The cards enrolled by this fact. */
  cards: z.array(sealedIdentifierSchema.extend({ type: z.literal('card') })).min(1),
  /** The member's own identifiers as the program holds them: their e-mail, their phone. */
  contacts: z.array(sealedIdentifierSchema.extend({ type: z.enum(['email', 'phone']) })),
  /** The member's name as they gave it, sealed; null when they gave none. */
  name: z.object({ sealed: z.string().min(1).max(2000) }).nullable(),
});

export const eventPayloadSchemas = {
  'transaction.recorded': transactionRecordedPayloadSchema,
  'receipt.claimed': receiptClaimedPayloadSchema,
  'online.order.placed': onlineOrderPlacedPayloadSchema,
  'profiles.merged': profilesMergedPayloadSchema,
  'profiles.unmerged': profilesUnmergedPayloadSchema,
  'customer.erased': customerErasedPayloadSchema,
  'sale.credited': saleCreditedPayloadSchema,
  'member.enrolled': memberEnrolledPayloadSchema,
} as const;

export type EventPayloads = {
  [K in keyof typeof eventPayloadSchemas]: z.infer<(typeof eventPayloadSchemas)[K]>;
};

export type TransactionRecordedPayload = EventPayloads['transaction.recorded'];
export type ReceiptClaimedPayload = EventPayloads['receipt.claimed'];
export type OnlineOrderPlacedPayload = EventPayloads['online.order.placed'];
export type ProfilesMergedPayload = EventPayloads['profiles.merged'];
export type ProfilesUnmergedPayload = EventPayloads['profiles.unmerged'];
export type CustomerErasedPayload = EventPayloads['customer.erased'];
export type SaleCreditedPayload = EventPayloads['sale.credited'];
export type MemberEnrolledPayload = EventPayloads['member.enrolled'];
export type SaleCredit = z.infer<typeof saleCreditSchema>;

/** An event of a given type with its payload typed. */
export type EventOf<TType extends keyof EventPayloads> = EventEnvelope<TType, EventPayloads[TType]>;

/** The payload of an envelope, parsed with its type's schema; throws a ZodError when it does not fit. */
export function parseEventPayload<TType extends keyof EventPayloads>(
  type: TType,
  payload: unknown,
): EventPayloads[TType] {
  return eventPayloadSchemas[type].parse(payload) as EventPayloads[TType];
}
