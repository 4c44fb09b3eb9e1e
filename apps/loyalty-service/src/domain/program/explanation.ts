import type { Factor } from './line-points.js';

/** A line that earns nothing, and why: `line 3: 0 pts, category gift-cards is excluded`. */
export function zeroLine(lineId: string, reason: string): string {
  return `line ${lineId}: 0 pts, ${reason}`;
}

/**
 * How a line's points came about, in the order they were computed:
 * `line 2: 158 pts = 79.00 EUR × 1 × campaign AUTUNNO ×2`, then, when they apply, its share of
 * sale-level bonuses (`= 158 + bonus WELCOME 20`) and a cut by a cap
 * (`= 178, capped to 120 by the daily cap`). Intermediate sums appear only when something follows
 * them, so the common line reads as one product.
 */
export function earningLine(input: {
  lineId: string;
  points: number;
  amount: string;
  rate: number;
  factors: readonly Factor[];
  chainPoints: number;
  bonuses: readonly { code: string; points: number }[];
  cap: { kind: 'daily' | 'monthly'; uncapped: number } | null;
}): string {
  const chain = [
    `${input.amount} × ${input.rate}`,
    ...input.factors.map((f) => `${f.label} ×${f.factor}`),
  ].join(' × ');
  let text = `line ${input.lineId}: ${input.points} pts = ${chain}`;
  const bonuses = input.bonuses.filter((bonus) => bonus.points > 0);
  if (bonuses.length > 0)
    text += ` = ${input.chainPoints}${bonuses.map((bonus) => ` + bonus ${bonus.code} ${bonus.points}`).join('')}`;
  if (input.cap) {
    if (bonuses.length > 0) text += ` = ${input.cap.uncapped}`;
    else text += ` = ${input.chainPoints}`;
    text += `, capped to ${input.points} by the ${input.cap.kind} cap`;
  }
  return text;
}
