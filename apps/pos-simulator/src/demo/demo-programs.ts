import { demoProgramConfig } from '@scontrino/contracts';
import type { BrandKind } from '../catalogue/index.js';

type ProgramConfig = typeof demoProgramConfig;
type Campaign = ProgramConfig['campaigns'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The season's campaign of each kind of brand: double points on what sells in December. */
const seasonal: Record<BrandKind, Pick<Campaign, 'code' | 'name' | 'condition'>> = {
  fashion: {
    code: 'INVERNO',
    name: 'Inverno: punti doppi sui capispalla',
    condition: { kind: 'category', categories: ['outerwear'] },
  },
  grocery: {
    code: 'FESTE',
    name: 'Feste: punti doppi su vini e spumanti',
    condition: { kind: 'category', categories: ['wine'] },
  },
};

/**
 * A brand's demo program: the loyalty service's own demo program (1 point per euro, gift cards
 * excluded, 14 days pending, three tiers) with a campaign running from a week ago to a month
 * from `now`, so the demo shows it earning.
 */
export function demoProgram(kind: BrandKind, now: Date): ProgramConfig {
  return {
    ...demoProgramConfig,
    campaigns: [
      {
        ...seasonal[kind],
        startsAt: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
        endsAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
        storeIds: [],
        reward: { kind: 'multiplier', factor: 2 },
      },
    ],
  };
}
