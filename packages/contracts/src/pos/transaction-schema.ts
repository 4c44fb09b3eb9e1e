import { z } from 'zod';
import {
  contactCardSchema,
  contactEmailSchema,
  contactPhoneSchema,
  idSchema,
  labelSchema,
  localeSchema,
  plainString,
  occurredAtSchema,
  quantitySchema,
  taxRateSchema,
} from './fields.js';
import { currencyCodeSchema, MAX_MINOR_AMOUNT, minorAmountSchema } from './money.js';

// Unknown keys are stripped, not rejected (zod's default `z.object`): the contract evolves by adding
// optional fields, and a terminal that already sends a newer field must keep working with an older
// service. The price: a misspelt optional field is dropped silently. The card-number scan still
// reads the raw payload, unknown keys included.

export const MAX_LINES = 1000;

export const paymentMethods = ['card', 'cash', 'voucher', 'gift_card', 'loyalty_points', 'other'] as const;
export const receiptDeliveryChannels = ['email', 'app', 'paper'] as const;

/** A field one kind of transaction must not carry; rejected rather than silently stripped. */
function absent(message: string) {
  return z.never({ error: message }).optional();
}

const discountSchema = z.object({
  code: idSchema.optional(),
  description: labelSchema,
  amount: minorAmountSchema,
});

const variantSchema = z
  .record(plainString().min(1).max(50), plainString('text').max(100))
  .refine((variant) => Object.keys(variant).length <= 20, { error: 'at most 20 variant attributes' });

const lineFields = {
  lineId: idSchema,
  sku: idSchema,
  name: labelSchema,
  variant: variantSchema.optional(),
  category: plainString('text').min(1).max(100).optional(),
  quantity: quantitySchema,
  unitPrice: minorAmountSchema,
  discounts: z.array(discountSchema).max(50),
  taxRate: taxRateSchema,
  total: minorAmountSchema,
};

const saleLineSchema = z.object({
  ...lineFields,
  originalLineId: absent('only a line of a return carries originalLineId'),
});

const returnLineSchema = z.object({ ...lineFields, originalLineId: idSchema });

const customerSchema = z.object({
  loyaltyCardNumber: contactCardSchema.optional(),
  email: contactEmailSchema.optional(),
  phone: contactPhoneSchema.optional(),
  paymentFingerprint: plainString()
    .min(1)
    .max(128)
    .meta({ description: 'Opaque token from the payment provider; never a card number.' })
    .optional(),
  ecommerceCustomerId: idSchema.optional(),
  receiptDelivery: z.array(z.enum(receiptDeliveryChannels)).max(receiptDeliveryChannels.length).optional(),
});

const taxSchema = z.object({ rate: taxRateSchema, taxable: minorAmountSchema, tax: minorAmountSchema });

const totalsSchema = z.object({
  subtotal: minorAmountSchema,
  discountTotal: minorAmountSchema,
  taxTotal: minorAmountSchema,
  total: minorAmountSchema,
});

const paymentSchema = z.object({
  method: z.enum(paymentMethods),
  amount: minorAmountSchema,
  cardBrand: plainString().min(1).max(32).optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/, { error: 'must be exactly 4 digits' })
    .optional(),
  change: minorAmountSchema.meta({ description: 'Cash handed back; only on cash payments.' }).optional(),
});

function linesOf<T extends z.ZodType>(line: T) {
  return z
    .array(line)
    .min(1, { error: 'a transaction has at least one line' })
    .max(MAX_LINES, { error: `a transaction has at most ${MAX_LINES} lines` });
}

const headerFields = {
  transactionId: idSchema,
  storeId: idSchema,
  terminalId: idSchema,
  cashierId: idSchema.meta({ description: 'Absent at self-checkout terminals.' }).optional(),
  occurredAt: occurredAtSchema,
  currency: currencyCodeSchema,
  locale: localeSchema,
  customer: customerSchema.optional(),
};

const amountFields = {
  discounts: z.array(discountSchema).max(50),
  taxes: z.array(taxSchema).max(20),
  totals: totalsSchema,
  payments: z.array(paymentSchema).max(20),
  loyalty: z
    .object({
      pointsRedeemed: z
        .int()
        .nonnegative()
        .max(MAX_MINOR_AMOUNT, { error: `must be at most ${MAX_MINOR_AMOUNT} points` }),
    })
    .optional(),
};

export const posSaleSchema = z.object({
  type: z.literal('sale'),
  originalTransactionId: absent('only a return carries originalTransactionId'),
  ...headerFields,
  lines: linesOf(saleLineSchema),
  ...amountFields,
});

export const posReturnSchema = z.object({
  type: z.literal('return'),
  originalTransactionId: idSchema.meta({ description: 'The sale returned; it may come from another store.' }),
  ...headerFields,
  lines: linesOf(returnLineSchema),
  ...amountFields,
});

/** The payload every POS terminal sends to `POST /v1/transactions` (docs/pos-transaction.md). */
export const posTransactionSchema = z.discriminatedUnion('type', [posSaleSchema, posReturnSchema]);

export type PosSale = z.infer<typeof posSaleSchema>;
export type PosReturn = z.infer<typeof posReturnSchema>;
export type PosTransaction = z.infer<typeof posTransactionSchema>;
export type PosLine = PosTransaction['lines'][number];
export type PosPayment = PosTransaction['payments'][number];
export type PosTax = PosTransaction['taxes'][number];
export type PaymentMethod = (typeof paymentMethods)[number];
