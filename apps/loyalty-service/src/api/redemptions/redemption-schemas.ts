import { z } from 'zod';
import type { TillMember } from '../../use-cases/redemptions.js';
import { memberIdSchema, tenantIdSchema } from '../members/member-view.js';

/** The till names the member by the card it scanned or by the member id of the app's QR code. */
const tillMemberShape = {
  tenantId: tenantIdSchema,
  cardNumber: z.string().min(4).max(40).optional(),
  memberId: memberIdSchema.optional(),
};

const oneMember = (
  value: { cardNumber?: string | undefined; memberId?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if ((value.cardNumber === undefined) === (value.memberId === undefined))
    ctx.addIssue({ code: 'custom', path: ['cardNumber'], message: 'give either cardNumber or memberId' });
};

/** Minor units of the basket the points would pay for. */
const basketTotal = z.number().int().positive().max(100_000_000);

export const quoteInput = z.object({ ...tillMemberShape, basketTotal }).superRefine(oneMember);
export const holdInput = z
  .object({ ...tillMemberShape, basketTotal, points: z.number().int().positive().max(100_000_000) })
  .superRefine(oneMember);
export const captureInput = z.object({
  holdId: z.string().regex(/^hold_[a-z2-7]{26}$/, 'a hold id (hold_…)'),
  /** The till's transaction the points paid for: capturing again with it answers the same. */
  posTransactionId: z.string().min(1).max(100),
  /** Fewer points than held (the basket shrank); all of them when absent. */
  points: z.number().int().positive().optional(),
});
export const voidInput = captureInput.pick({ holdId: true });

export function tillMemberOf(input: z.infer<typeof quoteInput>): TillMember {
  return input.cardNumber !== undefined
    ? { tenantId: input.tenantId, cardNumber: input.cardNumber }
    : { tenantId: input.tenantId, memberId: input.memberId ?? '' };
}

export const quoteOutput = z.object({
  memberId: z.string(),
  available: z.number().int(),
  maxPoints: z.number().int(),
  maxAmount: z.number().int(),
  pointValue: z.number().int(),
  minimumPoints: z.number().int(),
  limitedBy: z.enum(['balance', 'basket_share', 'minimum_points']),
});
export const holdOutput = z.object({
  holdId: z.string(),
  memberId: z.string(),
  points: z.number().int(),
  amount: z.number().int(),
  expiresAt: z.iso.datetime(),
});
export const captureOutput = z.object({
  holdId: z.string(),
  memberId: z.string(),
  posTransactionId: z.string(),
  points: z.number().int(),
  balance: z.number().int(),
});
export const voidOutput = z.object({ holdId: z.string(), released: z.literal(true) });
