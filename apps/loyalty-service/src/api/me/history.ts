import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberHistory } from '../../use-cases/member-app.js';
import type { memberProcedure } from '../member-procedure.js';

export const historyInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

const points = z.number().int();
const instant = z.iso.datetime();
const amount = z.object({ minor: z.number().int(), currency: z.string() });
const transfer = { operation: z.enum(['merge', 'unmerge']), rule: z.string() };
/** Entries and lines written before explanations were kept as data: their English sentence. */
const text = z.object({ kind: z.literal('text'), text: z.string() });

/** What an entry did and why, as data the app words in the member's language (see entry-explanation.ts). */
export const entryExplanationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('earned'),
    points,
    transactionId: z.string(),
    storeId: z.string(),
    pendingUntil: instant,
  }),
  z.object({ kind: z.literal('earned_nothing'), transactionId: z.string(), storeId: z.string() }),
  z.object({ kind: z.literal('activated'), points, earnedAt: instant, repaid: points }),
  z.object({ kind: z.literal('held'), points }),
  z.object({ kind: z.literal('redeemed'), points, posTransactionId: z.string() }),
  z.object({ kind: z.literal('released'), points }),
  z.object({
    kind: z.literal('reversed'),
    points,
    transactionId: z.string(),
    originalTransactionId: z.string(),
    recovered: points,
    writtenOff: points,
  }),
  z.object({ kind: z.literal('expired'), points, earnedAt: instant }),
  z.object({ kind: z.literal('adjusted'), points, actor: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('moved_out'), points, toMemberId: z.string(), ...transfer }),
  z.object({ kind: z.literal('moved_in'), points, fromMemberId: z.string(), ...transfer }),
  text,
]);

const noPointsReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('excluded_sku'), sku: z.string() }),
  z.object({ kind: z.literal('excluded_category'), category: z.string() }),
  z.object({ kind: z.literal('return') }),
  z.object({ kind: z.literal('other_currency'), saleCurrency: z.string(), programCurrency: z.string() }),
  z.object({ kind: z.literal('below_minimum'), basket: amount, minimum: amount }),
]);

/** How a line came to its points, as data (see program/explanation.ts). */
export const lineExplanationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('earned'),
    lineId: z.string(),
    points,
    paid: amount,
    rate: z.number(),
    factors: z.array(
      z.object({
        kind: z.enum(['sku', 'category', 'campaign', 'tier']),
        code: z.string(),
        factor: z.number(),
      }),
    ),
    chainPoints: points,
    bonuses: z.array(z.object({ code: z.string(), points })),
    cap: z.object({ period: z.enum(['daily', 'monthly']), uncapped: points }).nullable(),
  }),
  z.object({ kind: z.literal('no_points'), lineId: z.string(), reason: noPointsReasonSchema }),
  z.object({
    kind: z.literal('returned'),
    lineId: z.string(),
    points,
    quantity: z.number(),
    originalLineId: z.string(),
  }),
  text,
]);

export const historyOutput = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      at: instant,
      points,
      pending: points,
      active: points,
      because: entryExplanationSchema,
      lines: z.array(z.object({ lineId: z.string(), points, because: lineExplanationSchema })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/**
 * `me.history`: the member's ledger newest first, with an opaque cursor, each entry and each sale
 * line explained as data (kind and figures) that the app words in the member's language.
 */
export function historyProcedure(deps: LoyaltyDeps, procedure: ReturnType<typeof memberProcedure>) {
  return procedure
    .input(historyInput)
    .output(historyOutput)
    .query(async ({ ctx, input }) => {
      const page = await memberHistory(deps, ctx.session, input);
      return { ...page, entries: page.entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })) };
    });
}
