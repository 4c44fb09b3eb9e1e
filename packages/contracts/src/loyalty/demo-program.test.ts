import { describe, expect, it } from 'vitest';
import { demoProgramConfig } from './demo-program.js';
import { programConfigSchema } from './program-config.js';

describe('the demo program', () => {
  it('when parsed with the program schema, then it is valid and unchanged (no default filled in)', () => {
    expect(programConfigSchema.parse(demoProgramConfig)).toEqual(demoProgramConfig);
  });

  it('when read, then it is the demo program: 1 pt/EUR, 14 days pending, three tiers, gift cards excluded', () => {
    expect(demoProgramConfig.earning.pointsPerUnit).toBe(1);
    expect(demoProgramConfig.ledger).toMatchObject({
      pendingDays: 14,
      expiry: { kind: 'monthsAfterEarning', months: 24 },
    });
    expect(demoProgramConfig.tiers.levels.map((t) => [t.code, t.threshold, t.multiplier])).toEqual([
      ['BRONZE', 0, 1],
      ['SILVER', 500, 1.25],
      ['GOLD', 2000, 1.5],
    ]);
    expect(demoProgramConfig.earning.excluded.categories).toContain('gift-cards');
    expect(demoProgramConfig.campaigns).toHaveLength(1);
  });
});
