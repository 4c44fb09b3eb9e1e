import { describe, expect, it } from 'vitest';
import { evaluateEarn } from './earning.js';
import {
  campaign,
  exampleSale,
  line,
  member,
  programVersion,
  saleOf,
  withCampaigns,
  withEarning,
} from './program-fixtures.js';

const basketNote = 'basket discount of 5.00 EUR shared over the lines by value: points count what was paid';
const capped = (perDay: number | null, perMonth: number | null) =>
  programVersion(withEarning({ caps: { perDay, perMonth } }));

describe('caps', () => {
  it('when the sale would pass the daily cap, then the total is cut to what is left and shared back over the lines', () => {
    const result = evaluateEarn(capped(200, null), exampleSale(), member({ earnedToday: 50 }));
    // Uncapped 156 + 76 = 232 (on 78.38 and 76.53 paid). 150 left: 156 × 150/232 = 100.862 and
    // 76 × 150/232 = 49.138 → 100 + 49, the point left to line 1.
    expect(result.lines.map((l) => l.explanation)).toEqual([
      'line 1: 101 pts = 78.38 EUR × 1 × campaign AUTUNNO ×2 = 156, capped to 101 by the daily cap',
      'line 2: 49 pts = 76.53 EUR × 1 = 76, capped to 49 by the daily cap',
    ]);
    expect(result.total).toBe(150);
    expect(result.notes).toEqual([
      basketNote,
      'daily cap of 200 pts: 150 of 232 pts given (50 already earned today)',
    ]);
    // The campaign keeps its share of what is left: 78 × 150/232 = 50.4 → 50.
    expect(result.byCampaign).toEqual({ AUTUNNO: 50 });
  });

  it('when the sale reaches the cap exactly, then nothing is cut and no cap is mentioned', () => {
    const result = evaluateEarn(capped(232, null), exampleSale(), member());
    expect(result.total).toBe(232);
    expect(result.notes).toEqual([basketNote]);
  });

  it('when the monthly cap leaves less room than the daily one, then the monthly cap applies', () => {
    const result = evaluateEarn(
      capped(1000, 3000),
      exampleSale(),
      member({ earnedToday: 0, earnedThisMonth: 2900 }),
    );
    expect(result.total).toBe(100);
    expect(result.notes).toEqual([
      basketNote,
      'monthly cap of 3000 pts: 100 of 232 pts given (2900 already earned this month)',
    ]);
    // 156 × 100/232 = 67.24 and 76 × 100/232 = 32.76 → 67 + 32, the point left to line 2 (.76 > .24).
    expect(result.lines.map((l) => l.points)).toEqual([67, 33]);
    expect(result.lines[1]?.explanation).toBe(
      'line 2: 33 pts = 76.53 EUR × 1 = 76, capped to 33 by the monthly cap',
    );
  });

  it('when the member already reached (or passed) the cap, then the sale earns 0, never less', () => {
    for (const earnedToday of [200, 350]) {
      const result = evaluateEarn(capped(200, null), exampleSale(), member({ earnedToday }));
      expect(result.total).toBe(0);
      expect(result.lines.every((l) => l.points === 0)).toBe(true);
    }
  });

  it('when a bonus pushes the sale over the cap, then the cap applies to points and bonus together', () => {
    const program = programVersion((c) =>
      withCampaigns(
        campaign({
          code: 'WELCOME',
          condition: { kind: 'firstPurchase' },
          reward: { kind: 'bonus', points: 100 },
        }),
      )(withEarning({ caps: { perDay: 150, perMonth: null } })(c)),
    );
    const result = evaluateEarn(program, saleOf([line('1', 10_000)]), member({ firstPurchase: true }));
    expect(result.lines[0]?.explanation).toBe(
      'line 1: 150 pts = 100.00 EUR × 1 = 100 + bonus WELCOME 100 = 200, capped to 150 by the daily cap',
    );
    expect(result.byCampaign).toEqual({ WELCOME: 75 });
  });

  it('when the cap cuts a sale with an excluded line, then the excluded line stays at 0', () => {
    const sale = saleOf([line('1', 5000), line('2', 5000, { category: 'gift-cards' })]);
    const result = evaluateEarn(capped(10, null), sale, member());
    expect(result.lines.map((l) => l.points)).toEqual([10, 0]);
  });
});
