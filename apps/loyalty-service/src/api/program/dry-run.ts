import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { type DryRunDeps, runDryRun } from './dry-run-command.js';
import { configInput, parseProgramConfig, tenantIdSchema } from './program-schemas.js';

export const dryRunInput = z.object({
  tenantId: tenantIdSchema,
  /** The draft configuration, checked like an activation's. */
  config: configInput,
  /** How far back to replay sales. */
  days: z.number().int().min(1).max(366),
  /** The most sales to replay (the oldest of the window first). */
  limit: z.number().int().min(1).max(50_000).default(5_000),
});

const summary = z.object({ total: z.number().int(), byCampaign: z.record(z.string(), z.number().int()) });

export const dryRunOutput = z.object({
  sales: z.number().int().nonnegative(),
  members: z.number().int().nonnegative(),
  withoutMember: z.number().int().nonnegative(),
  truncated: z.boolean(),
  window: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  currentVersion: z.number().int().nullable(),
  current: summary,
  draft: summary,
  delta: summary,
  /** Members whose tier, on the replayed sales, differs under the draft (the first 50 named). */
  tierChanges: z.object({
    upgrades: z.number().int().nonnegative(),
    downgrades: z.number().int().nonnegative(),
    moves: z.array(
      z.object({
        memberId: z.string(),
        from: z.string().nullable(),
        to: z.string(),
        currentQualifying: z.number(),
        draftQualifying: z.number(),
      }),
    ),
  }),
});

/**
 * `program.dryRun`: what a draft would have given on the last `days` of real sales, per campaign,
 * next to the version in force, and the members whose tier those sales would reach differs,
 * before anyone activates it. Bounded: at most `limit` sales (oldest of the window first; the
 * answer says `truncated`). Reads only; writes nothing.
 */
export function dryRunProcedure(deps: DryRunDeps) {
  return staffProcedure('program.read')
    .input(dryRunInput)
    .output(dryRunOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const draft = parseProgramConfig(input.config);
      const answer = await runDryRun(deps, {
        tenantId: input.tenantId,
        draft,
        days: input.days,
        limit: input.limit,
      });
      return {
        ...answer,
        window: { from: answer.window.from.toISOString(), to: answer.window.to.toISOString() },
      };
    });
}
