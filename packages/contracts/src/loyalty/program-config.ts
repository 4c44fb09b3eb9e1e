import { z } from 'zod';

/**
 * A retailer's loyalty program: how points are earned, how long they stay pending and live,
 * the tiers, and what points are worth at the till. Versioned: every activation is a new version
 * kept with its author and time, and a sale earns under the version in force when it happened.
 */

/** How a household card's sales earn: see `households` below. */
export const householdBalances = ['shared', 'perPerson'] as const;
export type HouseholdBalance = (typeof householdBalances)[number];

const code = z.string().regex(/^[A-Z0-9_-]{2,32}$/, 'a code is 2 to 32 capitals, digits, _ or -');
const factor = z.number().positive().max(100);
const isoDateTime = z.iso.datetime({ offset: true });

export const campaignConditionSchema = z.discriminatedUnion('kind', [
  /** Every line of every sale in the window. */
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('category'), categories: z.array(z.string().min(1)).min(1).max(100) }),
  z.object({ kind: z.literal('sku'), skus: z.array(z.string().min(1)).min(1).max(1000) }),
  /** The member's first sale that earns points. */
  z.object({ kind: z.literal('firstPurchase') }),
]);

export const campaignRewardSchema = z.discriminatedUnion('kind', [
  /** Multiplies the points of the lines the condition selects (e.g. ×2 on a category). */
  z.object({ kind: z.literal('multiplier'), factor }),
  /** A fixed number of points per qualifying sale, shared out over its eligible lines by the amount paid. */
  z.object({ kind: z.literal('bonus'), points: z.number().int().positive().max(1_000_000) }),
]);

export const campaignSchema = z.object({
  code,
  name: z.string().min(1).max(120),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** Empty: every store of the retailer; otherwise only sales in these stores. */
  storeIds: z.array(z.string().min(1)).max(1000).default([]),
  condition: campaignConditionSchema,
  reward: campaignRewardSchema,
});

export const tierSchema = z.object({
  code,
  name: z.string().min(1).max(60),
  /** Qualifying points (or spend in minor units) over the window needed to hold the tier. */
  threshold: z.number().int().nonnegative(),
  /** The tier's benefit: every earned point is multiplied by it. */
  multiplier: factor,
});

export const programConfigSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    earning: z.object({
      /**
       * Points per whole currency unit paid: a line's total less its share of the basket discount
       * (1 → 1 point per euro).
       */
      pointsPerUnit: z.number().positive().max(1000),
      /** How fractional points of a line are rounded. */
      rounding: z.enum(['down', 'nearest', 'up']),
      /** A sale whose total (minor units) is below this earns nothing. */
      minimumBasket: z.number().int().nonnegative(),
      excluded: z.object({
        skus: z.array(z.string().min(1)).max(10_000).default([]),
        categories: z.array(z.string().min(1)).max(1000).default([]),
      }),
      multipliers: z.object({
        categories: z
          .array(z.object({ category: z.string().min(1), factor }))
          .max(1000)
          .default([]),
        skus: z
          .array(z.object({ sku: z.string().min(1), factor }))
          .max(10_000)
          .default([]),
      }),
      /** Most points one member may earn per calendar day / month (UTC); null: no cap. */
      caps: z.object({
        perDay: z.number().int().positive().nullable(),
        perMonth: z.number().int().positive().nullable(),
      }),
    }),
    campaigns: z.array(campaignSchema).max(200),
    ledger: z.object({
      /** Earned points stay pending for the return window, then become spendable. */
      pendingDays: z.number().int().min(0).max(365),
      expiry: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('never') }),
        z.object({ kind: z.literal('monthsAfterEarning'), months: z.number().int().min(1).max(120) }),
        z.object({ kind: z.literal('endOfFollowingYear') }),
      ]),
      /**
       * When a return takes back points already spent: `recover` lets the balance go negative and
       * future earnings pay it back; `writeOff` takes back only what is left.
       */
      spentPointsOnReturn: z.enum(['recover', 'writeOff']),
      /** A receipt claimed this many days after the sale still earns its points. */
      retroClaimDays: z.number().int().min(0).max(365),
    }),
    tiers: z.object({
      basis: z.enum(['points', 'spend']),
      windowMonths: z.number().int().min(1).max(36),
      /** A member below their tier's threshold keeps it this long before dropping one tier. */
      gracePeriodDays: z.number().int().min(0).max(365),
      /** Ordered by threshold; the first has threshold 0 (every member holds at least it). */
      levels: z.array(tierSchema).min(1).max(10),
    }),
    /**
     * A household card: one loyalty card a family shares at the till, the people on it told apart
     * by their own e-mails. `shared` (the default, also when absent): every sale on the card earns
     * on the card holder's balance, whoever shows it. `perPerson`: a sale on the card that also
     * names the e-mail of another member of the brand earns on that member's own balance.
     */
    households: z.object({ balance: z.enum(householdBalances) }).optional(),
    redemption: z.object({
      /** What one point pays, in minor units of the currency (1 → 1 point = 0.01 EUR). */
      pointValue: z.number().int().positive().max(10_000),
      minimumPoints: z.number().int().nonnegative(),
      /** At most this share of a basket may be paid with points (0–1). */
      maxShareOfBasket: z.number().gt(0).max(1),
      /** A hold not captured within this many minutes lapses and its points are free again. */
      holdMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
  })
  .superRefine((program, ctx) => {
    const levels = program.tiers.levels;
    if (levels[0]?.threshold !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', 'levels', 0, 'threshold'],
        message: 'the first tier starts at 0',
      });
    levels.forEach((level, index) => {
      const previous = levels[index - 1];
      if (previous && level.threshold <= previous.threshold)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', 'levels', index, 'threshold'],
          message: 'tiers are ordered by strictly increasing threshold',
        });
    });
    program.campaigns.forEach((campaign, index) => {
      if (Date.parse(campaign.endsAt) <= Date.parse(campaign.startsAt))
        ctx.addIssue({
          code: 'custom',
          path: ['campaigns', index, 'endsAt'],
          message: 'ends after it starts',
        });
    });
    const codes = program.campaigns.map((campaign) => campaign.code);
    codes.forEach((campaignCode, index) => {
      if (codes.indexOf(campaignCode) !== index)
        ctx.addIssue({
          code: 'custom',
          path: ['campaigns', index, 'code'],
          message: 'campaign codes are unique',
        });
    });
  });

export type ProgramConfig = z.infer<typeof programConfigSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
export type Tier = z.infer<typeof tierSchema>;
