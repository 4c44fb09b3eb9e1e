import { z } from 'zod';
import { type Http, jsonRequest } from '../run/http.js';
import { withSlash } from './terminal-keys.js';

// What the till reads of the loyalty service's answers (its redemption-schemas.ts has the rest).
const quoteSchema = z.object({
  maxPoints: z.number().int().nonnegative(),
  maxAmount: z.number().int().nonnegative(),
});
const holdSchema = z.object({
  holdId: z.string().min(1),
  points: z.number().int().positive(),
  amount: z.number().int().nonnegative(),
});

export type RedemptionQuote = z.infer<typeof quoteSchema>;
export type RedemptionHold = z.infer<typeof holdSchema>;

/** The member the till scanned and the basket the points would pay for. */
export interface TillBasket {
  tenantId: string;
  cardNumber: string;
  /** Minor units, before points. */
  basketTotal: number;
}

/**
 * Redemption at the till over the loyalty service's REST API (`/v1/redemptions`), with the till's
 * own terminal key (the one it posts its sales with; the service token is refused there): how many
 * points can pay this basket, reserve them, then spend them with the POS transaction id or give
 * them back.
 */
export function createLoyaltyClient(http: Http, loyaltyUrl: string) {
  const base = withSlash(loyaltyUrl);
  const post = (kind: Parameters<Http['request']>[0], path: string, body: unknown, terminalKey: string) =>
    http.request(
      kind,
      new URL(path, base),
      jsonRequest('POST', body, { authorization: `Bearer ${terminalKey}` }),
    );
  const holdPath = (holdId: string, action: 'capture' | 'void') =>
    `v1/redemptions/${encodeURIComponent(holdId)}/${action}`;

  return {
    /** Null when the card is no member's, or the service did not answer. */
    async quote(basket: TillBasket, terminalKey: string): Promise<RedemptionQuote | null> {
      const answer = await post('loyalty_quote', 'v1/redemptions/quote', basket, terminalKey);
      const quote = quoteSchema.safeParse(answer.outcome.kind === 'accepted' ? answer.json : undefined);
      return quote.success ? quote.data : null;
    },
    async hold(basket: TillBasket, points: number, terminalKey: string): Promise<RedemptionHold | null> {
      const answer = await post('loyalty_hold', 'v1/redemptions/hold', { ...basket, points }, terminalKey);
      const hold = holdSchema.safeParse(answer.outcome.kind === 'accepted' ? answer.json : undefined);
      return hold.success ? hold.data : null;
    },
    async capture(hold: RedemptionHold, posTransactionId: string, terminalKey: string): Promise<boolean> {
      const answer = await post(
        'loyalty_capture',
        holdPath(hold.holdId, 'capture'),
        { posTransactionId, points: hold.points },
        terminalKey,
      );
      return answer.outcome.kind === 'accepted';
    },
    async void(hold: RedemptionHold, terminalKey: string): Promise<boolean> {
      const answer = await post('loyalty_void', holdPath(hold.holdId, 'void'), {}, terminalKey);
      return answer.outcome.kind === 'accepted';
    },
  };
}

export type LoyaltyClient = ReturnType<typeof createLoyaltyClient>;
