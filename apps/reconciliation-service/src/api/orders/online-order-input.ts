import { minorAmountSchema, onlineOrderChannels, quantitySchema } from '@scontrino/contracts';
import { z } from 'zod';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';

const id = z.string().min(1).max(64);

/** `POST /v1/online-orders` and `orders.record`: one web-shop or app order. */
export const onlineOrderInputSchema = z
  .object({
    tenantId: tenantIdSchema,
    shopId: id,
    orderId: id,
    channel: z.enum(onlineOrderChannels),
    placedAt: z.iso.datetime({ offset: true }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    /** What the customer pays, in minor units: never negative (a refund is not an order). */
    total: minorAmountSchema,
    pickupStoreId: id.optional(),
    customer: z.object({
      accountId: z.string().min(1).max(256).optional(),
      email: z.string().min(1).max(320).optional(),
      phone: z.string().min(1).max(64).optional(),
      deviceId: z.string().min(1).max(256).optional(),
      name: z.string().min(1).max(200).optional(),
      /** ISO alpha-2, for a phone typed without prefix. */
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/)
        .optional(),
    }),
    lines: z
      .array(
        z.object({
          sku: z.string().min(1).max(64),
          /** Units, or kg/l for weighed goods: the till contract's quantity (at most 3 decimals). */
          quantity: quantitySchema,
          total: minorAmountSchema,
        }),
      )
      .min(1)
      .max(1000),
  })
  .refine((order) => order.channel !== 'click_and_collect' || order.pickupStoreId !== undefined, {
    message: 'a click & collect order names its pickupStoreId',
    path: ['pickupStoreId'],
  });
export type OnlineOrderInput = z.infer<typeof onlineOrderInputSchema>;
